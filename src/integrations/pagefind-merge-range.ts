/**
 * One range of words of the merged index (pagefind-merge.ts): the shards' words in the range,
 * each with its pages from every shard, written as chunk files. The ranges are fixed, so the
 * index does not depend on how many are merged at once, in this process or in processes of
 * their own (pagefind-merge-process.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import TinyQueue from 'tinyqueue';
import { partitionWord } from '../search/pagefind-index.ts';
import { CborBuffer } from './cbor-buffer.ts';
import { chunkCbor, chunkWords, type RawPosting } from './pagefind-chunk.ts';
import { runInChild } from './child-task.ts';
import {
  byCodePoint,
  CHUNK_GZIP_LEVEL,
  contentHash,
  pagefindDataAsync,
  readShard,
  unzipPagefindData,
  type Shard,
} from './pagefind-merge.ts';

/** Words from `from` (inclusive) to `to` (exclusive; none: to the end), in Pagefind's order. */
export interface WordRange {
  from: string;
  to?: string;
}

const inRange = (word: string, { from, to }: WordRange) =>
  byCodePoint(word, from) >= 0 && (to === undefined || byCodePoint(word, to) < 0);

/** A chunk written for a range: its first and last word, and the SHA-256 its file is named by. */
export type RangeChunk = [from: string, to: string, hash: string];

/** What merging one range needs; plain data, so that a process of its own can receive it. */
export interface RangeTask {
  shardDirs: string[];
  /** The number in the merged index of each page of each shard (-1: left out). */
  numbers: number[][];
  /** The partition of each page of the merged index. */
  pagePartition: number[];
  partitions: number;
  chunkBytes: number;
  range: WordRange;
  /** The folder its chunk files go to. */
  dir: string;
}

/** mergeRange in a process of its own (pagefind-merge-process.ts). */
export const mergeRangeInProcess = (task: RangeTask) =>
  runInChild<RangeTask, RangeChunk[]>(
    new URL('./pagefind-merge-process.ts', import.meta.url),
    task,
    `merging words from "${task.range.from}"`,
  );

/** Merges the words of one range into chunk files in `task.dir`; returns the chunks in word order. */
export async function mergeRange(task: RangeTask): Promise<RangeChunk[]> {
  const shards = task.shardDirs.map(readShard);
  const chunks = chunkWriter(task.dir, task.chunkBytes);
  const cbor = new CborBuffer();
  // A word's partitions stay in one chunk: a lookup fetches one.
  for (const [word, postings] of mergedWords(shards, task.numbers, task.range)) {
    const closed = chunks.add(partitionedWord(word, postings, task, cbor));
    if (closed) await closed;
  }
  return chunks.finish();
}

/**
 * A shard's words in `range` in order, each page numbered as `numbers` says (by its place in
 * the shard). Only the chunks that can hold words of the range are read.
 */
function* shardWords(
  shard: Shard,
  numbers: readonly number[],
  range: WordRange,
): Generator<[word: string, pages: RawPosting[]]> {
  for (const [c, hash] of shard.chunks.entries()) {
    // Every word of chunk c is at least its first word and below the next chunk's.
    const next = shard.chunkStarts[c + 1];
    if (next !== undefined && byCodePoint(next, range.from) <= 0) continue;
    if (range.to !== undefined && byCodePoint(shard.chunkStarts[c]!, range.to) >= 0) return;
    const file = join(shard.dir, 'index', `${hash}.pf_index`);
    for (const [word, pages] of chunkWords(unzipPagefindData(file), file))
      if (inRange(word, range)) yield [word, numbered(pages, numbers, file, word)];
  }
}

/**
 * A word's pages as the shard stored them (page numbers as deltas), numbered for the merged
 * index, left-out pages dropped. Renumbered in place: the merge reads millions of them.
 */
function numbered(
  postings: RawPosting[],
  numbers: readonly number[],
  file: string,
  word: string,
): RawPosting[] {
  let page = 0;
  const kept: RawPosting[] = [];
  for (const posting of postings) {
    page += posting.page;
    const number = numbers[page];
    if (number === undefined)
      throw new Error(`${file}: page ${page} of ${word} is not in the shard's metadata`);
    // Pages left out of the merge (numbered -1) lose their postings.
    if (number < 0) continue;
    posting.page = number;
    kept.push(posting);
  }
  return kept;
}

/** One word of the merged index, encoded: [word, postings]. */
interface EncodedWord {
  word: string;
  cbor: Uint8Array;
}

/** Chunks being compressed at once: zlib's threads compress while this one encodes the next. */
const CHUNKS_IN_FLIGHT = 8;

/**
 * Writes chunk files of about `chunkBytes` of CBOR into `dir`, each named by the SHA-256 of its
 * bytes, from encoded words added in order; `finish` writes the last one and returns the chunk
 * list. Chunks are compressed on zlib's threads and written in order.
 */
function chunkWriter(dir: string, chunkBytes: number) {
  mkdirSync(dir, { recursive: true });
  const chunks: RangeChunk[] = [];
  const compressing: { from: string; to: string; bytes: Promise<Buffer> }[] = [];
  let pending: EncodedWord[] = [];
  let pendingBytes = 0;
  const write = async () => {
    const { from, to, bytes } = compressing.shift()!;
    const data = await bytes;
    const hash = contentHash(data);
    writeFileSync(join(dir, `${hash}.pf_index`), data);
    chunks.push([from, to, hash]);
  };
  const flush = async () => {
    if (!pending.length) return;
    const cbor = chunkCbor(
      pending.length,
      pending.map((w) => w.cbor),
    );
    const bytes = pagefindDataAsync(cbor, CHUNK_GZIP_LEVEL);
    bytes.catch(() => undefined);
    compressing.push({ from: pending[0]!.word, to: pending.at(-1)!.word, bytes });
    pending = [];
    pendingBytes = 0;
    if (compressing.length >= CHUNKS_IN_FLIGHT) await write();
  };
  return {
    /**
     * Adds one word's entries (all of its partitions): a chunk ends only after a whole word.
     * Returns a promise only when a chunk was closed, to await before adding more.
     */
    add(words: readonly EncodedWord[]): Promise<void> | undefined {
      pending.push(...words);
      for (const { cbor } of words) pendingBytes += cbor.length;
      return pendingBytes >= chunkBytes ? flush() : undefined;
    },
    async finish() {
      await flush();
      while (compressing.length) await write();
      return chunks;
    },
  };
}

/** A shard's next word, as the merge's queue holds it. */
interface Head {
  shard: number;
  word: string;
  pages: RawPosting[];
}

/** Heads in Pagefind's word order; of equal words, the lower shard first. */
const headOrder = (a: Head, b: Head) => byCodePoint(a.word, b.word) || a.shard - b.shard;

/**
 * Every word of the shards once, in Pagefind's order, with its pages from all shards in page
 * order. A queue of each shard's next word makes the work words × log(shards).
 */
function* mergedWords(
  shards: readonly Shard[],
  numbers: readonly (readonly number[])[],
  range: WordRange,
): Generator<[word: string, pages: RawPosting[]]> {
  const streams = shards.map((shard, n) => shardWords(shard, numbers[n]!, range));
  const queue = new TinyQueue<Head>([], headOrder);
  const advance = (shard: number) => {
    const next = streams[shard]!.next();
    if (!next.done) queue.push({ shard, word: next.value[0], pages: next.value[1] });
  };
  streams.forEach((_, n) => advance(n));
  while (queue.length) {
    const word = queue.peek()!.word;
    const postings: RawPosting[] = [];
    while (queue.length && queue.peek()!.word === word) {
      const head = queue.pop()!;
      postings.push(...head.pages);
      advance(head.shard);
    }
    // A word of left-out pages only is not in the merged index.
    if (postings.length) yield [word, inPageOrder(postings)];
  }
}

/** Postings sorted by page number (in place); most lists are sorted already. */
function inPageOrder(postings: RawPosting[]): RawPosting[] {
  for (let i = 1; i < postings.length; i++)
    if (postings[i]!.page < postings[i - 1]!.page) return postings.sort((a, b) => a.page - b.page);
  return postings;
}

/**
 * A word's stored entries, one per partition that has its pages (see partitionWord), in
 * partition order, which is the stored words' order; page numbers delta-encoded again, as
 * Pagefind stores them. Encoded in `cbor`, which is left empty.
 */
function partitionedWord(
  word: string,
  postings: readonly RawPosting[],
  { pagePartition, partitions }: Pick<RangeTask, 'pagePartition' | 'partitions'>,
  cbor: CborBuffer,
): EncodedWord[] {
  const byPartition = new Map<number, RawPosting[]>();
  for (const posting of postings) {
    const partition = pagePartition[posting.page]!;
    const list = byPartition.get(partition);
    if (list) list.push(posting);
    else byPartition.set(partition, [posting]);
  }
  return [...byPartition.keys()]
    .sort((a, b) => a - b)
    .map((partition) => {
      const stored = partitionWord(word, partition, partitions);
      const pages = byPartition.get(partition)!;
      cbor.head(4, 2);
      cbor.text(stored);
      cbor.head(4, pages.length);
      let previous = 0;
      for (const { page, items, rest } of pages) {
        if (page < previous) throw new Error(`index shards: pages of ${word} out of order`);
        cbor.head(4, items);
        cbor.int(page - previous);
        cbor.raw(rest);
        previous = page;
      }
      return { word: stored, cbor: cbor.take() };
    });
}
