/**
 * Incremental index builds (src/integrations/search-plan.ts, search-cache.ts): with a cache
 * folder, a build indexes only the reports added or edited since the cache's full build and
 * merges them with the cached shards. The index it writes must be the one a full build with
 * the same frequent bigrams writes, byte for byte; a cache it cannot trust must lead to a full
 * build, never to a wrong index.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SyntheticReport } from '../../scripts/lib/synthetic-archive.ts';
import { writeSearchIndex, type IndexOptions } from '../../src/integrations/search-index.ts';
import { MAX_DRIFT } from '../../src/integrations/search-plan.ts';
import { decodeCatalog } from '../../src/search/catalog.ts';
import { indexFiles, writeArticlePage, writeIndexSite } from '../helpers/index-site.ts';

/** Small shards and partitions, so that a few hundred reports make several of each. */
const SIZES = { shardWords: 100_000, partitionPages: 40 } as const;

const catalogOf = (dist: string) =>
  decodeCatalog(readFileSync(join(dist, 'search', 'catalog.json'), 'utf8'));
const manifestOf = (cache: string) =>
  JSON.parse(readFileSync(join(cache, 'manifest.json'), 'utf8')) as {
    shards: { dir: string; delta: boolean; articles: [string, string][] }[];
  };

/** A report of the archive, changed: a new ID for a date and province, or an edited paragraph. */
function variant(report: SyntheticReport, changes: Partial<SyntheticReport>): SyntheticReport {
  const date = changes.date ?? report.date;
  const province = changes.province ?? report.province;
  return {
    ...report,
    ...changes,
    id: changes.date || changes.province ? `${date}-${province}-9` : report.id,
  };
}

/** Adds a newest and a backdated report, edits one and deletes one; returns their IDs. */
function changeArchive(dist: string, reports: readonly SyntheticReport[]) {
  const byDate = [...reports].sort((a, b) => a.date.localeCompare(b.date));
  const newest = variant(byDate.at(-1)!, { date: '2026-01-05', title: '最新的一篇会议报道' });
  const backdated = variant(byDate[0]!, { date: '2016-02-29', province: 'xizang' });
  const edited = variant(byDate[100]!, {
    paragraphs: [...byDate[100]!.paragraphs, '会议强调，修改后的段落只在这一篇里出现。'],
  });
  const deleted = byDate[200]!;
  for (const report of [newest, backdated, edited]) writeArticlePage(dist, report);
  rmSync(join(dist, 'articles', deleted.id), { recursive: true });
  return { newest, backdated, edited, deleted };
}

describe('an incremental index build', () => {
  it('writes, byte for byte, the index that a full build with the same frequent bigrams writes', async () => {
    const { dist, reports } = writeIndexSite(300);
    const cache = join(dirname(dist), 'cache');
    const options: IndexOptions = { ...SIZES, cacheDir: cache };
    const full = await writeSearchIndex(dist, '/', options);
    expect(full.fullBecause).toMatch(/^cache none/);
    expect(full.shards).toBeGreaterThanOrEqual(3);
    const frozen = catalogOf(dist).frequent;
    const changed = changeArchive(dist, reports);

    const incremental = await writeSearchIndex(dist, '/', options);
    expect(incremental.fullBecause).toBeUndefined();
    expect(incremental.changes).toEqual({ added: 2, edited: 1, deleted: 1 });
    // Only the changed reports were indexed anew: one shard of three, the others cached.
    expect(incremental.indexed).toBe(1);
    expect(incremental.shards).toBe(full.shards + 1);
    expect(manifestOf(cache).shards.filter((shard) => shard.delta)).toEqual([
      expect.objectContaining({
        articles: expect.arrayContaining(
          [changed.newest, changed.backdated, changed.edited].map((report) => [
            report.id,
            expect.any(String),
          ]),
        ),
      }),
    ]);
    expect(catalogOf(dist).frequent).toEqual(frozen);

    const copy = join(dirname(dist), 'full');
    cpSync(dist, copy, { recursive: true });
    const rebuilt = await writeSearchIndex(copy, '/', { ...SIZES, full: true, frequent: frozen });
    expect(rebuilt.indexed).toBe(rebuilt.shards);
    const expected = indexFiles(copy);
    expect(expected.size).toBeGreaterThan(reports.length);
    expect(indexFiles(dist)).toEqual(expected);
    // The catalog, and so the index, has the new reports and not the deleted one.
    const ids = Array.from({ length: catalogOf(dist).size }, (_, i) => catalogOf(dist).entry(i).id);
    expect(ids).toContain(changed.newest.id);
    expect(ids).toContain(changed.backdated.id);
    expect(ids).not.toContain(changed.deleted.id);
    expect(ids[0]).toBe(changed.newest.id);
  });
});
