/**
 * Two index builds at once (src/integrations/search-index.ts, lockBuild): builds of two sites
 * that share one cache take turns, the second waiting and saying whom for; a second build into
 * the same site fails at once and changes nothing. Neither may leave a wrong index or cache.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CACHE_LOCK } from '../../src/integrations/search-cache.ts';
import { DIST_LOCK, writeSearchIndex } from '../../src/integrations/search-index.ts';
import { readSiteCatalog } from '../helpers/catalog.ts';
import {
  indexFiles,
  newReports,
  startIndexScript,
  writeArticlePage,
  writeIndexSite,
} from '../helpers/index-site.ts';

/** Small shards and partitions, so that a hundred reports make several of each. */
const SIZES = { shardWords: 60_000, partitionPages: 40 } as const;

const holders: ChildProcess[] = [];
afterEach(() => {
  for (const holder of holders.splice(0)) holder.kill('SIGKILL');
});

/** A live process of this host, whose lock `file` now names: the lock is held, not stale. */
function holdLock(file: string): ChildProcess {
  const holder = spawn('sleep', ['600']);
  holders.push(holder);
  const me = { pid: holder.pid, host: hostname(), started: new Date().toISOString() };
  writeFileSync(file, `${JSON.stringify(me)}\n`);
  return holder;
}

/** The index a full build writes of a copy of `dist` with the frequent bigrams its catalog names. */
async function fullBuildOf(dist: string): Promise<Map<string, string>> {
  const copy = join(dirname(dist), `full-${Math.random().toString(36).slice(2)}`, 'dist');
  cpSync(dist, copy, { recursive: true });
  const catalog = readSiteCatalog(dist);
  await writeSearchIndex(copy, '/', { ...SIZES, full: true, frequent: catalog.frequent });
  return indexFiles(copy);
}

/** Starts scripts/build-search-index.ts on `dist` with the cache `cache` and the sizes above. */
const startScript = (dist: string, cache: string) =>
  startIndexScript(dist, cache, {
    SEARCH_SHARD_WORDS: String(SIZES.shardWords),
    SEARCH_PARTITION_PAGES: String(SIZES.partitionPages),
  });

/** Resolves once `check` holds, looking every 50 ms. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('two index builds at once', () => {
  it('wait for the cache while another build holds it, then build the right index', async () => {
    const { dist } = writeIndexSite(60);
    const cache = join(dirname(dist), 'cache');
    await writeSearchIndex(dist, '/', { ...SIZES, cacheDir: cache });
    for (const report of newReports(2, '2026-03-01')) writeArticlePage(dist, report);
    const holder = holdLock(join(cache, CACHE_LOCK));
    const waitedFor: string[] = [];
    const build = writeSearchIndex(dist, '/', {
      ...SIZES,
      cacheDir: cache,
      onWait: (who) => {
        waitedFor.push(who);
        holder.kill('SIGKILL');
      },
    });
    const summary = await build;
    expect(waitedFor).toEqual([expect.stringMatching(new RegExp(`^process ${holder.pid} on `))]);
    // Once the holder was gone its lock was stale: the build took the cache and used it.
    expect(summary.changes).toEqual({ added: 2, edited: 0, deleted: 0 });
    expect(indexFiles(dist)).toEqual(await fullBuildOf(dist));
    expect(existsSync(join(cache, CACHE_LOCK))).toBe(false);
    expect(existsSync(join(dist, DIST_LOCK))).toBe(false);
  });

  it('into the same site: the second fails at once, saying why, and changes nothing', async () => {
    const { dist } = writeIndexSite(40);
    const cache = join(dirname(dist), 'cache');
    await writeSearchIndex(dist, '/', { ...SIZES, cacheDir: cache });
    const before = indexFiles(dist);
    const manifest = readFileSync(join(cache, 'manifest.json'), 'utf8');
    for (const report of newReports(2, '2026-03-01')) writeArticlePage(dist, report);
    const holder = holdLock(join(dist, DIST_LOCK));
    await expect(writeSearchIndex(dist, '/', { ...SIZES, cacheDir: cache })).rejects.toThrow(
      new RegExp(`another search index build is writing .*process ${holder.pid} on `),
    );
    expect(indexFiles(dist)).toEqual(before);
    expect(readFileSync(join(cache, 'manifest.json'), 'utf8')).toBe(manifest);
    expect(existsSync(join(cache, CACHE_LOCK))).toBe(false);
  });

  it('of two sites sharing one cache, run as processes side by side: they take turns, both right', async () => {
    const first = writeIndexSite(60);
    const second = writeIndexSite(60);
    for (const report of newReports(20, '2025-06-01', '2025-12-31', 11))
      writeArticlePage(second.dist, report);
    const cache = join(dirname(first.dist), 'shared-cache');
    mkdirSync(cache);
    // Both start while the cache is held, so both contend for it once it is free.
    const holder = holdLock(join(cache, CACHE_LOCK));
    const runs = [startScript(first.dist, cache), startScript(second.dist, cache)];
    const waiting = new RegExp(`waiting for process ${holder.pid} on `);
    await until(() => runs.every((run) => waiting.test(run.output())));
    holder.kill('SIGKILL');
    for (const run of await Promise.all(runs.map((run) => run.done)))
      expect(run.code, run.output).toBe(0);
    expect(indexFiles(first.dist)).toEqual(await fullBuildOf(first.dist));
    expect(indexFiles(second.dist)).toEqual(await fullBuildOf(second.dist));
    // The cache is whole: either site builds from it again, to the same index.
    for (const site of [first, second]) {
      const before = indexFiles(site.dist);
      const again = await startScript(site.dist, cache).done;
      expect(again.code, again.output).toBe(0);
      expect(indexFiles(site.dist)).toEqual(before);
    }
    expect(existsSync(join(cache, CACHE_LOCK))).toBe(false);
  });
});
