/**
 * Builds a synthetic archive's site for the benchmarks the way `npm run build` does: `astro
 * build` from a private copy of the project, then the search index in a process of its own,
 * each measured (scripts/lib/run-measured.ts), with the build-step markers on.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { copyProject } from './project-copy.ts';
import { runMeasured, type Measured } from './run-measured.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

/**
 * `astro build` of `articlesDir` into `<work>/dist`, with Astro's content cache in
 * `<work>/cache` (kept between builds in the same `work`).
 */
export async function astroBuild(work: string, articlesDir: string): Promise<Measured> {
  const project = join(work, 'project');
  if (!existsSync(project)) copyProject(project);
  const astro = await runMeasured(
    process.execPath,
    [
      join(ROOT, 'node_modules/astro/bin/astro.mjs'),
      'build',
      '--root',
      project,
      '--outDir',
      join(work, 'dist'),
    ],
    {
      cwd: project,
      env: {
        ARTICLES_DIR: articlesDir,
        ASTRO_CACHE_DIR: join(work, 'cache'),
        SEARCH_INDEX: 'separate',
        BUILD_STEP_LOG: '1',
      },
    },
  );
  if (!/Completed in/.test(astro.output)) throw new Error(`astro build failed:\n${astro.output}`);
  return astro;
}

/** The search index of `<work>/dist`, with its cache in `<work>/search-cache`; `args` for the script (`--full`). */
export function indexBuild(work: string, args: string[] = []): Promise<Measured> {
  return runMeasured(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'scripts/build-search-index.ts'),
      '--dist',
      join(work, 'dist'),
      '--cache',
      join(work, 'search-cache'),
      ...args,
    ],
    { cwd: ROOT, env: { BUILD_STEP_LOG: '1' } },
  );
}
