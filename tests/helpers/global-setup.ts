/** Builds the real site into dist/ once before the site tests, and removes the test builds afterwards. */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAstro } from './astro.ts';

/** Prefixes of the temporary folders that tests/helpers create (buildInto, writeArchive). */
const TEMPORARY = /^(archive-build|articles)-/;

export default async function setup() {
  const started = Date.now();
  // Small shards and partitions: the real reports fall into several of each, so every search
  // test crosses them, as on a large archive, and provinces share partitions.
  const { code, output } = await runAstro(['build'], {
    SEARCH_SHARD_WORDS: '2500',
    SEARCH_PARTITION_PAGES: '2',
  });
  if (code !== 0) throw new Error(`astro build failed:\n${output}`);
  return () => {
    for (const name of readdirSync(tmpdir())) {
      const path = join(tmpdir(), name);
      if (TEMPORARY.test(name) && statSync(path).ctimeMs >= started)
        rmSync(path, { recursive: true, force: true });
    }
  };
}
