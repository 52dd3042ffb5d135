/**
 * Where the index's segments start (docs/search.md, "Incremental builds"). A full build cuts
 * the catalog into segments of SEARCH_SEGMENT_PAGES reports counted from the oldest
 * (segmentSizes); an incremental build keeps those cuts, frozen with the frequent bigrams, so
 * that an added, edited or deleted report changes only its own segment, and merges only the
 * segments whose reports changed. A newest segment grown past one and a half segments is cut
 * as a full build would cut it; a segment emptied or grown past twice its size calls for a full
 * build.
 */
import { createHash } from 'node:crypto';
import { newestFirst, type CatalogEntry } from '../search/catalog.ts';
import { segmentSizes } from '../search/pagefind-index.ts';

/** The oldest report of a segment other than the oldest: reports from it on belong to it. */
export type SegmentStart = [date: string, id: string];

/** Segment sizes, newest first, and where each segment but the oldest starts (oldest first). */
export interface SegmentLayout {
  sizes: number[];
  starts: SegmentStart[];
}

type Report = Pick<CatalogEntry, 'date' | 'id'>;

/** The oldest report of each segment but the oldest, oldest first: what an incremental build keeps. */
function startsOf(inCatalogOrder: readonly Report[], sizes: readonly number[]): SegmentStart[] {
  const starts: SegmentStart[] = [];
  let end = 0;
  for (const size of sizes.slice(0, -1)) {
    end += size;
    const { date, id } = inCatalogOrder[end - 1]!;
    starts.unshift([date, id]);
  }
  return starts;
}

/**
 * Reports per segment, oldest segment first, when segments start at `starts`. Walks the
 * reports from the oldest, so the work is one pass.
 */
function countsFrom(inCatalogOrder: readonly Report[], starts: readonly SegmentStart[]): number[] {
  const counts = Array<number>(starts.length + 1).fill(0);
  let segment = 0;
  for (let i = inCatalogOrder.length - 1; i >= 0; i--) {
    const report = inCatalogOrder[i]!;
    while (segment < starts.length) {
      const [date, id] = starts[segment]!;
      // At or after the next segment's start (newestFirst: not newer than the report).
      if (newestFirst(report, { date, id }) > 0) break;
      segment++;
    }
    counts[segment]!++;
  }
  return counts;
}

/**
 * The segments of `inCatalogOrder` (reports newest first) of `perSegment` reports: cut anew
 * (no `starts`), or at the segments' frozen starts, the newest segment cut again as
 * segmentSizes cuts it if it grew past one and a half times `perSegment`. Returns why not instead if a frozen segment has no report left or more
 * than twice `perSegment`: then the build is full.
 */
export function segmentLayout(
  inCatalogOrder: readonly Report[],
  perSegment: number,
  starts?: readonly SegmentStart[],
): SegmentLayout | { problem: string } {
  if (!starts) {
    const sizes = segmentSizes(inCatalogOrder.length, perSegment);
    return { sizes, starts: startsOf(inCatalogOrder, sizes) };
  }
  const counts = countsFrom(inCatalogOrder, starts);
  for (const [k, count] of counts.entries()) {
    const from = k ? `the segment from ${starts[k - 1]!.join(' ')}` : 'the oldest segment';
    if (!count) return { problem: `${from} has no report left` };
    if (k < counts.length - 1 && count > 2 * perSegment)
      return { problem: `${from} has ${count} reports, over twice ${perSegment}` };
  }
  const newest = counts.pop()!;
  // As a full build cuts: whole segments from the oldest, the rest the newest.
  const cut = segmentSizes(newest, perSegment).reverse();
  const sizes = [...counts, ...cut].reverse();
  return { sizes, starts: startsOf(inCatalogOrder, sizes) };
}

/** What a merged segment is made of: a segment merged from the same is the same, byte for byte. */
export interface SegmentInput {
  /** Whether it is the first segment, whose folder also holds Pagefind's runtime. */
  first: boolean;
  chunkBytes: number;
  partitions: number;
  /** Its reports in catalog order: article ID, hash of the document indexed, partition in the segment. */
  reports: [id: string, hash: string, partition: number][];
}

/** The key a merged segment is kept by in the cache (search-cache.ts). */
export const segmentKey = (input: SegmentInput) =>
  createHash('sha256').update(JSON.stringify(input)).digest('hex');
