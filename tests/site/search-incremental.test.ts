/**
 * Incremental index builds (src/integrations/search-plan.ts, search-cache.ts): with a cache
 * folder, a build indexes only the reports added or edited since the cache's full build and
 * merges them with the cached shards. The index it writes must be the one a full build with
 * the same frequent bigrams writes, byte for byte; a cache it cannot trust must lead to a full
 * build, never to a wrong index.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SyntheticReport } from '../../scripts/lib/synthetic-archive.ts';
import { writeSearchIndex, type IndexOptions } from '../../src/integrations/search-index.ts';
import { MAX_DRIFT } from '../../src/integrations/search-plan.ts';
import type { SegmentStart } from '../../src/integrations/search-segments.ts';
import type { Catalog } from '../../src/search/catalog.ts';
import { segmentFolder, segmentSizes } from '../../src/search/pagefind-index.ts';
import type { FrequentBigrams } from '../../src/search/tokens.ts';
import { readSiteCatalog } from '../helpers/catalog.ts';
import { indexFiles, newReports, writeArticlePage, writeIndexSite } from '../helpers/index-site.ts';

/** Small shards and partitions, so that a few hundred reports make several of each. */
const SIZES = { shardWords: 60_000, partitionPages: 40 } as const;

const catalogOf = (dist: string) => readSiteCatalog(dist);
const manifestOf = (cache: string) =>
  JSON.parse(readFileSync(join(cache, 'manifest.json'), 'utf8')) as {
    shards: { dir: string; delta: boolean; articles: [string, string][] }[];
    segments: { dir: string }[];
  };

/** A report of the archive, changed: a new ID for a date and province, or an edited paragraph. */
function variant(report: SyntheticReport, changes: Partial<SyntheticReport>): SyntheticReport {
  const date = changes.date ?? report.date;
  const province = changes.province ?? report.province;
  return {
    ...report,
    ...changes,
    id: changes.date || changes.province ? `${date}-${province}-9` : report.id,
  };
}

/** Adds a newest and a backdated report, edits one and deletes one; returns their IDs. */
function changeArchive(dist: string, reports: readonly SyntheticReport[]) {
  const byDate = [...reports].sort((a, b) => a.date.localeCompare(b.date));
  const newest = variant(byDate.at(-1)!, { date: '2026-01-05', title: '最新的一篇会议报道' });
  const backdated = variant(byDate[0]!, { date: '2016-02-29', province: 'xizang' });
  const middle = byDate[Math.floor(byDate.length / 3)]!;
  const edited = variant(middle, {
    paragraphs: [...middle.paragraphs, '会议强调，修改后的段落只在这一篇里出现。'],
  });
  const deleted = byDate[Math.floor((2 * byDate.length) / 3)]!;
  for (const report of [newest, backdated, edited]) writeArticlePage(dist, report);
  rmSync(join(dist, 'articles', deleted.id), { recursive: true });
  return { newest, backdated, edited, deleted };
}

describe('an incremental index build', () => {
  it('writes, byte for byte, the index that a full build with the same frequent bigrams writes', async () => {
    const { dist, reports } = writeIndexSite(200);
    const cache = join(dirname(dist), 'cache');
    const options: IndexOptions = { ...SIZES, cacheDir: cache };
    const full = await writeSearchIndex(dist, '/', options);
    expect(full.fullBecause).toMatch(/^cache none/);
    expect(full.shards).toBeGreaterThanOrEqual(3);
    expect(full.parsed).toBe(reports.length);
    const frozen = catalogOf(dist).frequent;
    const changed = changeArchive(dist, reports);

    const incremental = await writeSearchIndex(dist, '/', options);
    expect(incremental.fullBecause).toBeUndefined();
    expect(incremental.changes).toEqual({ added: 2, edited: 1, deleted: 1 });
    // Only the pages written since were parsed; the others' documents came from the cache.
    expect(incremental.parsed).toBe([changed.newest, changed.backdated, changed.edited].length);
    // Only the changed reports were indexed anew: one shard of three, the others cached.
    expect(incremental.indexed).toBe(1);
    expect(incremental.shards).toBe(full.shards + 1);
    expect(manifestOf(cache).shards.filter((shard) => shard.delta)).toEqual([
      expect.objectContaining({
        articles: expect.arrayContaining(
          [changed.newest, changed.backdated, changed.edited].map((report) => [
            report.id,
            expect.any(String),
          ]),
        ),
      }),
    ]);
    expect(catalogOf(dist).frequent).toEqual(frozen);

    const copy = join(dirname(dist), 'full');
    cpSync(dist, copy, { recursive: true });
    const rebuilt = await writeSearchIndex(copy, '/', { ...SIZES, full: true, frequent: frozen });
    expect(rebuilt.indexed).toBe(rebuilt.shards);
    const expected = indexFiles(copy);
    expect(expected.size).toBeGreaterThan(reports.length);
    // Every display file is compared, those of cached pages too.
    const docs = [...expected.keys()].filter((file) => file.startsWith('search/docs/'));
    expect(docs.length).toBe(readdirSync(join(dist, 'articles')).length);
    expect(indexFiles(dist)).toEqual(expected);
    // The catalog, and so the index, has the new reports and not the deleted one.
    const ids = Array.from({ length: catalogOf(dist).size }, (_, i) => catalogOf(dist).entry(i).id);
    expect(ids).toContain(changed.newest.id);
    expect(ids).toContain(changed.backdated.id);
    expect(ids).not.toContain(changed.deleted.id);
    expect(ids[0]).toBe(changed.newest.id);
  });
});

/** A site of `count` reports indexed in full with a cache; returns its folders and reports. */
async function cachedSite(count: number) {
  const { dist, reports } = writeIndexSite(count);
  const cache = join(dirname(dist), 'cache');
  const options: IndexOptions = { ...SIZES, cacheDir: cache };
  const full = await writeSearchIndex(dist, '/', options);
  return { dist, reports, cache, options, full };
}

/** A copy of the site and its cache in new folders beside them. */
function copySite(dist: string, cache: string, name: string) {
  const copy = {
    dist: join(dirname(dist), name, 'dist'),
    cache: join(dirname(dist), name, 'cache'),
  };
  cpSync(dist, copy.dist, { recursive: true });
  cpSync(cache, copy.cache, { recursive: true });
  return copy;
}

/** Ways a cache can be damaged or foreign, each with what the build must say of it. */
const DAMAGE: { name: string; said: RegExp; damage(cache: string): void }[] = [
  {
    name: 'a manifest cut short',
    said: /manifest\.json is not JSON/,
    damage: (cache) => {
      const file = join(cache, 'manifest.json');
      writeFileSync(file, readFileSync(file, 'utf8').slice(0, 100));
    },
  },
  {
    name: 'a manifest of another schema',
    said: /is not a manifest of schema/,
    damage: (cache) => editManifest(cache, (manifest) => ({ ...manifest, schema: 99 })),
  },
  {
    name: 'shards of another Pagefind version',
    said: /made by Pagefind 1\.5\.0, not /,
    damage: (cache) => editManifest(cache, (manifest) => ({ ...manifest, pagefind: '1.5.0' })),
  },
  {
    name: 'shards of other indexing code',
    said: /made by other indexing code/,
    damage: (cache) => editManifest(cache, (manifest) => ({ ...manifest, code: '0'.repeat(64) })),
  },
  {
    name: 'shards for another base path',
    said: /made for base path \/other\/, not \//,
    damage: (cache) => editManifest(cache, (manifest) => ({ ...manifest, base: '/other/' })),
  },
  {
    name: 'a page record without its fields',
    said: /is not a manifest of schema/,
    damage: (cache) =>
      editManifest(cache, (manifest) => ({
        ...manifest,
        pages: (manifest.pages as object[]).map((page, i) =>
          i ? page : { ...page, fields: undefined },
        ),
      })),
  },
  {
    name: 'a byte of a shard changed',
    said: /shard [\w-]+ was changed or damaged/,
    damage: (cache) => {
      const index = join(shardDirOf(cache), 'index');
      const file = join(index, readdirSync(index)[0]!);
      const bytes = readFileSync(file);
      bytes[bytes.length - 1] ^= 1;
      writeFileSync(file, bytes);
    },
  },
  {
    name: 'a shard missing',
    said: /shard [\w-]+ is missing/,
    damage: (cache) => rmSync(shardDirOf(cache), { recursive: true }),
  },
];

function editManifest(cache: string, edit: (manifest: Record<string, unknown>) => unknown) {
  const file = join(cache, 'manifest.json');
  writeFileSync(file, JSON.stringify(edit(JSON.parse(readFileSync(file, 'utf8')))));
}

/** The folder of the cache's first shard. */
const shardDirOf = (cache: string) => join(cache, 'shards', manifestOf(cache).shards[0]!.dir);

describe('a cache the build cannot trust', () => {
  let site: Awaited<ReturnType<typeof cachedSite>>;
  let expected: Map<string, string>;
  beforeAll(async () => {
    site = await cachedSite(120);
    // One report added since, so that a usable cache would make the build incremental.
    for (const report of newReports(1, '2026-02-01')) writeArticlePage(site.dist, report);
    const expectedCopy = copySite(site.dist, site.cache, 'expected');
    await writeSearchIndex(expectedCopy.dist, '/', { ...SIZES, full: true });
    expected = indexFiles(expectedCopy.dist);
  });

  it('is used when it is sound: the same site indexes incrementally', async () => {
    const copy = copySite(site.dist, site.cache, 'sound');
    const summary = await writeSearchIndex(copy.dist, '/', { ...SIZES, cacheDir: copy.cache });
    expect(summary.fullBecause).toBeUndefined();
    expect(summary.changes).toEqual({ added: 1, edited: 0, deleted: 0 });
  });

  for (const { name, said, damage } of DAMAGE)
    it(`leads to a full build, saying why, and the right index: ${name}`, async () => {
      const copy = copySite(site.dist, site.cache, name.replaceAll(' ', '-'));
      damage(copy.cache);
      const summary = await writeSearchIndex(copy.dist, '/', { ...SIZES, cacheDir: copy.cache });
      expect(summary.fullBecause).toMatch(said);
      expect(indexFiles(copy.dist)).toEqual(expected);
      // And the cache is whole again: the next build can be incremental.
      const again = await writeSearchIndex(copy.dist, '/', { ...SIZES, cacheDir: copy.cache });
      expect(again.fullBecause).toBeUndefined();
      expect(again.indexed).toBe(0);
    });

  it('keeps no folder or file that a killed build left, and does not rebuild for them', async () => {
    const copy = copySite(site.dist, site.cache, 'killed');
    const partial = join(copy.cache, 'shards', 'killed-1-1.partial');
    mkdirSync(join(partial, 'index'), { recursive: true });
    writeFileSync(join(partial, 'index', 'half.pf_index'), 'half');
    writeFileSync(join(copy.cache, 'manifest.json.tmp-1'), '{"schema":');
    const summary = await writeSearchIndex(copy.dist, '/', { ...SIZES, cacheDir: copy.cache });
    expect(summary.fullBecause).toBeUndefined();
    expect(existsSync(partial)).toBe(false);
    expect(existsSync(join(copy.cache, 'manifest.json.tmp-1'))).toBe(false);
    expect(readdirSync(join(copy.cache, 'shards')).sort()).toEqual(
      manifestOf(copy.cache)
        .shards.map((shard) => shard.dir)
        .sort(),
    );
  });
});

describe('the work of an incremental build', () => {
  it('indexes only what changed: nothing for no change or a deletion, one shard for added reports; the full build’s shards stay', async () => {
    const site = await cachedSite(150);
    const base = manifestOf(site.cache).shards;
    expect(base.length).toBe(site.full.shards);
    const none = { added: 0, edited: 0, deleted: 0 };
    const unchanged = await writeSearchIndex(site.dist, '/', site.options);
    expect(unchanged).toMatchObject({
      indexed: 0,
      shards: base.length,
      changes: none,
      parsed: 0,
    });

    const added = newReports(5, '2026-03-01', '2026-03-31');
    for (const report of added) writeArticlePage(site.dist, report);
    const adding = await writeSearchIndex(site.dist, '/', site.options);
    expect(adding).toMatchObject({
      indexed: 1,
      shards: base.length + 1,
      changes: { ...none, added: added.length },
      parsed: added.length,
    });
    const shards = manifestOf(site.cache).shards;
    expect(shards.filter((shard) => !shard.delta)).toEqual(base);
    const delta = shards.filter((shard) => shard.delta);
    expect(delta.flatMap((shard) => shard.articles.map(([id]) => id)).sort()).toEqual(
      added.map((report) => report.id).sort(),
    );

    rmSync(join(site.dist, 'articles', site.reports[0]!.id), { recursive: true });
    const deleting = await writeSearchIndex(site.dist, '/', site.options);
    expect(deleting).toMatchObject({
      indexed: 0,
      shards: base.length + 1,
      changes: { ...none, added: added.length, deleted: 1 },
      parsed: 0,
    });
    expect(manifestOf(site.cache).shards).toEqual(shards);

    // Deletions up to the drift allowed stay incremental; one more makes the build full.
    const allowed = Math.floor(MAX_DRIFT * site.reports.length);
    const more = site.reports.slice(1, 1 + allowed - added.length - 1);
    for (const report of more) rmSync(join(site.dist, 'articles', report.id), { recursive: true });
    const atLimit = await writeSearchIndex(site.dist, '/', site.options);
    expect(atLimit.changes).toEqual({ ...none, added: added.length, deleted: 1 + more.length });
    expect(atLimit.indexed).toBe(0);
    rmSync(join(site.dist, 'articles', site.reports[1 + more.length]!.id), { recursive: true });
    const beyond = await writeSearchIndex(site.dist, '/', site.options);
    expect(beyond.fullBecause).toBe(
      `${allowed + 1} of ${site.reports.length} reports changed since the full build, over ${MAX_DRIFT * 100}%`,
    );
    expect(beyond.indexed).toBe(beyond.shards);
    // A build full by drift still takes the unchanged pages' documents from the cache.
    expect(beyond.parsed).toBe(0);
  });
});

/**
 * Adds a link to `next` after the article on the page of `id`, as `astro build` changes a
 * report's page when a neighbour or a related report is added.
 */
function linkNeighbour(dist: string, id: string, next: SyntheticReport): void {
  const file = join(dist, 'articles', id, 'index.html');
  const html = readFileSync(file, 'utf8');
  const end = html.lastIndexOf('</article>') + '</article>'.length;
  const link = `<nav class="neighbours"><a href="/articles/${next.id}/" rel="next">${next.title}</a></nav>`;
  writeFileSync(file, html.slice(0, end) + link + html.slice(end));
}

/** The files a full build without cache writes for the site in `dist` (a copy), with `frequent`. */
async function fullBuildFiles(dist: string, name: string, frequent: FrequentBigrams) {
  const copy = join(dirname(dist), name);
  cpSync(dist, copy, { recursive: true });
  const summary = await writeSearchIndex(copy, '/', { ...SIZES, full: true, frequent });
  return { summary, files: indexFiles(copy) };
}

describe('the page cache', () => {
  it('parses only the page of a report added, not its neighbours’ pages that link to it, and writes what a full build writes', async () => {
    const site = await cachedSite(60);
    const frozen = catalogOf(site.dist).frequent;
    const [added] = newReports(1, '2026-02-01');
    writeArticlePage(site.dist, added!);
    const neighbours = site.reports.slice(0, 3);
    for (const report of neighbours) linkNeighbour(site.dist, report.id, added!);
    const summary = await writeSearchIndex(site.dist, '/', site.options);
    expect(summary.fullBecause).toBeUndefined();
    expect(summary.parsed).toBe(1);
    const full = await fullBuildFiles(site.dist, 'full', frozen);
    expect(full.summary.parsed).toBe(site.reports.length + 1);
    expect(indexFiles(site.dist)).toEqual(full.files);
    // The neighbours' pages as they are now are in the cache: the next build parses none.
    const again = await writeSearchIndex(site.dist, '/', site.options);
    expect(again.parsed).toBe(0);
    expect(indexFiles(site.dist)).toEqual(full.files);
  });

  it('parses again a page whose cached display file was changed or removed, and keeps no file the manifest does not name', async () => {
    const site = await cachedSite(40);
    const frozen = catalogOf(site.dist).frequent;
    const pagesDir = join(site.cache, 'pages');
    const files = readdirSync(pagesDir).sort();
    expect(files.length).toBe(site.reports.length);
    const changedFile = join(pagesDir, files[0]!);
    writeFileSync(changedFile, readFileSync(changedFile, 'utf8').replace('"text":"', '"text":"改'));
    rmSync(join(pagesDir, files[1]!));
    writeFileSync(join(pagesDir, 'left-by-a-killed-build.json'), '{}');
    const summary = await writeSearchIndex(site.dist, '/', site.options);
    expect(summary.fullBecause).toBeUndefined();
    expect(summary.parsed).toBe(2);
    expect(indexFiles(site.dist)).toEqual((await fullBuildFiles(site.dist, 'full', frozen)).files);
    expect(readdirSync(pagesDir).sort()).toEqual(files);
    // `--full` reads no page from the cache.
    const full = await writeSearchIndex(site.dist, '/', { ...site.options, full: true });
    expect(full.parsed).toBe(site.reports.length);
  });
});

/** The files of segment `k`'s index by their path in its folder; the first's without the others' folders. */
function segmentFiles(files: ReadonlyMap<string, string>, k: number): Map<string, string> {
  const folder = `pagefind/${segmentFolder(k)}`;
  return new Map(
    [...files]
      .filter(([file]) => file.startsWith(folder) && (k || !file.startsWith('pagefind/segment-')))
      .map(([file, hash]) => [file.slice(folder.length), hash]),
  );
}

/** Where the segments of the site's catalog start: the oldest report of each but the oldest. */
function segmentStartsOf(dist: string): SegmentStart[] {
  const catalog = catalogOf(dist);
  return catalog.segments
    .slice(0, -1)
    .map(({ start, size }): SegmentStart => {
      const { date, id } = catalog.entry(start + size - 1);
      return [date, id];
    })
    .reverse();
}

/**
 * A date strictly between the oldest report of segment `k` and that of the next newer segment
 * (the date of its middle report): a report of that date belongs to segment `k`.
 */
function dateInside(catalog: Catalog, k: number): string {
  const { start, size } = catalog.segments[k]!;
  const date = catalog.entry(start + Math.floor(size / 2)).date;
  const edges = [start - 1, start + size - 1].filter((i) => i >= 0);
  expect(edges.map((i) => catalog.entry(i).date)).not.toContain(date);
  return date;
}

/** The segment of the catalog that holds report `id`. */
function segmentOfReport(catalog: Catalog, id: string): number {
  const position = Array.from({ length: catalog.size }, (_, i) => catalog.entry(i).id).indexOf(id);
  expect(position).toBeGreaterThanOrEqual(0);
  return catalog.segments.findIndex(({ start, size }) => position < start + size);
}

/** A site of `count` reports in segments of `segmentPages`, indexed in full with a cache. */
async function segmentedSite(count: number, segmentPages: number) {
  const { dist, reports } = writeIndexSite(count);
  const cache = join(dirname(dist), 'cache');
  const options: IndexOptions = { ...SIZES, segmentPages, cacheDir: cache };
  const full = await writeSearchIndex(dist, '/', options);
  const segments = segmentSizes(count, segmentPages).length;
  expect(full).toMatchObject({ segments, merged: segments });
  return { dist, reports, cache, options, segments, frozen: catalogOf(dist).frequent };
}

/** The index files of a full build of a copy of `dist` with `options`. */
async function fullIndexFiles(dist: string, name: string, options: IndexOptions) {
  const copy = join(dirname(dist), name);
  cpSync(dist, copy, { recursive: true });
  await writeSearchIndex(copy, '/', { ...options, cacheDir: undefined, full: true });
  return indexFiles(copy);
}

describe('the segments of an incremental build', () => {
  it('are merged again only where reports changed (newest and backdated), and make the index a full build with the same frequent bigrams and segment starts makes', async () => {
    const site = await segmentedSite(180, 50);
    expect(site.segments).toBeGreaterThanOrEqual(4);
    const before = indexFiles(site.dist);
    const middle = Math.floor(site.segments / 2);
    const [newest] = newReports(1, '2026-03-01');
    const [backdated] = newReports(1, dateInside(catalogOf(site.dist), middle), undefined, 11);
    expect(site.reports.map((report) => report.id)).not.toContain(backdated!.id);
    for (const report of [newest!, backdated!]) writeArticlePage(site.dist, report);
    const incremental = await writeSearchIndex(site.dist, '/', site.options);
    expect(incremental).toMatchObject({
      segments: site.segments,
      merged: 2,
      changes: { added: 2, edited: 0, deleted: 0 },
    });
    const catalog = catalogOf(site.dist);
    expect(segmentOfReport(catalog, newest!.id)).toBe(0);
    expect(segmentOfReport(catalog, backdated!.id)).toBe(middle);
    const after = indexFiles(site.dist);
    for (let k = 0; k < site.segments; k++)
      if (k === 0 || k === middle)
        expect(segmentFiles(after, k)).not.toEqual(segmentFiles(before, k));
      else expect(segmentFiles(after, k)).toEqual(segmentFiles(before, k));
    const starts = segmentStartsOf(site.dist);
    expect(starts.length).toBe(site.segments - 1);
    const options = { ...site.options, frequent: site.frozen, segmentStarts: starts };
    expect(after).toEqual(await fullIndexFiles(site.dist, 'full', options));
  });

  it('cut a newest segment grown past one and a half times its size as a full build cuts it: only it and the segment it was are merged', async () => {
    const site = await segmentedSite(200, 10);
    const before = indexFiles(site.dist);
    // The newest segment holds 10; with 5 more, a full build cuts it in two.
    const added = newReports(5, '2026-03-01', '2026-03-05');
    for (const report of added) writeArticlePage(site.dist, report);
    const incremental = await writeSearchIndex(site.dist, '/', site.options);
    const segments = segmentSizes(site.reports.length + added.length, 10).length;
    expect(segments).toBe(site.segments + 1);
    expect(incremental).toMatchObject({ segments, merged: 2 });
    // The other segments kept their bytes, one place further.
    for (let k = 1; k < site.segments; k++)
      expect(segmentFiles(indexFiles(site.dist), k + 1)).toEqual(segmentFiles(before, k));
    // A full build, with no segment starts given, cuts the same.
    const options = { ...site.options, frequent: site.frozen };
    expect(indexFiles(site.dist)).toEqual(await fullIndexFiles(site.dist, 'full', options));
  });

  it('make the build full, saying why, when one is emptied or grown past twice its size', async () => {
    const site = await segmentedSite(100, 3);
    const catalog = catalogOf(site.dist);
    const k = Math.floor(site.segments / 2);
    const { start, size } = catalog.segments[k]!;
    const emptied = copySite(site.dist, site.cache, 'emptied');
    for (let i = start; i < start + size; i++)
      rmSync(join(emptied.dist, 'articles', catalog.entry(i).id), { recursive: true });
    const options = { ...site.options, cacheDir: emptied.cache };
    // A segment is named by where it starts: its oldest report.
    const { date, id } = catalog.entry(start + size - 1);
    expect((await writeSearchIndex(emptied.dist, '/', options)).fullBecause).toBe(
      `the segment from ${date} ${id} has no report left`,
    );

    const added = newReports(2 * 3 + 1 - size, dateInside(catalog, k), undefined, 11);
    for (const report of added) writeArticlePage(site.dist, report);
    expect((await writeSearchIndex(site.dist, '/', site.options)).fullBecause).toBe(
      `the segment from ${date} ${id} has ${size + added.length} reports, over twice 3`,
    );
  });

  it('are cut anew, in a full build, when the segment size changed since the cache', async () => {
    const site = await segmentedSite(120, 50);
    const resized = await writeSearchIndex(site.dist, '/', { ...site.options, segmentPages: 40 });
    expect(resized.fullBecause).toBe('segments of 50 reports in the cache, not 40');
    expect(resized.segments).toBe(segmentSizes(site.reports.length, 40).length);
    const again = await writeSearchIndex(site.dist, '/', { ...site.options, segmentPages: 40 });
    expect(again).toMatchObject({ merged: 0, changes: { added: 0, edited: 0, deleted: 0 } });
  });

  it('are merged again from the shards when their cached bytes changed', async () => {
    const site = await segmentedSite(90, 50);
    for (const report of newReports(1, '2026-03-01')) writeArticlePage(site.dist, report);
    const sound = copySite(site.dist, site.cache, 'sound');
    const soundBuild = await writeSearchIndex(sound.dist, '/', {
      ...site.options,
      cacheDir: sound.cache,
    });
    expect(soundBuild).toMatchObject({ segments: site.segments, merged: 1 });
    for (const { dir } of manifestOf(site.cache).segments) {
      const index = join(site.cache, 'segments', dir, 'index');
      const file = join(index, readdirSync(index)[0]!);
      const bytes = readFileSync(file);
      bytes[bytes.length - 1] ^= 1;
      writeFileSync(file, bytes);
    }
    const damaged = await writeSearchIndex(site.dist, '/', site.options);
    expect(damaged).toMatchObject({ segments: site.segments, merged: site.segments });
    expect(damaged.fullBecause).toBeUndefined();
    expect(indexFiles(site.dist)).toEqual(indexFiles(sound.dist));
    // The cache keeps the segments merged again: the next build takes them.
    const again = await writeSearchIndex(site.dist, '/', site.options);
    expect(again.merged).toBe(0);
  });
});
