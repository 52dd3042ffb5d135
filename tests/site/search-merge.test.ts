/**
 * The indexer merges the shards Pagefind wrote into one index (src/integrations/pagefind-merge.ts):
 * page IDs become catalog keys, word counts 1, every word keeps its pages and positions. The
 * browser tests (search.test.ts) prove that Pagefind searches the merged index; these check
 * the files, and the merge itself on shards that Pagefind writes here.
 */
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { encode } from 'cborg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  byCodePoint,
  mergeShards,
  RANGE_STARTS,
  readPagefindData,
} from '../../src/integrations/pagefind-merge.ts';
import { indexWithPagefind } from '../helpers/pagefind-indexer.ts';
import { catalogKey } from '../../src/search/catalog.ts';
import { readSiteCatalog } from '../helpers/catalog.ts';
import {
  INDEX_FILE_ATTRIBUTES,
  partitionWord,
  segmentFolder,
} from '../../src/search/pagefind-index.ts';
import { fileHashes, page as builtPage } from '../helpers/dist.ts';
import { DIST } from '../helpers/paths.ts';
import { characterWord } from '../../src/search/tokens.ts';

type Meta = [string, [string, number, ...unknown[]][], [string, string, string][], ...unknown[]];
type Chunk = [[string, [number, ...unknown[]][]][]];

const metaOf = (dir: string) => {
  const entry = JSON.parse(readFileSync(join(dir, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { hash: string; page_count: number }>;
  };
  const [language] = Object.values(entry.languages);
  return {
    file: `pagefind.${language!.hash}.pf_meta`,
    pageCount: language!.page_count,
    meta: readPagefindData(join(dir, `pagefind.${language!.hash}.pf_meta`)) as Meta,
  };
};

/** Every word of the index in `dir`: page ID (by `idOf`, from Pagefind's page hash or key) → the rest of its entry (positions …), as JSON. */
function postings(
  dir: string,
  idOf: (page: string) => string = (page) => page,
): Map<string, Map<string, string>> {
  const { meta } = metaOf(dir);
  const words = new Map<string, Map<string, string>>();
  for (const [, , file] of meta[2]) {
    for (const [word, pages] of (
      readPagefindData(join(dir, 'index', `${file}.pf_index`)) as Chunk
    )[0]) {
      const found = words.get(word) ?? new Map<string, string>();
      let page = 0;
      for (const [delta, ...rest] of pages) {
        page += delta;
        found.set(idOf(meta[1][page]![0]), JSON.stringify(rest));
      }
      words.set(word, found);
    }
  }
  return words;
}

describe('the built index', () => {
  const catalog = readSiteCatalog(DIST);
  const segments = catalog.segments.map((segment, k) => ({
    k,
    ...segment,
    dir: join(DIST, 'pagefind', segmentFolder(k)),
  }));

  it('has more than one segment in the test build (global-setup)', () => {
    expect(segments.length).toBeGreaterThan(1);
  });

  it.each(segments)(
    'segment $k: is the metadata pagefind-entry.json points to, named by its content; the search page names the first',
    ({ k, dir, size }) => {
      const { file, pageCount } = metaOf(dir);
      if (!k)
        expect(builtPage('/search/')('.search-panel').attr(INDEX_FILE_ATTRIBUTES.meta)).toBe(file);
      expect(pageCount).toBe(size);
      expect(readdirSync(dir).filter((name) => name.endsWith('.pf_meta'))).toEqual([file]);
    },
  );

  it.each(segments)(
    'segment $k: names each of its reports once, by its catalog key in the segment, with a word count of 1',
    ({ dir, size }) => {
      const pages = metaOf(dir).meta[1];
      expect(pages.map(([id]) => id).sort()).toEqual(
        Array.from({ length: size }, (_, i) => catalogKey(i)).sort(),
      );
      expect(new Set(pages.map(([, words]) => words))).toEqual(new Set([1]));
    },
  );

  it.each(segments)('segment $k: lists chunk files that exist, and none besides', ({ dir }) => {
    const chunks = metaOf(dir).meta[2];
    const files = readdirSync(join(dir, 'index')).map((name) => name.replace(/\.pf_index$/, ''));
    expect(files.sort()).toEqual(chunks.map(([, , file]) => file).sort());
  });

  it.each(segments)(
    'segment $k: puts every word of the index in the range of its own chunk, and of no other; only words of its own partitions',
    ({ dir, partitions }) => {
      const ranges = metaOf(dir).meta[2];
      const suffixes = new Set(
        partitions.map((p) => partitionWord('', p - partitions[0]!, partitions.length).slice(1)),
      );
      for (const [own, [, , file]] of ranges.entries()) {
        const [words] = readPagefindData(join(dir, 'index', `${file}.pf_index`)) as Chunk;
        expect(words.length).toBeGreaterThan(0);
        for (const [word] of words) {
          // As Pagefind compares: UTF-8 bytes, which order ASCII words as JavaScript does.
          const holding = ranges.flatMap(([from, to], i) =>
            from <= word && word <= to ? [i] : [],
          );
          expect(holding, word).toEqual([own]);
          expect(suffixes.has(word.slice(word.lastIndexOf('_') + 1)), word).toBe(true);
        }
      }
    },
  );
});

describe('mergeShards', () => {
  const work = mkdtempSync(join(tmpdir(), 'pagefind-merge-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  // Words that shards share and words of one shard only, some repeated, so positions differ.
  // Index words as the site makes them (two characters), in each range of the merge.
  const cjk = ['\u4e00\u6c11', '\u52a0\u5f3a', '\u5fc3\u7406', '\u793e\u4f1a', '\u9f99\u5934'];
  const words = [
    ...['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'],
    ...cjk.map((pair) => [...pair].map(characterWord).join('')),
  ];
  const text = (n: number) =>
    Array.from({ length: 12 }, (_, i) => words[(n * 7 + i * i) % words.length]).join(' ') +
    ` only${n}`;
  const shardDirs = [0, 1, 2].map((n) => join(work, 'shards', String(n)));
  const articleOf: Map<string, string>[] = [];

  beforeAll(async () => {
    for (const [n, dir] of shardDirs.entries()) {
      const records = [0, 1, 2, 3].map((i) => ({ id: `s${n}-r${i}`, content: text(n * 4 + i) }));
      articleOf.push(await indexWithPagefind(records, dir));
    }
  });
  // Pagefind's script and WASM, written with each shard here.
  const script = shardDirs[0]!;
  const keyOf = (n: number, hash: string) => articleOf[n]!.get(hash) ?? '';

  it('keeps every word with all its pages and positions, across chunks, shards and partitions', async () => {
    const out = join(work, 'merged');
    // Tiny chunks, and pages in 3 partitions by a rule of their own (as by province, not by
    // order): words of one shard and of several end up in many chunks, split 3 ways.
    const partitionOf = (key: string) =>
      [...key].reduce((sum, char) => sum + char.charCodeAt(0), 0) % 3;
    const metaFile = await mergeShards(shardDirs, out, keyOf, {
      script,
      chunkBytes: 64,
      partitions: 3,
      partitionOf,
    });
    const want = new Map<string, Map<string, string>>();
    for (const [n, dir] of shardDirs.entries()) {
      for (const [word, pages] of postings(dir, (hash) => keyOf(n, hash)))
        want.set(word, new Map([...(want.get(word) ?? []), ...pages]));
    }
    expect(want.size).toBeGreaterThan(words.length);
    const { file, meta, pageCount } = metaOf(out);
    // Each page's postings are in its partition's word.
    const stored = postings(out);
    const got = new Map<string, Map<string, string>>();
    for (const [word, pages] of want) {
      for (const partition of [0, 1, 2]) {
        const inPartition = [...pages].filter(([id]) => partitionOf(id) === partition);
        const name = partitionWord(word, partition, 3);
        expect(stored.get(name), name).toEqual(
          inPartition.length ? new Map(inPartition) : undefined,
        );
        for (const [id, rest] of stored.get(name) ?? [])
          got.set(word, new Map([...(got.get(word) ?? []), [id, rest]]));
      }
    }
    expect(got).toEqual(want);
    expect(stored.size).toBe(
      [...want.values()].reduce(
        (sum, pages) => sum + new Set([...pages.keys()].map(partitionOf)).size,
        0,
      ),
    );
    expect(file).toBe(metaFile);
    expect(pageCount).toBe(12);
    expect(meta[2].length).toBeGreaterThan(3);
    expect(readdirSync(out).sort()).toEqual(
      ['index', metaFile, 'pagefind-entry.json', 'pagefind.js', 'wasm.unknown.pagefind'].sort(),
    );
  });

  it('numbers pages as pageOrder says and leaves out the pages keyOf leaves out, with the words only they had', async () => {
    const out = join(work, 'ordered');
    // Shard 1's second record has the word only5; leaving it out leaves the word out.
    const left = 's1-r1';
    expect(text(5)).toContain('only5');
    const kept = articleOf
      .flatMap((pages) => [...pages.values()])
      .filter((id) => id !== left)
      .sort()
      .reverse();
    const keep = (n: number, hash: string) =>
      keyOf(n, hash) === left ? undefined : keyOf(n, hash);
    await mergeShards(shardDirs, out, keep, {
      script,
      chunkBytes: 64,
      pageOrder: (key) => kept.indexOf(key),
    });
    const { meta, pageCount } = metaOf(out);
    expect(meta[1].map(([key]) => key)).toEqual(kept);
    expect(pageCount).toBe(kept.length);
    const want = new Map<string, Map<string, string>>();
    for (const [n, dir] of shardDirs.entries())
      for (const [word, pages] of postings(dir, (hash) => keyOf(n, hash))) {
        const others = [...pages].filter(([id]) => id !== left);
        // Stored as the word of partition 0 of 1.
        const stored = partitionWord(word, 0, 1);
        if (others.length) want.set(stored, new Map([...(want.get(stored) ?? []), ...others]));
      }
    expect(want.has(partitionWord('only5', 0, 1))).toBe(false);
    expect(want.size).toBeGreaterThan(words.length);
    expect(postings(out)).toEqual(want);
  });

  it('writes the same files whether its word ranges are merged here or in processes of their own, and no chunk spans two ranges', async () => {
    const here = join(work, 'jobs-1');
    const there = join(work, 'jobs-3');
    await mergeShards(shardDirs, here, keyOf, { script, chunkBytes: 64, jobs: 1 });
    await mergeShards(shardDirs, there, keyOf, { script, chunkBytes: 64, jobs: 3 });
    expect(fileHashes(there)).toEqual(fileHashes(here));
    const starts = ['', ...RANGE_STARTS];
    const rangeOf = (word: string) =>
      starts.findLastIndex((start) => byCodePoint(word, start) >= 0);
    const chunks = metaOf(here).meta[2];
    expect(new Set(chunks.map(([from]) => rangeOf(from)))).toEqual(new Set([0, 1, 2, 3]));
    for (const [from, to] of chunks) expect(rangeOf(to), `${from}…${to}`).toBe(rangeOf(from));
  });

  it('names the metadata by its content: the same shards give the same files', async () => {
    const a = join(work, 'same-a');
    const b = join(work, 'same-b');
    await mergeShards(shardDirs, a, keyOf, { script, chunkBytes: 64 });
    await mergeShards(shardDirs, b, keyOf, { script, chunkBytes: 64 });
    expect(fileHashes(a)).toEqual(fileHashes(b));
  });

  /** A copy of the shards whose first has the metadata `edit` makes of it. */
  function editedShards(name: string, edit: (meta: Meta) => unknown): string[] {
    const copies = shardDirs.map((_, n) => join(work, name, String(n)));
    shardDirs.forEach((dir, n) => cpSync(dir, copies[n]!, { recursive: true }));
    const { file, meta } = metaOf(copies[0]!);
    writeFileSync(
      join(copies[0]!, file),
      gzipSync(Buffer.concat([Buffer.from('pagefind_dcd'), encode(edit(meta))])),
    );
    return copies;
  }

  it.each([
    ['another Pagefind version', (meta: Meta) => ['1.5.0', ...meta.slice(1)], /version 1\.5\.0/],
    [
      'pages that are not [hash, count] pairs',
      (meta: Meta) => [meta[0], [['x']], ...meta.slice(2)],
      /pages/,
    ],
    [
      'chunks that are not [from, to, file]',
      (meta: Meta) => [meta[0], meta[1], [[1, 2]], ...meta.slice(3)],
      /index chunks/,
    ],
    [
      'filters',
      (meta: Meta) => [meta[0], meta[1], meta[2], [['province', []]], ...meta.slice(4)],
      /filters or sorts/,
    ],
    [
      'a missing chunk file',
      (meta: Meta) => [meta[0], meta[1], [...meta[2], ['zz', 'zzz', '0000000']], ...meta.slice(3)],
      /0000000\.pf_index missing/,
    ],
  ])('refuses %s, naming the file, and writes nothing', async (name, edit, message) => {
    const copies = editedShards(name.replaceAll(' ', '-'), edit);
    const out = join(work, `${name.replaceAll(' ', '-')}-out`);
    await expect(mergeShards(copies, out, keyOf, { script })).rejects.toThrow(message);
    await expect(mergeShards(copies, out, keyOf, { script })).rejects.toThrow(/\.pf_meta/);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it("refuses a chunk that is not Pagefind's, and leaves nothing behind", async () => {
    const copies = editedShards('bad-chunk', (meta) => meta);
    const chunk = readdirSync(join(copies[1]!, 'index'))[0]!;
    writeFileSync(
      join(copies[1]!, 'index', chunk),
      gzipSync(Buffer.concat([Buffer.from('pagefind_dcd'), encode([[['word', 'not pages']]])])),
    );
    const out = join(work, 'bad-chunk-out');
    await expect(mergeShards(copies, out, keyOf, { script })).rejects.toThrow(
      new RegExp(`${chunk}.*not \\[word, pages\\]`),
    );
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it('refuses a page the catalog does not know, and writes nothing', async () => {
    const out = join(work, 'unknown-page');
    await expect(
      mergeShards(
        shardDirs,
        out,
        (n, hash) => {
          throw new Error(`no key for ${hash} in shard ${n}`);
        },
        { script },
      ),
    ).rejects.toThrow(/no key for/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a page outside the partitions, naming it, and writes nothing', async () => {
    const out = join(work, 'bad-partition');
    await expect(
      mergeShards(shardDirs, out, keyOf, {
        script,
        partitions: 2,
        partitionOf: (key) => (key.endsWith('r3') ? 2 : 0),
      }),
    ).rejects.toThrow(/page s\d-r3: partition 2 is not one of 0–1/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses to write into a folder that exists', async () => {
    const out = join(work, 'exists');
    cpSync(shardDirs[0]!, out, { recursive: true });
    const before = fileHashes(out);
    await expect(mergeShards(shardDirs, out, keyOf, { script })).rejects.toThrow(/exists already/);
    expect(fileHashes(out)).toEqual(before);
  });
});
