/**
 * Build benchmark at scale: for each size, builds a synthetic archive of that many reports in
 * a temporary folder as `npm run build` does (astro build, then the search index in a process
 * of its own) and prints each step's wall time and peak memory (summed RSS of the process
 * tree), with the growth exponent between consecutive sizes. The table so far is printed
 * after each size, so a long run that is stopped still reports the sizes it finished.
 *
 *   npm run bench:build -- [--scale 10000,20000,40000] [--keep]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ASTRO_STEPS,
  INDEX_STEPS,
  measureSteps,
  scaleTable,
  type SizeFigures,
  type StepFigure,
} from './lib/build-steps.ts';
import type { Measured } from './lib/run-measured.ts';
import { astroBuild, indexBuild } from './lib/site-build.ts';
import { writeSyntheticArchive } from './lib/synthetic-archive.ts';

const ROOT = new URL('..', import.meta.url).pathname;

function benchOptions(): { sizes: number[]; keep: boolean } {
  const { values } = parseArgs({
    strict: true,
    options: {
      scale: { type: 'string', default: '10000,20000,40000' },
      keep: { type: 'boolean', default: false },
    },
  });
  const sizes = values.scale.split(',').map((size) => Number(size.trim()));
  if (!sizes.every((size) => Number.isInteger(size) && size > 0))
    throw new Error(`--scale must list positive integers, e.g. 10000,20000; got ${values.scale}`);
  return { sizes, keep: values.keep };
}

const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');

/** Builds the site from `articlesDir` into `<work>/dist` as `npm run build` does, step markers on. */
async function build(work: string, articlesDir: string): Promise<[Measured, Measured]> {
  const astro = await astroBuild(work, articlesDir);
  return [astro, await indexBuild(work)];
}

/** The steps of both processes, and the totals. */
function stepFigures(astro: Measured, index: Measured): StepFigure[] {
  // Astro's steps follow one another from its start to its end, so they add up to its time.
  return [
    ...measureSteps(astro, ASTRO_STEPS),
    ...measureSteps(index, INDEX_STEPS),
    { step: 'astro build (all)', seconds: astro.seconds, peakMb: astro.peakTreeMb },
    { step: 'search index (all)', seconds: index.seconds, peakMb: index.peakTreeMb },
    {
      step: 'whole build',
      seconds: astro.seconds + index.seconds,
      peakMb: Math.max(astro.peakTreeMb, index.peakTreeMb),
    },
  ];
}

async function measureSize(reports: number, keep: boolean): Promise<SizeFigures> {
  const work = mkdtempSync(join(tmpdir(), 'archive-bench-build-'));
  try {
    const articlesDir = join(work, 'articles');
    writeSyntheticArchive(articlesDir, reports, { sourceDir: join(ROOT, 'content/articles') });
    console.log(`\n${reports} reports in ${work}; load average before: ${load()}`);
    const [astro, index] = await build(work, articlesDir);
    console.log(`  built; load average after: ${load()}`);
    console.log(`  ${index.output.trim().split('\n').at(-1)}`);
    return { reports, steps: stepFigures(astro, index) };
  } finally {
    if (keep) console.log(`  kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { sizes, keep } = benchOptions();
  console.log(`Build benchmark: ${sizes.join(', ')} reports, ${new Date().toISOString()}`);
  const measured: SizeFigures[] = [];
  for (const reports of sizes) {
    measured.push(await measureSize(reports, keep));
    console.log(`\n${scaleTable(measured)}`);
  }
}

await main();
