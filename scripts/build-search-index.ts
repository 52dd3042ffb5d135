/**
 * Builds the search index of a built site in a process of its own:
 *
 *   tsx scripts/build-search-index.ts [--dist dist]
 *
 * `npm run build` runs it after `astro build` with SEARCH_INDEX=separate, which tells the
 * integration to leave the index to this script. Astro keeps much of its memory after a large
 * build; indexing in a process of its own gives Pagefind that memory instead, so shards can be
 * larger and fewer (src/consts.ts, SEARCH_SHARD_WORDS; docs/search.md). BASE_PATH must match
 * the build.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeSearchIndex } from '../src/integrations/search-index.ts';
import { basePath } from '../src/utils/base-path.ts';

const { values } = parseArgs({ options: { dist: { type: 'string', default: 'dist' } } });
const dist = resolve(values.dist);
if (!existsSync(resolve(dist, 'index.html'))) {
  console.error(
    `build-search-index: ${dist} holds no built site (no index.html); run astro build first.`,
  );
  process.exit(1);
}
const started = performance.now();
const { articles, shards } = await writeSearchIndex(dist, basePath());
console.log(
  `search index: ${articles} articles in ${shards} shard(s), ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
