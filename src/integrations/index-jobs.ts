/** How many processes the index build runs side by side (shards, merge ranges). */
import { availableParallelism } from 'node:os';

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
