/**
 * Lighthouse performance report: the performance score and total blocking time of the article,
 * home and search pages of a built site, under Lighthouse's mobile settings (see
 * scripts/lib/lighthouse.ts). Printed, not asserted: both depend on how busy the machine is.
 * The other categories are tests (tests/site/quality-lighthouse.test.ts).
 *
 *   npm run build && npm run lighthouse -- [--dist dist] [--runs 3]
 */
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
// The tests' reader of public/_headers, so that the report is served as the tests serve it.
import { siteHeaders } from '../tests/helpers/headers.ts';
import { lighthouseSite } from './lib/lighthouse.ts';

/** The pages measured: the first article in the build, the home page, a search with results. */
function reportPages(dist: string): { name: string; path: string }[] {
  const [article] = readdirSync(resolve(dist, 'articles')).sort();
  if (!article) throw new Error(`${dist} has no article pages: build a site with reports first`);
  return [
    { name: 'article', path: `articles/${article}/` },
    { name: 'home', path: '' },
    { name: 'search with results', path: `search/?q=${encodeURIComponent('民政厅')}` },
  ];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    strict: true,
    options: {
      dist: { type: 'string', default: 'dist' },
      runs: { type: 'string', default: '1' },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs must be a positive integer, got ${values.runs}`);
  const dist = resolve(values.dist);
  const pages = reportPages(dist);
  const site = await lighthouseSite(dist, siteHeaders());
  try {
    console.log(`Lighthouse performance (mobile), ${dist}`);
    console.log(
      `load average before: ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}\n`,
    );
    console.log('| page | run | performance | total blocking time |');
    console.log('| --- | --- | --- | --- |');
    for (const page of pages) {
      for (let run = 1; run <= runs; run++) {
        const { scores, totalBlockingTime } = await site.audit(page.path, ['performance']);
        console.log(
          `| ${page.name} (/${decodeURIComponent(page.path)}) | ${run} | ${scores.performance} | ${Math.round(totalBlockingTime ?? NaN)} ms |`,
        );
      }
    }
    console.log(
      `\nload average after: ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await site.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
