/** Builds the real site into dist/ once before the site tests (temp-root.ts removes their folders). */
import { runAstro } from './astro.ts';

export default async function setup() {
  // Small shards, partitions and segments: the real reports fall into several of each, so
  // every search test crosses them, as on a large archive, and provinces share partitions.
  const { code, output } = await runAstro(['build'], {
    SEARCH_SHARD_WORDS: '2500',
    SEARCH_PARTITION_PAGES: '2',
    SEARCH_SEGMENT_PAGES: '2',
  });
  if (code !== 0) throw new Error(`astro build failed:\n${output}`);
}
