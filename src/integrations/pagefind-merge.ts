/**
 * Merges the index shards, Pagefind 1.6 indexes of a process each (pagefind-shard.ts, so that
 * the build's memory stays bounded), into the one index the browser loads: a lookup fetches one
 * chunk, a search runs one Pagefind instance, and the first search loads one metadata file.
 * Design and figures: docs/search.md.
 *
 * The metadata keeps only what the browser needs:
 * - page IDs are only compared with the catalog, so each becomes its catalog key (its
 *   position in its segment, base 36);
 * - word counts only feed Pagefind's BM25 score, which the engine does not use (it ranks by
 *   exact occurrences), so all are 1;
 * - chunk ranges hold all their words (`extendChunkRanges`).
 * And each word is stored once per partition of its pages (see partitionWord and
 * partitionByProvince), so that Pagefind's search works on short page lists and a search
 * within a province searches only its partitions.
 *
 * Pagefind's data files are gzip of "pagefind_dcd" followed by CBOR:
 * - metadata: [version, pages [[hash, word count, …]], chunks [[first word, last word, file]],
 *   filters, sorts, …];
 * - chunk: [[[word, [[page number, locations, …], …]], …]], words in byte order, and in each
 *   word's list page numbers as deltas from the previous one.
 * These are private to Pagefind 1.6: docs/search.md, "Upgrading Pagefind".
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzip, gzipSync } from 'node:zlib';
import { decode, encode } from 'cborg';
import { characterWord } from '../search/tokens.ts';
import { indexJobs, sideBySide } from './index-jobs.ts';
import {
  mergeRange,
  mergeRangeInProcess,
  type RangeChunk,
  type RangeTask,
  type WordRange,
} from './pagefind-merge-range.ts';

/** Every Pagefind data file starts with this once unzipped. */
const SIGNATURE = 'pagefind_dcd';

/**
 * Bytes of CBOR per chunk of the merged index, before gzip. A lookup fetches the whole chunk of
 * its word, so smaller chunks make later searches cheaper; the price is a longer chunk list in
 * the metadata, which the first search loads in full. The figures that set it are in
 * docs/search.md ("Chunk size").
 */
export const INDEX_CHUNK_BYTES = 32_768;

/** Pagefind's `pagefind-entry.json`: its version, each language's index, and the characters it keeps in words. */
export interface PagefindEntry {
  version: string;
  languages: Record<string, { hash: string; wasm: string | null; page_count: number }>;
  include_characters?: string[];
}

/** The file that names an index's metadata, WASM and characters. */
export const ENTRY_FILE = 'pagefind-entry.json';
export const entryFile = (dir: string) => join(dir, ENTRY_FILE);
export const readEntry = (dir: string) =>
  JSON.parse(readFileSync(entryFile(dir), 'utf8')) as PagefindEntry;

/** Pagefind's metadata file of the index whose entry file gives it `hash`. */
const metadataName = (hash: string) => `pagefind.${hash}.pf_meta`;

/** The index of the first language that the entry file in `dir` names, if any. */
const firstIndex = (dir: string) => Object.values(readEntry(dir).languages)[0];

/** The metadata file that the entry file of the index in `dir` names (of its first language). */
export function metadataFile(dir: string): string {
  const index = firstIndex(dir);
  if (!index) throw new Error(`${entryFile(dir)}: names no index`);
  return metadataName(index.hash);
}

/** The WebAssembly file that Pagefind's script will load for the index in `dir` (as its `init` picks it). */
export function pagefindWasmFile(dir: string): string {
  return `wasm.${firstIndex(dir)?.wasm ?? 'unknown'}.pagefind`;
}

/** Greater than any character a word of ours has (and than nearly any at all): `prefix + TOP` ends the prefix's range. */
const TOP = '\u{10FFFF}';

/**
 * Chunk ranges that hold every word of their chunk. Pagefind shortens a chunk's last boundary
 * to a prefix ("0ro"), and the chunk's words that extend it ("0roi0k7n") sort after it: such a
 * word is in no chunk's range, and Pagefind then compares prefixes with every chunk, which
 * costs far more than finding the one chunk. Each range here ends above all words with its
 * last boundary as prefix (unless the next chunk starts with it too). Gaps between chunks stay gaps: a word
 * there is in no chunk, and fetching one for it would be waste.
 */
export function extendChunkRanges<T extends [from: string, to: string, ...rest: string[]]>(
  chunks: readonly T[],
  file = 'metadata',
): T[] {
  return chunks.map(([from, to, ...rest], i) => {
    const next = chunks[i + 1]?.[0];
    if (from > to || (next !== undefined && to >= next))
      throw new Error(
        `${file}: index chunks out of order at ${i} (${from}…${to}, then ${String(next)})`,
      );
    return [from, next?.startsWith(to) ? to : to + TOP, ...rest] as T;
  });
}

/** Unzips a Pagefind data file and checks its signature; returns what follows it (CBOR, or a fragment's JSON). */
export function unzipPagefindData(file: string): Buffer {
  const bytes = gunzipSync(readFileSync(file));
  if (bytes.subarray(0, SIGNATURE.length).toString('latin1') !== SIGNATURE)
    throw new Error(`${file}: not a Pagefind data file (no ${SIGNATURE} signature)`);
  return bytes.subarray(SIGNATURE.length);
}

/** Reads a Pagefind data file of CBOR (metadata, index chunk). */
export const readPagefindData = (file: string): unknown =>
  decode(unzipPagefindData(file), { useMaps: false });

/**
 * gzip level of the index chunks. Compressing them is most of the merge's work, and level 9
 * takes about four times as long as 6 for chunks under 1% smaller (docs/search.md,
 * "Incremental builds"); the metadata, one file that the first search loads, gets level 9.
 */
export const CHUNK_GZIP_LEVEL = 6;
const gzipAsync = promisify(gzip);

/** What a Pagefind data file holds before gzip: the signature, then the CBOR. */
const signed = (cbor: Uint8Array) => Buffer.concat([Buffer.from(SIGNATURE, 'latin1'), cbor]);
/** A Pagefind data file's bytes for CBOR that is already encoded. */
export const pagefindData = (cbor: Uint8Array, level = 9) => gzipSync(signed(cbor), { level });
/** pagefindData, compressed on one of zlib's threads. */
export const pagefindDataAsync = (cbor: Uint8Array, level: number) =>
  gzipAsync(signed(cbor), { level });
export const contentHash = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const isArray = (value: unknown): value is unknown[] => Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';

/** Pagefind's script or its WASM: what the browser runs of the files Pagefind writes. */
export const isPagefindRuntime = (file: string) =>
  file === 'pagefind.js' || /^wasm\..+\.pagefind$/.test(file);

/** One shard in Pagefind's format (pagefind-shard.ts writes them), checked. */
export interface Shard {
  dir: string;
  entry: PagefindEntry;
  /** Its one language. */
  language: string;
  meta: unknown[];
  /** [hash, word count, …] per page. */
  pages: unknown[][];
  /** Chunk file names (without `.pf_index`), in word order. */
  chunks: string[];
  /** The first word of each chunk. */
  chunkStarts: string[];
}

/** Reads and checks a shard's entry file and metadata; throws, naming the file, if it is not Pagefind 1.6's format. */
export function readShard(dir: string): Shard {
  const entry = readEntry(dir);
  const languages = Object.keys(entry.languages ?? {});
  if (languages.length !== 1)
    throw new Error(`${entryFile(dir)}: expected one language, found ${languages.length}`);
  const language = languages[0]!;
  const metaFile = join(dir, metadataName(entry.languages[language]!.hash));
  const meta = readPagefindData(metaFile);
  const shapeError = (what: string) =>
    new Error(
      `${metaFile}: unexpected Pagefind metadata (${what}); this code reads Pagefind 1.6's format`,
    );
  if (!isArray(meta) || meta.length < 5 || !isString(meta[0]))
    throw shapeError('not a list starting with a version');
  if (!meta[0].startsWith('1.6')) throw shapeError(`version ${meta[0]}`);
  const [, pages, chunks, filters, sorts] = meta;
  if (
    !isArray(pages) ||
    !pages.every(
      (page) =>
        isArray(page) && page.length >= 2 && isString(page[0]) && typeof page[1] === 'number',
    )
  )
    throw shapeError('pages');
  if (
    !isArray(chunks) ||
    !chunks.every((chunk) => isArray(chunk) && chunk.length === 3 && chunk.every(isString))
  )
    throw shapeError('index chunks');
  // The records have none; merging them is not written.
  if (!isArray(filters) || filters.length || !isArray(sorts) || sorts.length)
    throw shapeError('filters or sorts');
  const files = (chunks as string[][]).map(([, , hash]) => hash!);
  const chunkStarts = (chunks as string[][]).map(([from]) => from!);
  for (const file of files)
    if (!existsSync(join(dir, 'index', `${file}.pf_index`)))
      throw shapeError(`chunk file ${file}.pf_index missing`);
  return { dir, entry, language, meta, pages: pages as unknown[][], chunks: files, chunkStarts };
}

/** Characters where JavaScript's order (UTF-16 code units) and code point order can differ. */
const SURROGATES_OR_ABOVE = /[\uD800-\uFFFF]/;

/** Compares words as Pagefind orders them: by UTF-8 bytes, which is code point order. */
export function byCodePoint(a: string, b: string): number {
  if (a === b) return 0;
  // Called for every word of every shard: plain comparison unless the words need otherwise.
  if (!SURROGATES_OR_ABOVE.test(a) && !SURROGATES_OR_ABOVE.test(b)) return a < b ? -1 : 1;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** How mergeShards numbers, partitions and writes the merged index. */
export interface MergeOptions {
  chunkBytes?: number;
  /** The folder of Pagefind's script and WASM (writePagefindRuntime), copied into the index. */
  script?: string;
  /**
   * Instead of `script`: the entry file's `wasm` (see SEGMENT_WASM), for an index that uses
   * another's script and WASM.
   */
  wasm?: string;
  /** Word ranges merged at once, each in a process of its own if more than one (default: see mergeJobs). */
  jobs?: number;
  /** Partitions of the index (see partitionWord); 1 unless given. */
  partitions?: number;
  /** The partition of a page, by its ID (from `keyOf`): from 0 to `partitions` - 1. */
  partitionOf?: (key: string) => number;
  /**
   * The number of a page in the merged index, by its ID: from 0 to the number of pages - 1.
   * Given, the merged index does not depend on how the pages were split into shards; else
   * pages are numbered shard after shard.
   */
  pageOrder?: (key: string) => number;
}

/**
 * Merges the shards in `shardDirs` (each a folder of a Pagefind index with one language) into one
 * index in `outDir`, which must not exist: chunks, metadata, entry file, and Pagefind's script
 * and WASM. `keyOf` gives the ID of each page (by shard and Pagefind's page hash), or
 * undefined to leave the page out (a page indexed since in another shard); it must throw for a
 * page it does not know. On any error nothing is left behind. Returns the
 * metadata file's name, which changes with the content.
 */
export async function mergeShards(
  shardDirs: readonly string[],
  outDir: string,
  keyOf: (shard: number, pageHash: string) => string | undefined,
  {
    chunkBytes = INDEX_CHUNK_BYTES,
    partitions = 1,
    partitionOf = () => 0,
    pageOrder,
    jobs,
    script,
    wasm,
  }: MergeOptions = {},
): Promise<string> {
  if (!shardDirs.length) throw new Error('no index shards to merge');
  if ((script === undefined) === (wasm === undefined))
    throw new Error("a merged index needs either the folder of Pagefind's script or a wasm");
  if (existsSync(outDir))
    throw new Error(`${outDir} exists already; the merged index goes into a new folder`);
  const shards = shardDirs.map(readShard);
  const keys = shards.map((shard, n) => shard.pages.map(([hash]) => keyOf(n, hash as string)));
  const numbers = pageNumbers(keys, pageOrder);
  const pages: unknown[][] = [];
  for (const [n, shard] of shards.entries())
    for (const [i, [, , ...rest]] of shard.pages.entries())
      if (numbers[n]![i]! >= 0) pages[numbers[n]![i]!] = [keys[n]![i]!, 1, ...rest];
  // Written next to its place and moved there once complete.
  const partial = `${outDir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  try {
    const pagePartition = pages.map(([key]) => {
      const partition = partitionOf(key as string);
      if (!Number.isInteger(partition) || partition < 0 || partition >= partitions)
        throw new Error(
          `page ${String(key)}: partition ${partition} is not one of 0–${partitions - 1}`,
        );
      return partition;
    });
    const task = { shardDirs: [...shardDirs], numbers, pagePartition, partitions, chunkBytes };
    const meta = await writeMerged(task, shards, pages, {
      outDir: partial,
      jobs: jobs ?? mergeJobs(pages.length),
      script,
      wasm,
    });
    renameSync(partial, outDir);
    return meta;
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The number in the merged index of each page of each shard (`keys`: their IDs, by shard;
 * undefined for a page left out, numbered -1): `pageOrder`'s, checked to number every page
 * once, or else shard after shard.
 */
function pageNumbers(
  keys: readonly (readonly (string | undefined)[])[],
  pageOrder: ((key: string) => number) | undefined,
): number[][] {
  let next = 0;
  if (!pageOrder) return keys.map((shard) => shard.map((key) => (key === undefined ? -1 : next++)));
  const total = keys.reduce(
    (sum, shard) => sum + shard.filter((key) => key !== undefined).length,
    0,
  );
  const taken = new Set<number>();
  return keys.map((shard) =>
    shard.map((key) => {
      if (key === undefined) return -1;
      const number = pageOrder(key);
      if (!Number.isInteger(number) || number < 0 || number >= total || taken.has(number))
        throw new Error(`page ${key}: number ${number} is not a free one of 0–${total - 1}`);
      taken.add(number);
      return number;
    }),
  );
}

/** Where the merged index goes, and where its script comes from (see MergeOptions). */
interface MergedPlace {
  outDir: string;
  script: string | undefined;
  wasm: string | undefined;
}

/**
 * Writes the merged index's metadata and entry file into `outDir`, and copies Pagefind's
 * script and WASM from `script` unless the entry names another `wasm`; returns the metadata
 * file's name.
 */
function writeMetadata(
  { entry, language, meta }: Shard,
  pages: unknown[][],
  chunks: [from: string, to: string, file: string][],
  { outDir, script, wasm }: MergedPlace,
): string {
  const bytes = pagefindData(
    encode([meta[0], pages, extendChunkRanges(chunks, outDir), ...meta.slice(3)]),
  );
  const hash = `${language}_${contentHash(bytes).slice(0, 16)}`;
  const metaFile = metadataName(hash);
  writeFileSync(join(outDir, metaFile), bytes);
  const merged: PagefindEntry = {
    ...entry,
    languages: {
      [language]: {
        ...entry.languages[language]!,
        hash,
        page_count: pages.length,
        ...(wasm === undefined ? {} : { wasm }),
      },
    },
  };
  writeFileSync(entryFile(outDir), JSON.stringify(merged));
  if (script !== undefined) copyPagefindRuntime(script, outDir);
  return metaFile;
}

/** Copies Pagefind's script and WASM from `script` into `outDir`; not its UIs and worker, which the site does not use. */
export function copyPagefindRuntime(script: string, outDir: string): void {
  for (const file of readdirSync(script).filter(isPagefindRuntime))
    copyFileSync(join(script, file), join(outDir, file));
}

/**
 * Where the merge's word ranges start: the quartiles of the Chinese characters of the reports
 * (加, 心, 社), so that the ranges hold about equal work. Fixed, so that the index does not
 * depend on how the ranges are merged (at once or not, here or in processes of their own).
 */
export const RANGE_STARTS = ['\u52a0', '\u5fc3', '\u793e'].map(characterWord);

/** The merge's word ranges, in order, covering every word. */
const wordRanges = (): WordRange[] =>
  ['', ...RANGE_STARTS].map((from, r) => ({
    from,
    ...(r < RANGE_STARTS.length ? { to: RANGE_STARTS[r] } : {}),
  }));

/** Below this many pages a merge runs its ranges in this process: starting processes costs more. */
const MERGE_PROCESS_PAGES = 5000;

/** Ranges merged at once: one for a small index, else as many as the index build's jobs. */
const mergeJobs = (pages: number) => (pages < MERGE_PROCESS_PAGES ? 1 : indexJobs());

/** Writes the merged index of checked shards into `outDir`; see mergeShards. */
async function writeMerged(
  task: Omit<RangeTask, 'range' | 'dir'>,
  shards: readonly Shard[],
  pages: unknown[][],
  { jobs, ...place }: MergedPlace & { jobs: number },
): Promise<string> {
  const { outDir } = place;
  const rangesDir = join(outDir, 'ranges');
  const merge = jobs > 1 ? mergeRangeInProcess : mergeRange;
  const ranges = await sideBySide(
    wordRanges().entries(),
    ([r, range]) => merge({ ...task, range, dir: join(rangesDir, String(r)) }),
    jobs,
  );
  const chunks = nameChunks(ranges, rangesDir, join(outDir, 'index'));
  rmSync(rangesDir, { recursive: true, force: true });
  return writeMetadata(shards[0]!, pages, chunks, place);
}

/**
 * Moves the ranges' chunk files into `indexDir` under their names: 8 hex digits of their
 * SHA-256, as Pagefind names them, more in the unlikely case that two chunks share them.
 */
function nameChunks(
  ranges: readonly RangeChunk[][],
  rangesDir: string,
  indexDir: string,
): [from: string, to: string, file: string][] {
  mkdirSync(indexDir, { recursive: true });
  const names = new Set<string>();
  return ranges.flatMap((chunks, r) =>
    chunks.map(([from, to, hash]) => {
      let length = 8;
      while (names.has(hash.slice(0, length))) length++;
      const name = hash.slice(0, length);
      names.add(name);
      renameSync(
        join(rangesDir, String(r), `${hash}.pf_index`),
        join(indexDir, `${name}.pf_index`),
      );
      return [from, to, name] as [string, string, string];
    }),
  );
}
