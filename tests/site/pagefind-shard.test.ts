/**
 * The index build writes its shards itself, in Pagefind 1.6's format
 * (src/integrations/pagefind-shard.ts). Held here to what Pagefind's own indexer writes for the
 * same records: the same words, with the same pages, positions and weights, the same page word
 * counts, metadata fields and entry file. A Pagefind that indexed our records otherwise would
 * fail this test before it could change what the search finds.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPagefindData, readShard } from '../../src/integrations/pagefind-merge.ts';
import { writePagefindShard } from '../../src/integrations/pagefind-shard.ts';
import { writePagefindRuntime } from '../../src/integrations/search-shard.ts';
import { documentTokens, foldedText, type SearchDocument } from '../../src/search/records.ts';
import { frequentBigrams, type FrequentBigrams } from '../../src/search/tokens.ts';
import { readBulletin } from '../helpers/content.ts';
import { indexWithPagefind } from '../helpers/pagefind-indexer.ts';

/** The bulletin's reports, whole and paragraph by paragraph, and texts at the edges of what a report holds. */
function documents(): SearchDocument[] {
  const reports = readBulletin();
  const paragraphs = reports.flatMap((report) =>
    report.text
      .split('\n')
      .filter((line) => line.trim())
      .map((text) => ({ title: report.title, text })),
  );
  const edges = [
    { title: '標題：繁體與𠀀擴展字', text: 'ABC abc 123，全角ＡＢＣ１２３！\n\n第二段。' },
    { title: '重复', text: '民政民政民政民政民政民政' },
  ];
  return [...reports, ...paragraphs, ...edges].map((doc, i) => ({
    id: `doc-${i}`,
    date: '2025-01-01',
    province: 'beijing',
    ...doc,
  }));
}

/** Every word of a shard with its pages as stored, page names replaced by their IDs. */
function shardContents(dir: string, idOf: (name: string) => string) {
  const shard = readShard(dir);
  const words = new Map<string, unknown>();
  for (const file of shard.chunks) {
    const [chunk] = readPagefindData(join(dir, 'index', `${file}.pf_index`)) as [unknown[][]];
    for (const word of chunk) words.set(word[0] as string, word.slice(1));
  }
  const pages = shard.pages.map(([name, ...rest]) => [idOf(name as string), ...rest]);
  const { languages, ...entry } = shard.entry;
  const language = Object.entries(languages).map(([code, { wasm, page_count }]) => ({
    code,
    wasm,
    page_count,
  }));
  return { words, pages, meta: [shard.meta[0], ...shard.meta.slice(3)], entry, language };
}

describe('the index build’s shards', () => {
  const work = mkdtempSync(join(tmpdir(), 'pagefind-shard-'));
  const docs = documents();
  // Many frequent bigrams, so that the records have many trigram words.
  const frequent: FrequentBigrams = frequentBigrams(docs.map(foldedText), 5000);
  let pagefindIds: Map<string, string>;

  beforeAll(async () => {
    const records = docs.map((doc) => ({
      id: doc.id,
      content: documentTokens(doc, frequent).join(' '),
    }));
    pagefindIds = await indexWithPagefind(records, join(work, 'pagefind'));
  });

  it('hold what Pagefind’s indexer writes for the same records', async () => {
    expect(frequent.size).toBeGreaterThan(10);
    const runtime = await writePagefindRuntime(join(work, 'runtime'));
    const records = docs.map((doc) => ({ id: doc.id, tokens: documentTokens(doc, frequent) }));
    const ids = writePagefindShard(records, join(work, 'ours'), runtime);
    expect(ids).toEqual(docs.map((doc) => doc.id));
    const theirs = shardContents(join(work, 'pagefind'), (hash) => pagefindIds.get(hash)!);
    const ours = shardContents(join(work, 'ours'), (id) => id);
    expect(theirs.pages).toHaveLength(docs.length);
    expect(ours.pages).toEqual(theirs.pages);
    expect(theirs.words.size).toBeGreaterThan(1000);
    expect([...ours.words.keys()]).toEqual([...theirs.words.keys()]);
    expect(ours.words).toEqual(theirs.words);
    expect(ours.meta).toEqual(theirs.meta);
    expect(ours.entry).toEqual(theirs.entry);
    expect(ours.language).toEqual(theirs.language);
  });

  it('take Pagefind’s script and WASM from a run of Pagefind without pages, and keep every record', async () => {
    const runtime = await writePagefindRuntime(join(work, 'runtime-files'));
    expect(readdirSync(join(work, 'runtime-files')).sort()).toEqual(
      ['pagefind-entry.json', 'pagefind.js', 'wasm.unknown.pagefind'].sort(),
    );
    expect(runtime.languages).toEqual({});
    expect(writePagefindShard([], join(work, 'none'), runtime)).toEqual([]);
    expect(readdirSync(work)).not.toContain('none');
    // Pagefind leaves out a page without words; the catalog lists every report, so the shard keeps it.
    const empty = { id: 'empty', title: '', text: '', date: '2025-01-01', province: 'beijing' };
    const tokens = documentTokens(empty, frequent);
    expect(writePagefindShard([{ id: 'empty', tokens }], join(work, 'empty'), runtime)).toEqual([
      'empty',
    ]);
    expect(readShard(join(work, 'empty')).pages).toEqual([['empty', tokens.length, '']]);
  });
});
