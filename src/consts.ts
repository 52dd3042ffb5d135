/** Site-wide settings. Reader-facing strings are Chinese. */

export const SITE_TITLE = '民政会议档案';
export const SITE_DESCRIPTION = '省级民政部门会议报道的检索与阅读档案：按省份、日期浏览，全文精确检索。';

/** Where articles live, relative to the project root; ARTICLES_DIR overrides it (benchmarks, tests). */
export const ARTICLES_DIR = process.env.ARTICLES_DIR ?? 'content/articles';

/** Reports per page on list pages; PAGE_SIZE overrides it (tests use a small value). */
export const PAGE_SIZE = positiveInteger(process.env.PAGE_SIZE, 20, 'PAGE_SIZE');

/**
 * Reports per search index shard; SEARCH_SHARD_SIZE overrides it (tests use a small value).
 * Pagefind's indexer holds about 1 MB per report in memory, and shards are indexed one after
 * another, so this bounds the build's memory whatever the size of the archive.
 */
export const SEARCH_SHARD_SIZE = positiveInteger(process.env.SEARCH_SHARD_SIZE, 1500, 'SEARCH_SHARD_SIZE');

/** Reports shown on the home page. */
export const HOME_LATEST_COUNT = 10;

function positiveInteger(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return number;
}
