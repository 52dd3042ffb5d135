/**
 * Shrinks a Pagefind 1.6 shard's metadata file, the part of the index every first search
 * loads in full. Pagefind writes per page a random 7-hex hash and a word count, and per index
 * chunk its first and last word and its language-prefixed file hash. The browser needs less:
 * - page IDs are only compared with the catalog, so each becomes its catalog key (base 36);
 * - word counts only feed Pagefind's BM25 score, which the engine does not use (it ranks by
 *   exact occurrences), so all are 1;
 * - chunk files lose their language prefix, which every one of them repeats;
 * - chunk ranges hold all their words. Pagefind shortens boundaries to prefixes ("0ro", then
 *   "0rq"), so a word that extends a chunk's last boundary ("0roi0k7n") is in no chunk's
 *   range, and Pagefind then compares prefixes with every chunk of the shard: 1–4 ms per
 *   lookup and shard instead of 0.2.
 * At 10,000 reports in 5 shards this takes the metadata from 199 to about 130 kB gzip.
 * The file gets a new content hash, so caches never mix old and new.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { decode, encode } from 'cborg';

/** Every Pagefind data file starts with this once unzipped. */
const SIGNATURE = 'pagefind_dcd';

/** The part of `pagefind-entry.json` read here. */
interface PagefindEntry {
  languages: Record<string, { hash: string; wasm: string | null; page_count: number }>;
}

const entryFile = (dir: string) => join(dir, 'pagefind-entry.json');
const readEntry = (dir: string) => JSON.parse(readFileSync(entryFile(dir), 'utf8')) as PagefindEntry;

/** The WebAssembly file that Pagefind's script will load for the index in `dir` (as its `init` picks it). */
export function pagefindWasmFile(dir: string): string {
  const [index] = Object.values(readEntry(dir).languages);
  return `wasm.${index?.wasm ?? 'unknown'}.pagefind`;
}

/** Greater than any character a word of ours has (and than nearly any at all): `prefix + TOP` ends the prefix's range. */
const TOP = '\u{10FFFF}';

/**
 * Chunk ranges that hold every word of their chunk: Pagefind's last boundary of a chunk is a
 * prefix ("0ro"), and the chunk's words that extend it ("0roi0k7n") sort after it. Each range
 * now ends above all words with that prefix (unless the next chunk starts with it too). Gaps
 * between chunks stay gaps: a word there is in no chunk, and fetching one for it would be waste.
 */
export function extendChunkRanges<T extends [from: string, to: string, ...rest: string[]]>(chunks: readonly T[], file = 'metadata'): T[] {
  return chunks.map(([from, to, ...rest], i) => {
    const next = chunks[i + 1]?.[0];
    if (from > to || (next !== undefined && to >= next)) throw new Error(`${file}: index chunks out of order at ${i} (${from}…${to}, then ${String(next)})`);
    return [from, next?.startsWith(to) ? to : to + TOP, ...rest] as T;
  });
}

/** Unzips a Pagefind data file and checks its signature. */
export function readPagefindData(file: string): unknown {
  const bytes = gunzipSync(readFileSync(file));
  if (bytes.subarray(0, SIGNATURE.length).toString('latin1') !== SIGNATURE) throw new Error(`${file}: not a Pagefind data file (no ${SIGNATURE} signature)`);
  return decode(bytes.subarray(SIGNATURE.length), { useMaps: false });
}

const isArray = (value: unknown): value is unknown[] => Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';

/**
 * Rewrites the metadata of the Pagefind index in `dir` (one language, as each shard has) and
 * renames its chunk files to match. `keyOf` gives the new ID for each Pagefind page hash; it
 * must throw for a page it does not know. Returns the new metadata file's name.
 */
export function compactMetadata(dir: string, keyOf: (pageHash: string) => string): string {
  const entry = readEntry(dir);
  const [language, ...others] = Object.keys(entry.languages);
  if (!language || others.length) throw new Error(`${entryFile(dir)}: expected one language, found ${Object.keys(entry.languages).length}`);
  const oldHash = entry.languages[language]!.hash;
  const metaFile = join(dir, `pagefind.${oldHash}.pf_meta`);
  const meta = readPagefindData(metaFile);

  // [version, pages [[hash, words, …]], chunks [[from, to, hash]], filters, sorts, …]: check before touching anything.
  const shapeError = (what: string) => new Error(`${metaFile}: unexpected Pagefind metadata (${what}); this code reads Pagefind 1.6's format`);
  if (!isArray(meta) || meta.length < 5 || !isString(meta[0])) throw shapeError('not a list starting with a version');
  if (!meta[0].startsWith('1.6')) throw shapeError(`version ${meta[0]}`);
  const [, pages, chunks] = meta;
  if (!isArray(pages) || !pages.every((page) => isArray(page) && page.length >= 2 && isString(page[0]) && typeof page[1] === 'number')) throw shapeError('pages');
  if (!isArray(chunks) || !chunks.every((chunk) => isArray(chunk) && chunk.length === 3 && chunk.every(isString))) throw shapeError('index chunks');
  const prefix = `${language}_`;
  const chunkHashes = (chunks as string[][]).map(([, , hash]) => hash!);
  if (!chunkHashes.every((hash) => hash.startsWith(prefix))) throw shapeError(`a chunk hash without the prefix ${prefix}`);
  for (const hash of chunkHashes) if (!existsSync(join(dir, 'index', `${hash}.pf_index`))) throw shapeError(`chunk file ${hash}.pf_index missing`);

  meta[1] = (pages as unknown[][]).map(([hash, , ...rest]) => [keyOf(hash as string), 1, ...rest]);
  meta[2] = extendChunkRanges(chunks as [string, string, string][], metaFile).map(([from, to, hash]) => [from, to, hash.slice(prefix.length)]);
  for (const hash of chunkHashes) renameSync(join(dir, 'index', `${hash}.pf_index`), join(dir, 'index', `${hash.slice(prefix.length)}.pf_index`));

  const bytes = gzipSync(Buffer.concat([Buffer.from(SIGNATURE, 'latin1'), encode(meta)]), { level: 9 });
  const newHash = `${prefix}${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`;
  const newFile = `pagefind.${newHash}.pf_meta`;
  rmSync(metaFile);
  writeFileSync(join(dir, newFile), bytes);
  entry.languages[language]!.hash = newHash;
  writeFileSync(entryFile(dir), JSON.stringify(entry));
  return newFile;
}
