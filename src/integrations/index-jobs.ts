/** How many processes the index build runs side by side (shards, merge ranges). */
import { availableParallelism } from 'node:os';
import pMap from 'p-map';

/**
 * SEARCH_INDEX_JOBS, else up to two, one per core: each shard's processes hold Pagefind's
 * memory for one shard (docs/search.md, "Shards").
 */
export function indexJobs(env = process.env): number {
  const jobs = env.SEARCH_INDEX_JOBS;
  if (jobs === undefined || jobs === '') return Math.min(2, availableParallelism());
  if (!/^[1-9]\d*$/.test(jobs))
    throw new Error(`SEARCH_INDEX_JOBS must be a positive integer, not "${jobs}"`);
  return Number(jobs);
}

/**
 * `run` on every item, `jobs` at a time, results in the items' order. A failure is raised only
 * once every run has ended, so that no process still writes into a folder the caller removes;
 * it is the first run's error, as that run raised it.
 */
export function sideBySide<T, R>(
  items: Iterable<T>,
  run: (item: T) => Promise<R>,
  jobs: number,
): Promise<R[]> {
  return pMap(items, run, { concurrency: jobs, stopOnError: false }).catch((error: unknown) => {
    throw error instanceof AggregateError ? error.errors[0] : error;
  });
}
