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
  let bytes = 0;
  context.on('requestfinished', async (request) => {
    const sizes = await request.sizes().catch(() => undefined);
    if (sizes) bytes += sizes.responseBodySize + sizes.responseHeadersSize;
  });
  return {
    take: async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const value = bytes;
      bytes = 0;
      return value;
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

/**
 * Time to results: a first query from navigation until the results are on screen; a later one
 * timed inside the page, from submitting the form until the status line has the count (set
 * once the first results are in the list), so that no polling from here adds to it.
 */
async function ourSearch(
  page: Page,
  site: string,
  query: Query,
  first: boolean,
): Promise<{ ms: number; count: number; urls: string[] }> {
  let elapsed: number;
  if (first) {
    const started = performance.now();
    await page.goto(`${site}search/?${queryParams(query)}`);
    await page.waitForFunction(() =>
      /共 \d+ 篇/.test(document.querySelector('#search-status')?.textContent ?? ''),
    );
    elapsed = performance.now() - started;
  } else {
    elapsed = await page.evaluate(
      (query) =>
        new Promise<number>((resolve) => {
          const form = document.querySelector<HTMLFormElement>('#search-form')!;
          const status = document.querySelector('#search-status')!;
          form.querySelector<HTMLInputElement>('#search-query')!.value = query.q;
          form.querySelector<HTMLSelectElement>('#search-province')!.value = query.province ?? '';
          form.querySelector<HTMLSelectElement>('#search-year')!.value = query.year ?? '';
          const started = performance.now();
          // The page sets "正在检索…" on submit, so a count seen after that is this search's.
          const observer = new MutationObserver(() => {
            if (!/共 \d+ 篇/.test(status.textContent ?? '')) return;
            observer.disconnect();
            resolve(performance.now() - started);
          });
          observer.observe(status, { childList: true, characterData: true, subtree: true });
          form.requestSubmit();
        }),
      query,
    );
  }
  const count = Number(
    /共 (\d+) 篇/.exec((await page.locator('#search-status').textContent()) ?? '')![1],
  );
  return { ms: elapsed, count, urls: await listedResultPaths(page) };
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
  ms: number[];
  bytes: number[];
  count: number;
  exact: boolean;
}
const samples = (): Samples => ({ ms: [], bytes: [], count: 0, exact: true });
/** Stock's samples only if it was built (no `--no-stock`). */
type QueryResults = { ours: Samples; stock?: Samples };

/** A browser context with empty caches, its byte counter and a page. */
async function freshPage(browser: Browser) {
  // The HTTP/2 server's certificate is a throwaway self-signed one.
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
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
  const ours = await freshPage(browser);
  const stock = results[0]?.stock && (await freshPage(browser));
  // A new page starts a renderer process: both finish starting before either is timed, so
  // that neither engine's first query shares the CPU with the other's page starting.
  await new Promise((resolve) => setTimeout(resolve, PAGE_START_MS));
  for (const [i, query] of QUERIES.entries()) {
    const result = results[i]!;
    const mine = await ourSearch(ours.page, site, query, i === 0);
    result.ours.ms.push(mine.ms);
    result.ours.bytes.push(await ours.bytes.take());
    const theirs = stock && (await stockSearch(stock.page, site, query, i === 0));
    if (stock && theirs && result.stock) {
      result.stock.ms.push(theirs.ms);
      result.stock.bytes.push(await stock.bytes.take());
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
  console.log(
    withStock
      ? '| query | truth | ours | stock | time | bytes |\n|---|---|---|---|---|---|'
      : '| query | truth | ours | time | bytes |\n|---|---|---|---|---|',
  );
  for (const [i, query] of QUERIES.entries()) {
    const { ours, stock } = results[i]!;
    const label = [query.q, query.province, query.year].filter(Boolean).join(' | ');
    const want = truth(documents, query).size;
    const counts = stock ? `${countOf(ours)} | ${countOf(stock)}` : countOf(ours);
    const time = andStock(ms(median(ours.ms)), stock && ms(median(stock.ms)));
    const bytes = andStock(kb(median(ours.bytes)), stock && kb(median(stock.bytes)));
    console.log(`| ${label} | ${want} | ${counts} | ${time} | ${bytes} |`);
  }
}

function printSummary(results: readonly QueryResults[]): void {
  const [first, ...later] = results;
  const laterMedian = (pick: (result: QueryResults) => number[]) =>
    median(later.map((result) => median(pick(result))));
  const stockOf = (result: QueryResults) => result.stock ?? samples();
  const withStock = Boolean(first?.stock);
  const exactOurs = results.filter(({ ours }) => ours.exact).length;
  const exactStock = results.filter((result) => result.stock?.exact).length;
  console.log('\n## Summary');
  if (!withStock) console.log('stock Pagefind: skipped (--no-stock); no ratios');
  const stockPart = (text: string) => (withStock ? text : '');
  console.log(
    `exact: ours ${exactOurs}/${QUERIES.length} (${((100 * exactOurs) / QUERIES.length).toFixed(0)}%)${stockPart(`, stock ${exactStock}/${QUERIES.length}`)}`,
  );
  console.log(
    `first query: ours ${kb(median(first!.ours.bytes))} in ${ms(median(first!.ours.ms))}${stockPart(` ; stock ${kb(median(stockOf(first!).bytes))} in ${ms(median(stockOf(first!).ms))}`)} (from navigation to results on screen${stockPart('/loaded')})`,
  );
  console.log(
    `later queries: ours max ${kb(Math.max(...later.map(({ ours }) => median(ours.bytes))))}, median ${kb(laterMedian(({ ours }) => ours.bytes))}${stockPart(`; stock max ${kb(Math.max(...later.map((result) => median(stockOf(result).bytes))))}, median ${kb(laterMedian((result) => stockOf(result).bytes))}`)}`,
  );
  const ours = laterMedian(({ ours }) => ours.ms);
  const theirs = laterMedian((result) => stockOf(result).ms);
  console.log(
    `time to results, later queries: ours median ${ms(ours)}${stockPart(`, stock median ${ms(theirs)}, ratio ${(ours / theirs).toFixed(2)}x`)}`,
  );
  if (withStock)
    console.log(
      `time to results, first query: ratio ${(median(first!.ours.ms) / median(stockOf(first!).ms)).toFixed(2)}x`,
    );
  console.log(
    `targets: 100% exact; first query < 300 kB; later < 100 kB; time <= 1.2x stock; build < 600 s and < 4096 MB`,
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
