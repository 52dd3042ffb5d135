/**
 * The index is built in shards of consecutive reports, oldest first, of at most about
 * SEARCH_SHARD_WORDS index words each, each written in Pagefind's format by a process of its
 * own so that the build's memory stays bounded; the build merges them into one index
 * (src/integrations/pagefind-merge.ts), which is what the browser loads.
 */

/**
 * Pagefind language of the index: "und" (undetermined, BCP 47) because the index holds ASCII
 * tokens only: Pagefind then neither stems nor segments them, which also indexes faster.
 */
export const INDEX_LANGUAGE = 'und';

/**
 * Pagefind's WebAssembly file for our language, which it has no stemmer for. The search page
 * preloads it before anything asks; the indexer checks that Pagefind wrote this one.
 */
export const PAGEFIND_WASM = 'wasm.unknown.pagefind';

/**
 * Stand-ins in the built search page for the index's metadata file and tag (see catalog.ts),
 * which exist only once the index is built after the pages: the index build writes the real
 * values in their place (writeSearchIndex), so the page can ask for Pagefind's start-up files
 * from its head, before any script runs.
 */
export const PENDING_INDEX_FILES = {
  meta: 'pending-search-index-meta',
  tag: 'pending-search-index-tag',
} as const;

/**
 * The index's metadata file (named by its content, in the Pagefind folder) and tag (Pagefind's
 * `metaCacheTag`, which makes its entry file's URL known in advance).
 */
export type IndexFileNames = Record<keyof typeof PENDING_INDEX_FILES, string>;

/**
 * The search panel's attributes that carry the index files into the built page: SearchPanel
 * writes them with the stand-ins, the index build replaces their values
 * (nameIndexFilesInSearchPage), the page's script reads the tag.
 */
export const INDEX_FILE_ATTRIBUTES = {
  meta: 'data-index-meta',
  tag: 'data-index-tag',
} as const satisfies Record<keyof IndexFileNames, string>;

/**
 * Sizes of the index's segments, newest first: consecutive reports of the catalog (newest
 * first), `perSegment` each (SEARCH_SEGMENT_PAGES at build time) counted from the oldest, the
 * newest segment holding the rest: from half to one and a half times `perSegment` (fewer only
 * in an archive of one segment), so that a first screen of results rarely needs a second
 * segment. Each segment is a Pagefind index of its own, with its own metadata, so that what a
 * search loads before its first results does not grow with the archive: the newest segment's
 * catalog columns, metadata and chunks. Counted from the oldest so that new reports change
 * only the newest segment: an incremental build merges only the segments whose reports
 * changed (src/integrations/search-segments.ts).
 */
export function segmentSizes(reports: number, perSegment: number): number[] {
  // reports / perSegment, rounded half up.
  const count = Math.max(1, Math.floor((2 * reports + perSegment) / (2 * perSegment)));
  return [reports - (count - 1) * perSegment, ...Array<number>(count - 1).fill(perSegment)];
}

/**
 * The folder of segment `k`'s index within the Pagefind folder: the first segment's is the
 * folder itself, which also holds Pagefind's script and WASM, so that a small archive's index
 * looks as Pagefind writes one.
 */
export const segmentFolder = (k: number) => (k ? `segment-${k}/` : '');

/**
 * The `wasm` of a further segment's entry file. Pagefind loads its WASM from
 * `<its folder>wasm.<wasm>.pagefind`: from `segment-1/`, this resolves to the first segment's
 * PAGEFIND_WASM (`segment-1/wasm._/../../wasm.unknown.pagefind`), so that the browser fetches
 * one WASM file for all segments instead of one each.
 */
export const SEGMENT_WASM = `_/../../${PAGEFIND_WASM.replace(/\.pagefind$/, '')}`;

/** Which partition of the index holds each report, and where each province's reports are. */
export interface Partitioning {
  /** Number of partitions, at least 1. */
  count: number;
  /** The partition of each report, by catalog position. */
  ofReport: number[];
  /** The partitions holding each province's reports, by province number (empty: none). */
  byProvince: number[][];
}

/**
 * Partitions of at most `perPartition` reports (SEARCH_PARTITION_PAGES at build time) that
 * keep each province's reports in as few partitions as fit them: a search within a province
 * searches only those. First-fit decreasing: the largest provinces are placed first, a
 * province larger than a partition fills whole ones (newest reports first), and its rest goes
 * where it fits. `provinces` is each report's province number, by catalog position.
 */
export function partitionByProvince(
  provinces: readonly number[],
  provinceCount: number,
  perPartition: number,
): Partitioning {
  const members: number[][] = Array.from({ length: provinceCount }, () => []);
  for (const [report, province] of provinces.entries()) members[province]!.push(report);
  const room: number[] = [];
  const ofReport = provinces.map(() => 0);
  const byProvince = members.map(() => [] as number[]);
  const largestFirst = members
    .map((_, province) => province)
    .sort((a, b) => members[b]!.length - members[a]!.length || a - b);
  for (const province of largestFirst) {
    const reports = members[province]!;
    for (let start = 0; start < reports.length;) {
      const piece = Math.min(perPartition, reports.length - start);
      let partition = room.findIndex((left) => left >= piece);
      if (partition === -1) partition = room.push(perPartition) - 1;
      room[partition]! -= piece;
      byProvince[province]!.push(partition);
      for (const report of reports.slice(start, start + piece)) ofReport[report] = partition;
      start += piece;
    }
  }
  return { count: Math.max(1, room.length), ofReport, byProvince };
}

/** The partitions of every segment, numbered across segments, and each segment's size. */
export interface SegmentedPartitioning extends Partitioning {
  /** Reports and partitions of each segment, in order (the catalog's `segments`). */
  segments: [reports: number, partitions: number][];
}

/**
 * Partitions by province (partitionByProvince) within each segment of `sizes` reports (in
 * catalog order): a partition never spans two segments, so each segment's index holds whole
 * partitions. They are numbered segment after segment.
 */
export function partitionSegments(
  provinces: readonly number[],
  provinceCount: number,
  sizes: readonly number[],
  perPartition: number,
): SegmentedPartitioning {
  const ofReport: number[] = [];
  const byProvince: number[][] = Array.from({ length: provinceCount }, () => []);
  const segments: [number, number][] = [];
  let start = 0;
  let first = 0;
  for (const size of sizes) {
    const part = partitionByProvince(
      provinces.slice(start, start + size),
      provinceCount,
      perPartition,
    );
    for (const partition of part.ofReport) ofReport.push(first + partition);
    for (const [province, list] of part.byProvince.entries())
      byProvince[province]!.push(...list.map((partition) => first + partition));
    segments.push([size, part.count]);
    start += size;
    first += part.count;
  }
  return { count: first, ofReport, byProvince, segments };
}

/**
 * The word that holds `word`'s pages in partition `partition` (of `partitions`) of a segment
 * of the merged index (see partitionByProvince), both counted within the segment, so that a
 * segment's bytes do not depend on the others. Pagefind's search compares every page that has
 * a word with every entry of the word's page list (pagefind_core_search, `search_term`), a
 * cost that grows with the square of the reports that have the word; a partition's list is at most
 * SEARCH_PARTITION_PAGES long, and the browser searches each (docs/search.md, "Partitions").
 * No word of our vocabulary is a prefix of another (tokens.ts), so words with a suffix keep
 * their order; the suffix has a fixed width, so that stays true. "_" joins it: Pagefind keeps "_" in a query (it is one of its
 * `include_characters`, and word segmentation does not split at it).
 */
export function partitionWord(word: string, partition: number, partitions: number): string {
  const width = Math.max(1, (partitions - 1).toString(36).length);
  return `${word}_${partition.toString(36).padStart(width, '0')}`;
}
