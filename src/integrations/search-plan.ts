/**
 * Which reports an index build indexes anew (docs/search.md, "Incremental builds"). A full
 * build indexes every report, in shards split by size, with frequent bigrams counted over the
 * whole archive. An incremental build keeps the cached shards of the full build and indexes
 * only the reports added or edited since it, with the frequent bigrams frozen then, into
 * shards of their own (delta shards); the merge leaves out the pages of the full build's
 * shards that are no longer current (a report edited or deleted since). The merged index
 * numbers pages by catalog position, so it is the same however the reports were split into
 * shards: an incremental build writes the index a full build with the same frequent bigrams
 * and segment starts (search-segments.ts) writes, and merges again only the segments whose
 * reports changed.
 */
import type { CatalogEntry } from '../search/catalog.ts';
import type { SearchDocument } from '../search/records.ts';
import type { FrequentBigrams } from '../search/tokens.ts';
import {
  readCache,
  verifyShard,
  type CachedSegment,
  type CachedShard,
  type CacheOrigin,
} from './search-cache.ts';
import type { SegmentStart } from './search-segments.ts';

/**
 * Reports added, edited or deleted since the full build, as a share of the reports it indexed,
 * beyond which a build is full again: the frozen frequent bigrams were counted on an archive
 * that no longer is, and the pages left out of the full build's shards are work for nothing.
 */
export const MAX_DRIFT = 0.05;

/** What the indexer keeps of an article between passes; its text is read back from its display file. */
export type IndexedArticle = Pick<SearchDocument, 'id' | 'date' | 'province'> &
  Pick<CatalogEntry, 'titleLength'> & {
    /** SHA-256 of its search document: a report whose hash changed was edited. */
    hash: string;
    /** Its index words (indexWordCount): what its share of a shard is measured in. */
    indexWords: number;
  };

/** Reports changed since the full build. */
export interface Changes {
  added: number;
  edited: number;
  deleted: number;
}

/** What a build indexes, and what it takes from the cache. */
export type IndexPlan =
  | {
      full: true;
      /** Why: no cache, `--full`, a cache this build cannot use, or too many changes. */
      reason: string;
    }
  | {
      full: false;
      frequent: FrequentBigrams;
      /** Cached shards the merge reads as they are. */
      reused: CachedShard[];
      /** Reports to index into new delta shards (none if the cached delta shards hold them). */
      toIndex: IndexedArticle[];
      /** Where the full build's segments start (search-segments.ts). */
      segmentStarts: SegmentStart[];
      /** Reports per segment the starts were cut for. */
      segmentPages: number;
      /** Merged segments the merge takes as they are if their reports are the same. */
      segments: CachedSegment[];
      fullReports: number;
      changes: Changes;
    };

/** The reports not current in the full build's shards, and the changes that made them so. */
function changesSince(
  articles: readonly IndexedArticle[],
  base: readonly CachedShard[],
): { delta: IndexedArticle[]; changes: Changes } {
  const current = new Map(articles.map((article) => [article.id, article.hash]));
  const indexed = new Map(base.flatMap((shard) => shard.articles));
  const changes: Changes = { added: 0, edited: 0, deleted: 0 };
  for (const [id, hash] of indexed)
    if (!current.has(id)) changes.deleted++;
    else if (current.get(id) !== hash) changes.edited++;
  const delta = articles.filter((article) => indexed.get(article.id) !== article.hash);
  changes.added = delta.filter((article) => !indexed.has(article.id)).length;
  return { delta, changes };
}

/** Whether two lists of [ID, hash] hold the same entries. */
function sameEntries(a: readonly (readonly string[])[], b: readonly (readonly string[])[]) {
  const key = (entries: readonly (readonly string[])[]) =>
    entries
      .map((entry) => entry.join(' '))
      .sort()
      .join('\n');
  return a.length === b.length && key(a) === key(b);
}

/**
 * The plan for indexing `articles` (oldest first) with the cache in `cacheDir`: incremental
 * if the cache is one this build can use and the archive has not drifted too far from its
 * full build, else full, saying why.
 */
export function planIndex(
  articles: readonly IndexedArticle[],
  { cacheDir, origin, full }: { cacheDir?: string; origin?: CacheOrigin; full?: boolean },
): IndexPlan {
  if (!cacheDir || !origin) return { full: true, reason: 'no cache' };
  if (full) return { full: true, reason: 'full build asked for' };
  const cache = readCache(cacheDir, origin);
  if ('problem' in cache) return { full: true, reason: `cache ${cache.problem}` };
  const { manifest } = cache;
  const base = manifest.shards.filter((shard) => !shard.delta);
  const { delta, changes } = changesSince(articles, base);
  const changed = changes.added + changes.edited + changes.deleted;
  if (changed > MAX_DRIFT * manifest.fullReports)
    return {
      full: true,
      reason: `${changed} of ${manifest.fullReports} reports changed since the full build, over ${MAX_DRIFT * 100}%`,
    };
  const cachedDelta = manifest.shards.filter((shard) => shard.delta);
  const deltaCurrent = sameEntries(
    cachedDelta.flatMap((shard) => shard.articles),
    delta.map((article) => [article.id, article.hash]),
  );
  const reused = deltaCurrent ? manifest.shards : base;
  for (const shard of reused) {
    const problem = verifyShard(cacheDir, shard);
    if (problem) return { full: true, reason: `cache ${problem}` };
  }
  return {
    full: false,
    frequent: new Set(manifest.frequent),
    reused,
    toIndex: deltaCurrent ? [] : delta,
    segmentStarts: manifest.segmentStarts,
    segmentPages: manifest.segmentPages,
    segments: manifest.segments,
    fullReports: manifest.fullReports,
    changes,
  };
}
