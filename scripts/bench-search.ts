/**
 * Search benchmark: builds the site from a synthetic archive of N reports (default 10,000)
 * in a temporary folder, indexes it a second time with stock Pagefind, and compares both in
 * headless Chromium: exactness against substring ground truth, bytes transferred and time to
 * results for the first query and later ones. Prints figures and ratios (ours / stock).
 *
 * The site is served gzip-compressed over HTTP/2, as static hosts serve it, by a server in a
 * process of its own; `--http1` serves HTTP/1.1 instead (a browser then fetches at most six
 * files at a time from one host).
 *
 * `--no-stock` leaves stock Pagefind out (its indexer needs over 6 GB at 10,000 reports, so
 * it cannot index much larger archives): only our figures are printed.
 *
 *   npm run bench -- [--reports 10000] [--rounds 3] [--keep] [--http1] [--no-stock]
 */
import { mkdtempSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { substringMatches, type FoldedDocument } from '../src/search/ground-truth.ts';
import { fold } from '../src/search/normalize.ts';
import { launchBrowser } from './lib/browser.ts';
import { runMeasured, type Measured } from './lib/run-measured.ts';
import { allResultPaths, listedResultPaths } from './lib/search-results.ts';
import { astroBuild, indexBuild } from './lib/site-build.ts';
import { serveStaticSeparately } from './lib/static-server-process.ts';
import { markArticlesForStockPagefind } from './lib/stock-pagefind.ts';
import { writeSyntheticArchive } from './lib/synthetic-archive.ts';

interface Query {
  q: string;
  province?: string;
  year?: string;
}

/** 1-6 characters, rare and common, single and several terms, with and without filters. */
const QUERIES: Query[] = [
  { q: '民政厅' },
  { q: '老年助餐' },
  { q: '社会组织' },
  { q: '厅' },
  { q: '谢晓军' },
  { q: '是一段' },
  { q: '责任制' },
  { q: '八八战略' },
  { q: '养老服务', province: 'hubei' },
  { q: '社会救助', year: '2020' },
  { q: '民政 养老' },
  { q: '全国两会精神' },
  { q: '鄂' },
  { q: '兜底', province: 'zhejiang', year: '2024' },
];
const FULL_SET_LIMIT = 300;

/** The command line's options, checked. */
function benchOptions() {
  const { values } = parseArgs({
    strict: true,
    options: {
      reports: { type: 'string', default: '10000' },
      rounds: { type: 'string', default: '3' },
      keep: { type: 'boolean', default: false },
      http1: { type: 'boolean', default: false },
      'no-stock': { type: 'boolean', default: false },
    },
  });
  const count = (name: 'reports' | 'rounds') => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`--${name} must be a positive integer, got ${values[name]}`);
    return value;
  };
  return {
    reports: count('reports'),
    rounds: count('rounds'),
    keep: values.keep,
    http1: values.http1,
    stock: !values['no-stock'],
  };
}

const ROOT = new URL('..', import.meta.url).pathname;

function folderBytes(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { recursive: true }) as string[]) {
    const stat = statSync(join(dir, entry));
    if (stat.isFile()) {
      bytes += stat.size;
      files++;
    }
  }
  return { bytes, files };
}

/** A generated report as the ground truth sees it, with its page's path. */
type TruthDocument = FoldedDocument & { url: string };

/** Ground truth: the paths of the reports where every term is a substring of the folded title or body. */
const truth = (documents: readonly TruthDocument[], query: Query) =>
  new Set(substringMatches(documents, query.q, query).map((doc) => doc.url));

/** Counts bytes of every response in a browser context (pages and workers). */
function byteCounter(context: BrowserContext) {
  let finished: { end: number; bytes: number }[] = [];
  context.on('requestfinished', async (request) => {
    const sizes = await request.sizes().catch(() => undefined);
    if (!sizes) return;
    const { startTime, responseEnd } = request.timing();
    const bytes = sizes.responseBodySize + sizes.responseHeadersSize;
    finished.push({ end: startTime + responseEnd, bytes });
  });
  return {
    /**
     * Bytes since the last take: of every response, and of those that had ended by `until`
     * (milliseconds since the epoch, as the page's performance.timeOrigin + now()).
     */
    take: async (until = Infinity) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const taken = finished;
      finished = [];
      const sum = (list: typeof taken) => list.reduce((total, { bytes }) => total + bytes, 0);
      return { all: sum(taken), by: sum(taken.filter(({ end }) => end <= until)) };
    },
  };
}

/** Time given to new browser pages to finish starting before the first query is timed. */
const PAGE_START_MS = 1000;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** A query as the search page's URL parameters (the stock page reads the same). */
const queryParams = ({ q, province, year }: Query) =>
  new URLSearchParams({ q, ...(province && { province }), ...(year && { year }) });

/** Our status line once it has results: a first screen (已找到 N 篇) or the exact count (共 N 篇). */
const SHOWN = /已找到 \d+ 篇|共 \d+ 篇/;

/**
 * Records, in the page, when the status line first shows results after `window.searchStarted`
 * (epoch ms, as performance.timeOrigin + now()): the first screen, and when it has the exact
 * count. Installed before the page's scripts run, so a first query from navigation is seen too.
 * A later query disarms it until the status has shown no results ("正在检索…"), so that the
 * previous query's count, still on screen as the page starts the new search, is not taken.
 */
const WATCH_STATUS = `
window.searchStarted = performance.timeOrigin;
window.searchTimes = {};
window.searchArmed = true;
new MutationObserver(() => {
  const text = document.querySelector('#search-status')?.textContent ?? '';
  const now = performance.timeOrigin + performance.now();
  if (!${SHOWN.toString()}.test(text)) window.searchArmed = true;
  if (!window.searchArmed) return;
  if (${SHOWN.toString()}.test(text)) window.searchTimes.first ??= now;
  if (/共 \\d+ 篇/.test(text)) window.searchTimes.complete ??= now;
}).observe(document, { childList: true, characterData: true, subtree: true });
`;

interface SearchTimes {
  /** When the search started, results were first on screen and the count was exact (epoch ms). */
  started: number;
  first: number;
  complete: number;
}

/**
 * Time to results: a first query from navigation, a later one from submitting the form, until
 * the results are on screen (a first screen or all) and until the count is exact, as the page
 * itself records them (WATCH_STATUS), so that no polling from here adds to them.
 */
async function ourSearch(
  page: Page,
  site: string,
  query: Query,
  first: boolean,
): Promise<{ times: SearchTimes; count: number; urls: string[] }> {
  if (first) await page.goto(`${site}search/?${queryParams(query)}`);
  else
    await page.evaluate((query) => {
      const form = document.querySelector<HTMLFormElement>('#search-form')!;
      form.querySelector<HTMLInputElement>('#search-query')!.value = query.q;
      form.querySelector<HTMLSelectElement>('#search-province')!.value = query.province ?? '';
      form.querySelector<HTMLSelectElement>('#search-year')!.value = query.year ?? '';
      const watch = window as unknown as {
        searchStarted: number;
        searchTimes: object;
        searchArmed: boolean;
      };
      watch.searchTimes = {};
      watch.searchArmed = false;
      watch.searchStarted = performance.timeOrigin + performance.now();
      // The page sets "正在检索…" on submit, so results seen after that are this search's.
      form.requestSubmit();
    }, query);
  await page.waitForFunction(
    () => (window as unknown as { searchTimes: { complete?: number } }).searchTimes.complete,
  );
  const times = await page.evaluate(() => {
    const watch = window as unknown as {
      searchStarted: number;
      searchTimes: { first: number; complete: number };
    };
    return { started: watch.searchStarted, ...watch.searchTimes };
  });
  const count = Number(
    /共 (\d+) 篇/.exec((await page.locator('#search-status').textContent()) ?? '')![1],
  );
  return { times, count, urls: await listedResultPaths(page) };
}

/** Stock Pagefind as its UI queries it: the raw query, then the first 10 results' data. */
const STOCK_PAGE_SCRIPT = `
const params = new URLSearchParams(location.search);
window.stock = await import('/pagefind-stock/pagefind.js');
window.stockSearch = async (q, province, year) => {
  const filters = {};
  if (province) filters.province = province;
  if (year) filters.year = year;
  const { results } = await window.stock.search(q, { filters });
  await Promise.all(results.slice(0, 10).map((result) => result.data()));
  return results.length;
};
window.done = await window.stockSearch(params.get('q'), params.get('province'), params.get('year'));
`;

/** Timed like ours: a first query from navigation, a later one inside the page. */
async function stockSearch(
  page: Page,
  site: string,
  query: Query,
  first: boolean,
): Promise<{ ms: number; count: number }> {
  if (first) {
    const started = performance.now();
    await page.goto(`${site}bench-stock/?${queryParams(query)}`);
    const count = (await (
      await page.waitForFunction(() => (window as unknown as { done?: number }).done)
    ).jsonValue()) as number;
    return { ms: performance.now() - started, count };
  }
  return page.evaluate(async (query) => {
    const started = performance.now();
    const count = await (
      window as unknown as { stockSearch(q: string, p?: string, y?: string): Promise<number> }
    ).stockSearch(query.q, query.province, query.year);
    return { ms: performance.now() - started, count };
  }, query);
}

async function stockUrls(page: Page, query: Query): Promise<string[]> {
  return page.evaluate(async (query) => {
    type Stock = {
      search(q: string, o?: object): Promise<{ results: { data(): Promise<{ url: string }> }[] }>;
    };
    const pagefind = (window as unknown as { stock: Stock }).stock;
    const filters = {
      ...(query.province && { province: query.province }),
      ...(query.year && { year: query.year }),
    };
    const { results } = await pagefind.search(query.q, { filters });
    return Promise.all(
      results.map(async (result) => new URL((await result.data()).url, location.href).pathname),
    );
  }, query);
}

/** The synthetic archive in `articlesDir`, and its reports as the ground truth sees them. */
function generateArchive(articlesDir: string, count: number): TruthDocument[] {
  const started = performance.now();
  const reports = writeSyntheticArchive(articlesDir, count, {
    sourceDir: join(ROOT, 'content/articles'),
  });
  console.log(`generated ${reports.length} reports in ${ms(performance.now() - started)}`);
  return reports.map((report) => ({
    title: fold(report.title),
    body: fold(report.paragraphs.join('')),
    province: report.province,
    date: report.date,
    url: `/articles/${report.id}/`,
  }));
}

/** What building the indexes took; stock's figures only if it was built. */
interface BuildFigures {
  build: Measured;
  indexing: Measured;
  pages: number;
  ours: { bytes: number; files: number };
  stock?: { build: Measured; bytes: number; files: number };
}

/**
 * Builds the site from `articlesDir` into `<work>/dist` as `npm run build` does (astro build,
 * then the search index in a process of its own), then, if `stock`, stock Pagefind's index of
 * the same pages and a page that searches it.
 */
async function buildBoth(work: string, articlesDir: string, stock: boolean): Promise<BuildFigures> {
  const outDir = join(work, 'dist');
  const build = await astroBuild(work, articlesDir);
  const indexing = await indexBuild(work);
  const pages = folderBytes(outDir).files;
  const ours = folderBytes(join(outDir, 'pagefind'));
  return {
    build,
    indexing,
    pages,
    ours,
    ...(stock && { stock: await buildStock(outDir) }),
  };
}

/** Stock Pagefind's index of the built site in `outDir`, and a page that searches it. */
async function buildStock(outDir: string): Promise<NonNullable<BuildFigures['stock']>> {
  markArticlesForStockPagefind(outDir);
  const stockBuild = await runMeasured(
    join(ROOT, 'node_modules/.bin/pagefind'),
    ['--site', outDir, '--output-subdir', 'pagefind-stock', '--force-language', 'zh'],
    { cwd: ROOT },
  );
  const stock = folderBytes(join(outDir, 'pagefind-stock'));
  mkdirSync(join(outDir, 'bench-stock'), { recursive: true });
  writeFileSync(
    join(outDir, 'bench-stock', 'index.html'),
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>stock</title><script type="module" src="run.js"></script></html>',
  );
  writeFileSync(join(outDir, 'bench-stock', 'run.js'), STOCK_PAGE_SCRIPT);
  return { build: stockBuild, ...stock };
}

function printBuild({ build, indexing, pages, ours, stock }: BuildFigures, reports: number): void {
  console.log('\n## Build');
  const buildSeconds = build.seconds + indexing.seconds;
  console.log(
    `astro build:  ${build.seconds.toFixed(1)} s (${pages} files), peak memory ${build.peakTreeMb.toFixed(0)} MB`,
  );
  console.log(
    `search index: ${indexing.seconds.toFixed(1)} s, peak memory ${indexing.peakTreeMb.toFixed(0)} MB (Node and Pagefind together); ${indexing.output.trim().split('\n').at(-1)}`,
  );
  console.log(
    `whole build:  ${buildSeconds.toFixed(1)} s, ${(reports / buildSeconds).toFixed(0)} reports/s, peak memory ${Math.max(build.peakTreeMb, indexing.peakTreeMb).toFixed(0)} MB`,
  );
  if (!stock) {
    console.log('stock pagefind index: skipped (--no-stock)');
    console.log(`index on disk: ours ${kb(ours.bytes)} in ${ours.files} files`);
    return;
  }
  console.log(
    `stock pagefind index:     ${stock.build.seconds.toFixed(1)} s, peak memory ${stock.build.peakTreeMb.toFixed(0)} MB`,
  );
  console.log(
    `index on disk: ours ${kb(ours.bytes)} in ${ours.files} files; stock ${kb(stock.bytes)} in ${stock.files} files (ratio ${(ours.bytes / stock.bytes).toFixed(2)})`,
  );
}

/** One engine's figures for one query, over all rounds. */
interface Samples {
  /** To the first screen of results: ours may come before the count is exact; stock's is its only. */
  firstMs: number[];
  firstBytes: number[];
  /** To the exact count and the whole ranking. */
  ms: number[];
  bytes: number[];
  count: number;
  exact: boolean;
}
const samples = (): Samples => ({
  firstMs: [],
  firstBytes: [],
  ms: [],
  bytes: [],
  count: 0,
  exact: true,
});
/** Stock's samples only if it was built (no `--no-stock`). */
type QueryResults = { ours: Samples; stock?: Samples };

/** A browser context with empty caches, its byte counter and a page. */
async function freshPage(browser: Browser, script?: string) {
  // The HTTP/2 server's certificate is a throwaway self-signed one.
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  if (script) await context.addInitScript(script);
  return { context, bytes: byteCounter(context), page: await context.newPage() };
}

/**
 * A fresh browser's first page with Chinese text loads the system fonts: a page visited in a
 * context of its own first takes that cost for both engines, while every round still starts
 * with empty caches.
 */
async function warmUp(browser: Browser, site: string): Promise<void> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  await (await context.newPage()).goto(site);
  await context.close();
}

/**
 * Checks both engines' results for `query` against the ground truth (not timed): the full
 * result set where it is small enough to page through, else the count.
 */
async function checkExactness(
  pages: { ours: Page; stock?: Page },
  query: Query,
  want: Set<string>,
  found: { ours: { count: number; urls: string[] }; stock?: { count: number } },
  { ours, stock }: QueryResults,
): Promise<void> {
  ours.count = found.ours.count;
  ours.exact = ours.count === want.size && found.ours.urls.every((url) => want.has(url));
  if (ours.exact && want.size <= FULL_SET_LIMIT) {
    const all = await allResultPaths(pages.ours);
    ours.exact = all.length === want.size && all.every((url) => want.has(url));
  }
  if (!stock || !found.stock || !pages.stock) return;
  stock.count = found.stock.count;
  stock.exact = stock.count === want.size;
  if (stock.exact && want.size <= FULL_SET_LIMIT) {
    const all = await stockUrls(pages.stock, query);
    stock.exact = all.every((url) => want.has(url));
  }
}

/**
 * One round: both engines in fresh contexts, every query in turn, the first from navigation.
 * The first round also checks exactness.
 */
async function runRound(
  browser: Browser,
  site: string,
  documents: readonly TruthDocument[],
  results: QueryResults[],
  checkResults: boolean,
): Promise<void> {
  const ours = await freshPage(browser, WATCH_STATUS);
  const stock = results[0]?.stock && (await freshPage(browser));
  // A new page starts a renderer process: both finish starting before either is timed, so
  // that neither engine's first query shares the CPU with the other's page starting.
  await new Promise((resolve) => setTimeout(resolve, PAGE_START_MS));
  for (const [i, query] of QUERIES.entries()) {
    const result = results[i]!;
    const mine = await ourSearch(ours.page, site, query, i === 0);
    const { started, first, complete } = mine.times;
    const bytes = await ours.bytes.take(first);
    result.ours.firstMs.push(first - started);
    result.ours.firstBytes.push(bytes.by);
    result.ours.ms.push(complete - started);
    result.ours.bytes.push(bytes.all);
    const theirs = stock && (await stockSearch(stock.page, site, query, i === 0));
    if (stock && theirs && result.stock) {
      const { all } = await stock.bytes.take();
      result.stock.firstMs.push(theirs.ms);
      result.stock.firstBytes.push(all);
      result.stock.ms.push(theirs.ms);
      result.stock.bytes.push(all);
    }
    if (!checkResults) continue;
    const pages = { ours: ours.page, stock: stock?.page };
    const found = { ours: mine, stock: theirs };
    await checkExactness(pages, query, truth(documents, query), found, result);
    await ours.bytes.take();
    await stock?.bytes.take();
  }
  await ours.context.close();
  await stock?.context.close();
}

/**
 * Serves the built site and runs the queries on both engines in Chromium, `rounds` times;
 * every figure is then the median over the rounds, as timings are noisy on a shared machine.
 */
async function measureQueries(
  outDir: string,
  documents: readonly TruthDocument[],
  rounds: number,
  { http1, stock }: { http1: boolean; stock: boolean },
): Promise<QueryResults[]> {
  const server = await serveStaticSeparately(outDir, '/', { gzip: true, http2: !http1 });
  const browser = await launchBrowser();
  try {
    await warmUp(browser, server.url);
    const results = QUERIES.map(() => ({ ours: samples(), ...(stock && { stock: samples() }) }));
    for (let round = 0; round < rounds; round++)
      await runRound(browser, server.url, documents, results, round === 0);
    return results;
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Our figure, and stock's after a slash if it was measured. */
const andStock = (ours: string, stock: string | undefined) =>
  stock === undefined ? ours : `${ours} / ${stock}`;
const countOf = ({ count, exact }: Samples) => `${count}${exact ? '' : ' ✗'}`;

function printQueries(
  results: readonly QueryResults[],
  documents: readonly TruthDocument[],
  rounds: number,
  http1: boolean,
): void {
  const withStock = Boolean(results[0]?.stock);
  console.log(
    `\n## Queries (${withStock ? 'ours / stock' : 'ours; stock skipped (--no-stock)'}; ✗ = not exact; medians of ${rounds} rounds; served over ${http1 ? 'HTTP/1.1' : 'HTTP/2'})`,
  );
  console.log('First screen: ten results on screen (ours may say "已找到 N 篇，继续检索……" then);');
  console.log(
    'complete: the exact count ("共 N 篇") and the whole ranking. Stock has one of each.',
  );
  console.log(
    withStock
      ? '| query | truth | ours | stock | first screen | bytes | complete | bytes |\n|---|---|---|---|---|---|---|---|'
      : '| query | truth | ours | first screen | bytes | complete | bytes |\n|---|---|---|---|---|---|---|',
  );
  for (const [i, query] of QUERIES.entries()) {
    const { ours, stock } = results[i]!;
    const label = [query.q, query.province, query.year].filter(Boolean).join(' | ');
    const want = truth(documents, query).size;
    const counts = stock ? `${countOf(ours)} | ${countOf(stock)}` : countOf(ours);
    const figures = (pick: (samples: Samples) => number[], unit: (n: number) => string) =>
      andStock(unit(median(pick(ours))), stock && unit(median(pick(stock))));
    console.log(
      `| ${label} | ${want} | ${counts} | ${figures((x) => x.firstMs, ms)} | ${figures((x) => x.firstBytes, kb)} | ${figures((x) => x.ms, ms)} | ${figures((x) => x.bytes, kb)} |`,
    );
  }
}

/** The median over later queries of each query's median of `pick`. */
const laterMedian = (later: readonly Samples[], pick: (samples: Samples) => number[]) =>
  median(later.map((samples) => median(pick(samples))));

function printSummary(results: readonly QueryResults[]): void {
  const first = results[0]!;
  const later = results.slice(1);
  const withStock = Boolean(first.stock);
  const ours = later.map((result) => result.ours);
  const stock = later.map((result) => result.stock ?? samples());
  const exactOurs = results.filter((result) => result.ours.exact).length;
  const exactStock = results.filter((result) => result.stock?.exact).length;
  const stockPart = (text: () => string) => (withStock ? text() : '');
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
  console.log('\n## Summary');
  if (!withStock) console.log('stock Pagefind: skipped (--no-stock); no ratios');
  console.log(
    `exact: ours ${exactOurs}/${QUERIES.length} (${((100 * exactOurs) / QUERIES.length).toFixed(0)}%)${stockPart(() => `, stock ${exactStock}/${QUERIES.length}`)}`,
  );
  const mine = first.ours;
  console.log(
    `first query, first screen: ours ${kb(median(mine.firstBytes))} in ${ms(median(mine.firstMs))}${stockPart(() => `; stock ${kb(median(first.stock!.bytes))} in ${ms(median(first.stock!.ms))}, ratio ${ratio(median(mine.firstMs), median(first.stock!.ms))}`)} (from navigation)`,
  );
  console.log(`first query, complete: ours ${kb(median(mine.bytes))} in ${ms(median(mine.ms))}`);
  console.log(
    `later queries, first screen: ours median ${kb(laterMedian(ours, (x) => x.firstBytes))}, max ${kb(Math.max(...ours.map((x) => median(x.firstBytes))))}; median ${ms(laterMedian(ours, (x) => x.firstMs))}${stockPart(
      () =>
        `; stock median ${kb(laterMedian(stock, (x) => x.bytes))}, ${ms(laterMedian(stock, (x) => x.ms))}, ratio ${ratio(
          laterMedian(ours, (x) => x.firstMs),
          laterMedian(stock, (x) => x.ms),
        )}`,
    )}`,
  );
  console.log(
    `later queries, complete: ours median ${kb(laterMedian(ours, (x) => x.bytes))}, max ${kb(Math.max(...ours.map((x) => median(x.bytes))))}; median ${ms(laterMedian(ours, (x) => x.ms))}`,
  );
  console.log(
    'targets: 100% exact; first screen < 300 kB (first query) and < 100 kB (later, median); time to it <= 1.2x stock; build < 600 s and < 4096 MB',
  );
}

async function main(): Promise<void> {
  const options = benchOptions();
  const work = mkdtempSync(join(tmpdir(), 'archive-bench-'));
  console.log(`Search benchmark: ${options.reports} synthetic reports in ${work}`);
  const articlesDir = join(work, 'articles');
  const documents = generateArchive(articlesDir, options.reports);
  const { rounds, http1, stock } = options;
  printBuild(await buildBoth(work, articlesDir, stock), options.reports);
  const results = await measureQueries(join(work, 'dist'), documents, rounds, { http1, stock });
  printQueries(results, documents, rounds, http1);
  printSummary(results);
  if (!options.keep) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
}

await main();
