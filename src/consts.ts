/** Site-wide settings. Reader-facing strings are Chinese. */

export const SITE_TITLE = '民政会议档案';
export const SITE_DESCRIPTION =
  '省级民政部门会议报道的检索与阅读档案：按省份、日期浏览，全文精确检索。';

/** Where articles live, relative to the project root; ARTICLES_DIR overrides it (benchmarks, tests). */
export const ARTICLES_DIR = process.env.ARTICLES_DIR ?? 'content/articles';

/** Reports per page on list pages; PAGE_SIZE overrides it (tests use a small value). */
export const PAGE_SIZE = positiveInteger(process.env.PAGE_SIZE, 20, 'PAGE_SIZE');

/**
 * Index words per search index shard (three per character, pagefind-shard.ts);
 * SEARCH_SHARD_WORDS overrides it (tests use a small value). A shard's process holds its words'
 * positions until it writes them, so this bounds its memory whatever the size of the archive
 * (docs/search.md, "Shards"). The shards are merged into one index afterwards, so their number
 * does not change what the browser loads.
 */
export const SEARCH_SHARD_WORDS = positiveInteger(
  process.env.SEARCH_SHARD_WORDS,
  20_000_000,
  'SEARCH_SHARD_WORDS',
);

/**
 * Reports the search page goes over in one slice of its work, before it yields to the browser
 * (see src/search/engine.ts, searchSliceBounds); SEARCH_SLICE_ROWS overrides it (tests use a
 * small value, so that a test archive needs several slices).
 */
export const SEARCH_SLICE_ROWS = positiveInteger(
  process.env.SEARCH_SLICE_ROWS,
  2000,
  'SEARCH_SLICE_ROWS',
);

/**
 * Reports per partition of the search index at most (see src/search/pagefind-index.ts,
 * partitionByProvince); SEARCH_PARTITION_PAGES overrides it (tests use a small value).
 * Pagefind's search costs the square of a partition's pages that have the word, each
 * partition is one more search, and a search within a province searches only its partitions.
 */
export const SEARCH_PARTITION_PAGES = positiveInteger(
  process.env.SEARCH_PARTITION_PAGES,
  1000,
  'SEARCH_PARTITION_PAGES',
);

/**
 * Reports per segment of the search index (see src/search/pagefind-index.ts, segmentSizes; the
 * newest segment holds from half to one and a half times this); SEARCH_SEGMENT_PAGES overrides
 * it (tests use a small value). The search page loads the newest segment's catalog and index
 * metadata first and shows its first results from them, so this bounds what a first search
 * waits for however large the archive.
 */
export const SEARCH_SEGMENT_PAGES = positiveInteger(
  process.env.SEARCH_SEGMENT_PAGES,
  10000,
  'SEARCH_SEGMENT_PAGES',
);

/** Newest reports in each RSS feed: readers poll feeds, so their size must not grow with the archive. */
export const FEED_ITEMS = 50;

/** Reports shown on the home page. */
export const HOME_LATEST_COUNT = 10;

function positiveInteger(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new Error(`${name} must be a positive integer, got "${value}"`);
  return number;
}
