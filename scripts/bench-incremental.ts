/**
 * Incremental build benchmark: for each size, builds a synthetic archive as `npm run build`
 * does, with the search index's cache (docs/search.md, "Incremental builds"), then adds
 * reports three times, newest, backdated (of one past month) and scattered over the archive's
 * years, and builds again each time, keeping Astro's content cache and the index's cache.
 * Last, a full index build of the same site, so that the ratio incremental / full is taken in
 * one run on a machine whose load changes. Prints each build's time, its index steps, and
 * Astro's content sync on the first build and the rebuilds.
 *
 *   npm run bench:incremental -- [--scale 10000] [--added 10] [--keep]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ASTRO_STEPS, INDEX_STEPS, measureSteps } from './lib/build-steps.ts';
import type { Measured } from './lib/run-measured.ts';
import { astroBuild, indexBuild } from './lib/site-build.ts';
import { writeSyntheticArchive } from './lib/synthetic-archive.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const SOURCES = join(ROOT, 'content/articles');

function benchOptions(): { sizes: number[]; added: number; keep: boolean } {
  const { values } = parseArgs({
    strict: true,
    options: {
      scale: { type: 'string', default: '10000' },
      added: { type: 'string', default: '10' },
      keep: { type: 'boolean', default: false },
    },
  });
  const sizes = values.scale.split(',').map((size) => Number(size.trim()));
  const added = Number(values.added);
  if (![...sizes, added].every((n) => Number.isInteger(n) && n > 0))
    throw new Error(`--scale and --added take positive integers; got ${values.scale}, ${added}`);
  return { sizes, added, keep: values.keep };
}

const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');

/** One row of the table: a build of the site, Astro's or the index's. */
interface Row {
  build: string;
  seconds: number;
  /** Content sync (Astro) or pages / shards / merge (index), in seconds. */
  steps: string;
  /** The index build's own summary line. */
  said?: string;
  load: string;
}

const stepSeconds = (run: Measured, specs: typeof INDEX_STEPS) =>
  measureSteps(run, specs)
    .map(({ step, seconds }) => `${step.replace(/^search index: /, '')} ${seconds.toFixed(1)}`)
    .join(', ');

async function astroRow(build: string, work: string, articles: string): Promise<Row> {
  const run = await astroBuild(work, articles);
  const sync = measureSteps(run, ASTRO_STEPS).find(({ step }) => step === 'content sync')!;
  return {
    build,
    seconds: run.seconds,
    steps: `content sync ${sync.seconds.toFixed(1)}`,
    load: load(),
  };
}

async function indexRow(build: string, work: string, args: string[] = []): Promise<Row> {
  const run = await indexBuild(work, args);
  const said = run.output.trim().split('\n').at(-1)!;
  if (!said.startsWith('search index:')) throw new Error(`index build failed:\n${run.output}`);
  return { build, seconds: run.seconds, steps: stepSeconds(run, INDEX_STEPS), said, load: load() };
}

/** The month the backdated reports are of: in the middle of the synthetic archive's years. */
const PAST_MONTH = { first: '2020-06-01', last: '2020-06-30' };

/** The builds of one size, in the order they ran. */
async function measureSize(reports: number, added: number, work: string): Promise<Row[]> {
  const articles = join(work, 'articles');
  writeSyntheticArchive(articles, reports, { sourceDir: SOURCES });
  const rows = [await astroRow('astro build, first', work, articles)];
  rows.push(await indexRow('index, full (no cache yet)', work));
  writeSyntheticArchive(articles, added, {
    seed: 1,
    sourceDir: SOURCES,
    first: '2026-01-01',
    last: '2026-01-31',
  });
  rows.push(await astroRow(`astro build, ${added} newest added`, work, articles));
  rows.push(await indexRow(`index, ${added} newest added`, work));
  // A bulletin of a past month, as an editor imports one late.
  writeSyntheticArchive(articles, added, { seed: 2, sourceDir: SOURCES, ...PAST_MONTH });
  rows.push(await astroRow(`astro build, ${added} backdated added`, work, articles));
  rows.push(await indexRow(`index, ${added} backdated added`, work));
  // The worst case for the segments: reports of all years, one import.
  writeSyntheticArchive(articles, added, { seed: 3, sourceDir: SOURCES });
  rows.push(await astroRow(`astro build, ${added} scattered added`, work, articles));
  rows.push(await indexRow(`index, ${added} scattered added`, work));
  rows.push(await indexRow('index, full (--full), same site', work, ['--full']));
  return rows;
}

function table(reports: number, rows: readonly Row[]): string {
  const full = rows.at(-1)!.seconds;
  const lines = [
    `| ${reports} reports | time (s) | / last full index | steps (s) | load after |`,
    '| --- | ---: | ---: | --- | --- |',
    ...rows.map(
      (row) =>
        `| ${row.build} | ${row.seconds.toFixed(1)} | ${row.build.startsWith('index') ? (row.seconds / full).toFixed(2) : ''} | ${row.steps} | ${row.load} |`,
    ),
  ];
  return [
    ...lines,
    '',
    ...rows.flatMap((row) => (row.said ? [`${row.build}: ${row.said}`] : [])),
  ].join('\n');
}

async function main(): Promise<void> {
  const { sizes, added, keep } = benchOptions();
  console.log(
    `Incremental build benchmark: ${sizes.join(', ')} reports, ${added} added three times`,
  );
  for (const reports of sizes) {
    const work = mkdtempSync(join(tmpdir(), 'archive-bench-incremental-'));
    console.log(`\n${new Date().toISOString()} ${reports} reports in ${work}; load ${load()}`);
    try {
      console.log(`\n${table(reports, await measureSize(reports, added, work))}`);
    } finally {
      if (keep) console.log(`  kept ${work}`);
      else rmSync(work, { recursive: true, force: true });
    }
  }
}

await main();
