/**
 * Writes a shard of the search index in Pagefind 1.6's format (pagefind-merge.ts) from the
 * reports' index words: the files Pagefind's indexer writes for the same records, as far as
 * the merge reads them (tests/site/pagefind-shard.test.ts holds the two to the same words,
 * pages, positions and word counts). Our records are ASCII words between spaces, without
 * weights, metadata or filters, so indexing one is listing where each word stands: done here it
 * costs a tenth of what Pagefind's indexer spends on it (docs/search.md, "Shards").
 * Pagefind itself still writes the script and WASM that search the index (writePagefindRuntime).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encode } from 'cborg';
import { CborBuffer } from './cbor-buffer.ts';
import { chunkCbor } from './pagefind-chunk.ts';
import { INDEX_LANGUAGE } from '../search/pagefind-index.ts';
import { FILLER } from '../search/tokens.ts';
import {
  byCodePoint,
  contentHash,
  entryFile,
  pagefindData,
  type PagefindEntry,
} from './pagefind-merge.ts';

/** The weight of a custom record's content, as Pagefind stores weights (1.0 is 24). */
const CONTENT_WEIGHT = 24;
/** Pagefind 1.6 ends each page's metadata entry with a field that is empty for our records. */
const PAGE_TAIL = '';
/** Bytes of CBOR per chunk of a shard: the merge reads each once, so fewer files serve it better. */
const SHARD_CHUNK_BYTES = 262_144;
/** gzip level of a shard's files: written every build, read once by the merge. */
const SHARD_GZIP_LEVEL = 1;

/** One report as a shard indexes it: its ID and its index words in order. */
export interface ShardRecord {
  id: string;
  tokens: readonly string[];
}

/**
 * One word's pages in a shard, flat: for each page its number, how many positions it has, and
 * the positions. Millions of small arrays would be most of the work (garbage collection).
 */
interface WordPages {
  data: number[];
  /** The last page added, and where its count of positions is. */
  page: number;
  countAt: number;
}

/** Adds the index words of page `page` (its `tokens`) to `words`; fillers take a position but are no word, as in Pagefind. */
function addPage(words: Map<string, WordPages>, page: number, tokens: readonly string[]): void {
  for (let position = 0; position < tokens.length; position++) {
    const token = tokens[position]!;
    if (token === FILLER) continue;
    let entry = words.get(token);
    if (!entry) words.set(token, (entry = { data: [], page: -1, countAt: 0 }));
    if (entry.page !== page) {
      entry.page = page;
      entry.countAt = entry.data.push(page, 0) - 1;
    }
    entry.data[entry.countAt]++;
    entry.data.push(position);
  }
}

/**
 * Writes one word as Pagefind's chunks hold it: [word, pages, variants (none)], each page
 * [page number as a delta from the previous one, locations, metadata locations (none)], the
 * locations being the weight as a marker (-weight - 1), the first position and deltas.
 */
function writeWord(cbor: CborBuffer, word: string, { data }: WordPages): void {
  let pages = 0;
  for (let i = 0; i < data.length; i += 2 + data[i + 1]!) pages++;
  cbor.head(4, 3);
  cbor.text(word);
  cbor.head(4, pages);
  let previous = 0;
  for (let i = 0; i < data.length; i += 2 + data[i + 1]!) {
    const [page, count] = [data[i]!, data[i + 1]!];
    cbor.head(4, 3);
    cbor.int(page - previous);
    previous = page;
    cbor.head(4, count + 1);
    cbor.int(-CONTENT_WEIGHT - 1);
    cbor.int(data[i + 2]!);
    for (let j = i + 3; j < i + 2 + count; j++) cbor.int(data[j]! - data[j - 1]!);
    cbor.head(4, 0);
  }
  cbor.head(4, 0);
}

/** Writes the chunk files of `words` into `indexDir`, in Pagefind's word order; returns the metadata's chunk list. */
function writeChunks(
  words: Map<string, WordPages>,
  indexDir: string,
): [from: string, to: string, file: string][] {
  mkdirSync(indexDir, { recursive: true });
  const chunks: [string, string, string][] = [];
  const cbor = new CborBuffer();
  let chunkWords: string[] = [];
  const flush = () => {
    const body = cbor.take();
    const bytes = pagefindData(chunkCbor(chunkWords.length, [body]), SHARD_GZIP_LEVEL);
    const file = contentHash(bytes).slice(0, 16);
    writeFileSync(join(indexDir, `${file}.pf_index`), bytes);
    chunks.push([chunkWords[0]!, chunkWords.at(-1)!, file]);
    chunkWords = [];
  };
  for (const word of [...words.keys()].sort(byCodePoint)) {
    writeWord(cbor, word, words.get(word)!);
    chunkWords.push(word);
    if (cbor.length >= SHARD_CHUNK_BYTES) flush();
  }
  if (chunkWords.length) flush();
  return chunks;
}

/**
 * Writes `records` as a Pagefind index into `dir` (metadata, chunks and entry file, whose
 * version and characters come from `runtime`, the entry file of Pagefind's own run). Pages
 * are numbered in the records' order and named by their IDs; returns the IDs. Writes nothing
 * for no records, as Pagefind writes no index then.
 */
export function writePagefindShard(
  records: Iterable<ShardRecord>,
  dir: string,
  runtime: PagefindEntry,
): string[] {
  const words = new Map<string, WordPages>();
  const pages: [id: string, wordCount: number, tail: string][] = [];
  for (const { id, tokens } of records) {
    addPage(words, pages.length, tokens);
    pages.push([id, tokens.length, PAGE_TAIL]);
  }
  if (!pages.length) return [];
  const chunks = writeChunks(words, join(dir, 'index'));
  const meta = pagefindData(encode([runtime.version, pages, chunks, [], [], []]), SHARD_GZIP_LEVEL);
  const hash = `${INDEX_LANGUAGE}_${contentHash(meta).slice(0, 16)}`;
  writeFileSync(join(dir, `pagefind.${hash}.pf_meta`), meta);
  const language = { hash, wasm: null, page_count: pages.length };
  const entry: PagefindEntry = { ...runtime, languages: { [INDEX_LANGUAGE]: language } };
  writeFileSync(entryFile(dir), JSON.stringify(entry));
  return pages.map(([id]) => id);
}
