/**
 * Builds the search index of a built site in a process of its own:
 *
 *   tsx scripts/build-search-index.ts [--dist dist] [--cache <folder>] [--full]
 *
 * `npm run build` runs it after `astro build` with SEARCH_INDEX=separate, which tells the
 * integration to leave the index to this script. Astro keeps much of its memory after a large
 * build; indexing in a process of its own gives Pagefind that memory instead, so shards can be
 * larger and fewer (src/consts.ts, SEARCH_SHARD_WORDS; docs/search.md). BASE_PATH must match
 * the build.
 *
 * Between builds it keeps its shards, merged segments and what it read of each page in a cache folder (`--cache`, else SEARCH_INDEX_CACHE, else
 * node_modules/.cache/search-index) and indexes only the reports changed since, when it can;
 * `--full` indexes everything anew (docs/search.md, "Incremental builds").
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SEARCH_CACHE } from '../src/integrations/search-cache.ts';
import { writeSearchIndex, type IndexSummary } from '../src/integrations/search-index.ts';
import { basePath } from '../src/utils/base-path.ts';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    cache: { type: 'string', default: process.env.SEARCH_INDEX_CACHE || DEFAULT_SEARCH_CACHE },
    full: { type: 'boolean', default: false },
  },
});
const dist = resolve(values.dist);
if (!existsSync(resolve(dist, 'index.html'))) {
  console.error(
    `build-search-index: ${dist} holds no built site (no index.html); run astro build first.`,
  );
  process.exit(1);
}

/** What the build did, in one line. */
function describe(summary: IndexSummary, seconds: number): string {
  const { articles, shards, indexed, segments, merged, changes, fullBecause, parsed } = summary;
  const done = `search index: ${articles} articles in ${shards} shard(s), ${seconds.toFixed(1)} s`;
  const read = `${parsed} page(s) parsed`;
  if (!changes) return `${done}; full build (${fullBecause}); ${read}`;
  const changed = changes.added + changes.edited + changes.deleted;
  const work = `${indexed} of ${shards} shard(s) re-indexed, ${merged} of ${segments} segment(s) merged`;
  return `${done}; ${work}, ${changed} reports changed since the full build (${changes.added} added, ${changes.edited} edited, ${changes.deleted} deleted); ${read}`;
}

const started = performance.now();
const summary = await writeSearchIndex(dist, basePath(), {
  cacheDir: resolve(values.cache),
  full: values.full,
});
console.log(describe(summary, (performance.now() - started) / 1000));
