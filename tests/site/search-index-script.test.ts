/**
 * `npm run build` indexes in a process of its own after `astro build`
 * (scripts/build-search-index.ts). It must produce exactly what the integration produces in
 * `astro build`, and refuse a folder that holds no built site without writing anything.
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
import { afterAll, describe, expect, it } from 'vitest';
import { INDEX_FILE_ATTRIBUTES } from '../../src/search/pagefind-index.ts';
import { fileHashes, page as builtPage } from '../helpers/dist.ts';
import { startIndexScript } from '../helpers/index-site.ts';
import { DIST, ROOT } from '../helpers/paths.ts';

/** Runs the script on `dist`, with its cache beside it (not the repository's). */
const runIndexer = (dist: string) =>
  // As global-setup built dist/: small shards, partitions and segments.
  startIndexScript(dist, `${dist}-search-cache`, {
    SEARCH_SHARD_WORDS: '2500',
    SEARCH_PARTITION_PAGES: '2',
    SEARCH_SEGMENT_PAGES: '2',
  }).done;

const work = mkdtempSync(join(tmpdir(), 'archive-build-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('scripts/build-search-index.ts', () => {
  it('writes the same index as the integration, replacing an earlier one', async () => {
    const copy = join(work, 'dist');
    cpSync(DIST, copy, { recursive: true });
    // Leftovers of an earlier, larger index must go.
    writeFileSync(join(copy, 'search', 'docs', 'stale.json'), '{}');
    cpSync(join(copy, 'pagefind', 'index'), join(copy, 'pagefind', '9'), { recursive: true });
    // And the search page named the earlier index's files.
    const panel = builtPage('/search/', copy)('.search-panel');
    const [meta, tag] = [
      panel.attr(INDEX_FILE_ATTRIBUTES.meta)!,
      panel.attr(INDEX_FILE_ATTRIBUTES.tag)!,
    ];
    const page = join(copy, 'search', 'index.html');
    writeFileSync(
      page,
      readFileSync(page, 'utf8')
        .replaceAll(meta, 'pagefind.und_0123456789abcdef.pf_meta')
        .replaceAll(tag, 'fedcba9876543210'),
    );
    const { code, output } = await runIndexer(copy);
    expect(code, output).toBe(0);
    // Several shards (as global-setup builds with small ones), merged into the one index compared
    // below.
    expect(output).toMatch(/search index: \d+ articles in ([2-9]|\d\d+) shard/);
    const only = (map: Map<string, string>) =>
      new Map([...map].filter(([file]) => /^(pagefind|search)\//.test(file)));
    expect(only(fileHashes(copy))).toEqual(only(fileHashes(DIST)));
    expect(output).toContain('full build (cache none in');
    // Run again, it takes the shards from its cache and writes the same index.
    const again = await runIndexer(copy);
    expect(again.code, again.output).toBe(0);
    expect(again.output).toMatch(
      /; 0 of (\d+) shard\(s\) re-indexed, 0 of \d+ segment\(s\) merged, 0 reports changed since the full build \(0 added, 0 edited, 0 deleted\); 0 page\(s\) parsed/,
    );
    expect(only(fileHashes(copy))).toEqual(only(fileHashes(DIST)));
  });

  it.each([
    [
      'whose province the catalog cannot store',
      'bad-province',
      (html: string) => html.replace(/data-province="[^"]*"/, 'data-province="atlantis"'),
      'data-province "atlantis" is not a province of the archive',
    ],
    [
      'that names no source (the export file needs it)',
      'no-source',
      (html: string) => html.replace(/\sdata-source="[^"]*"/, ''),
      'the article element has no data-source',
    ],
  ])(
    'refuses an article page %s, naming the file and the field, and keeps the earlier index',
    async (_, folder, change, message) => {
      const copy = join(work, folder);
      cpSync(DIST, copy, { recursive: true });
      const [id] = readdirSync(join(copy, 'articles')).filter((name) =>
        existsSync(join(copy, 'articles', name, 'index.html')),
      );
      const page = join(copy, 'articles', id!, 'index.html');
      const html = readFileSync(page, 'utf8');
      expect(change(html)).not.toBe(html);
      writeFileSync(page, change(html));
      const only = (map: Map<string, string>) =>
        new Map([...map].filter(([file]) => /^(pagefind|search)\//.test(file)));
      const before = only(fileHashes(copy));
      const { code, output } = await runIndexer(copy);
      expect(code).toBe(1);
      expect(output).toContain(`${page}: ${message}`);
      // The earlier index stays as it was, and nothing half-written is left.
      expect(only(fileHashes(copy))).toEqual(before);
      expect(readdirSync(copy).filter((name) => name.startsWith('.'))).toEqual([]);
    },
  );

  it('refuses a search page with no attribute to name the index in, naming the file, and keeps the earlier index', async () => {
    for (const attribute of Object.values(INDEX_FILE_ATTRIBUTES)) {
      const copy = join(work, `without-${attribute}`);
      cpSync(DIST, copy, { recursive: true });
      const page = join(copy, 'search', 'index.html');
      const html = readFileSync(page, 'utf8');
      const stripped = html.replace(new RegExp(`\\s${attribute}="[^"]*"`), '');
      expect(stripped.length).toBeLessThan(html.length);
      writeFileSync(page, stripped);
      const only = (map: Map<string, string>) =>
        new Map([...map].filter(([file]) => /^(pagefind|search)\//.test(file)));
      const before = only(fileHashes(copy));
      const { code, output } = await runIndexer(copy);
      expect(code).toBe(1);
      expect(output).toContain(`${page} has no ${attribute} to name the search index in`);
      expect(only(fileHashes(copy))).toEqual(before);
    }
  });

  it('refuses a folder without a built site, and writes nothing', async () => {
    const empty = join(work, 'empty');
    cpSync(join(ROOT, 'content'), empty, { recursive: true });
    const before = fileHashes(empty);
    const { code, output } = await runIndexer(empty);
    expect(code).toBe(1);
    expect(output).toContain('holds no built site');
    expect(fileHashes(empty)).toEqual(before);
  });
});
