/**
 * Shards indexed side by side, each in a process of its own (src/integrations/search-shard.ts):
 * how many at once, that the index does not depend on it, and that a shard's failure reaches
 * the build with its cause; no Pagefind process outlives the build.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeSearchIndex } from '../../src/integrations/search-index.ts';
import { indexJobs } from '../../src/integrations/index-jobs.ts';
import { indexInProcess } from '../../src/integrations/search-shard.ts';
import { processTable } from '../../src/utils/processes.ts';
import { indexFiles, writeIndexSite } from '../helpers/index-site.ts';

const SIZES = { shardWords: 40_000, partitionPages: 30 } as const;
const jobsBefore = process.env.SEARCH_INDEX_JOBS;
afterEach(() => {
  if (jobsBefore === undefined) delete process.env.SEARCH_INDEX_JOBS;
  else process.env.SEARCH_INDEX_JOBS = jobsBefore;
});

/** Pagefind processes started by this process or its children. */
function pagefindProcesses(): number {
  const table = processTable();
  const ours = (pid: number): boolean => {
    for (let at = pid; at > 1; at = table.get(at)?.parent ?? 0) if (at === process.pid) return true;
    return false;
  };
  return [...table].filter(([pid, { name }]) => name.startsWith('pagefind') && ours(pid)).length;
}

describe('shards side by side', () => {
  it('are as many as SEARCH_INDEX_JOBS says, else up to two, one per core; anything else is refused', () => {
    expect(indexJobs({})).toBe(Math.min(2, availableParallelism()));
    expect(indexJobs({ SEARCH_INDEX_JOBS: '' })).toBe(Math.min(2, availableParallelism()));
    expect(indexJobs({ SEARCH_INDEX_JOBS: '3' })).toBe(3);
    for (const bad of ['0', '-1', '1.5', 'two', ' 2'])
      expect(() => indexJobs({ SEARCH_INDEX_JOBS: bad })).toThrow(
        `SEARCH_INDEX_JOBS must be a positive integer, not "${bad}"`,
      );
  });

  it('write the same index, byte for byte, one at a time or three at once', async () => {
    const { dist } = writeIndexSite(90);
    const copy = join(dirname(dist), 'copy', 'dist');
    cpSync(dist, copy, { recursive: true });
    process.env.SEARCH_INDEX_JOBS = '1';
    const one = await writeSearchIndex(dist, '/', SIZES);
    process.env.SEARCH_INDEX_JOBS = '3';
    const three = await writeSearchIndex(copy, '/', SIZES);
    expect(one.shards).toBeGreaterThanOrEqual(3);
    expect(three.shards).toBe(one.shards);
    expect(indexFiles(copy)).toEqual(indexFiles(dist));
    expect(pagefindProcesses()).toBe(0);
  });

  it('report a shard that fails with its cause', async () => {
    const docsDir = mkdtempSync(join(tmpdir(), 'display-files-'));
    const runtime = { version: '1.6.0', languages: {} };
    const ref = { id: '2024-01-02-beijing-1', date: '2024-01-02', province: 'beijing' };
    writeFileSync(join(docsDir, 'other.json'), '{}');
    await expect(
      indexInProcess({ docsDir, refs: [ref], frequent: [], runtime, dir: join(docsDir, 'out') }),
    ).rejects.toThrow(join(docsDir, `${ref.id}.json`));
  });
});
