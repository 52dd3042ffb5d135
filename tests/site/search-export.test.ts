/**
 * The search page's export (导出 CSV, 导出 JSON) in Chromium, on an archive of its own: synthetic
 * reports and a few planted ones (a title with a comma and quotes, one that starts like a
 * formula, a department other than the source, overlapping occurrences). Every expected value
 * comes from the archive's files and the built pages.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { parse } from 'csv-parse/sync';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../scripts/lib/browser.ts';
import { listedResultPaths } from '../../scripts/lib/search-results.ts';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';
import { getProvince } from '../../src/data/provinces.ts';
import { substringMatches, type SearchFilter } from '../../src/search/ground-truth.ts';
import { fold } from '../../src/search/normalize.ts';
import { parseQuery } from '../../src/search/query.ts';
import { EXPORT_FIELDS, type ExportRow } from '../../src/search/export-rows.ts';
import { articlePath } from '../../src/schemas/article.ts';
import type { SliceDetail } from '../../src/utils/slices.ts';
import { archiveBuild, syntheticArticles } from '../helpers/archive-build.ts';
import { readArticles, type ArticleFile } from '../helpers/content.ts';
import { page as builtPage } from '../helpers/dist.ts';
import { articleSource } from '../helpers/fixtures.ts';
import { siteHeaders } from '../helpers/headers.ts';

const SYNTHETIC_REPORTS = 240;
/** Reports a slice goes over in the test build: an export of them all takes several. */
const SLICE_ROWS = 100;

/** Reports planted beside the synthetic ones (2015–2025): before them, so their IDs are their own. */
const PLANTED = [
  {
    date: '2014-05-06',
    province: 'beijing',
    title: '北京市民政局召开"十四五"民政事业发展规划,征求意见座谈会',
    department: '北京市民政局',
    source: '北京市民政局办公室',
    body: '会议指出，民政工作要有“温度”，民民民政策要落实。',
  },
  {
    date: '2014-05-07',
    province: 'shanghai',
    title: '=HYPERLINK("x") 上海市民政局工作会议',
    department: '上海市民政局',
    source: '上海市人民政府办公厅',
    body: '会议强调，民政系统要抓好落实。',
  },
];

/** Writes the synthetic and the planted reports into a new articles folder; returns it. */
function writeArticles(): string {
  const dir = syntheticArticles(SYNTHETIC_REPORTS);
  for (const { body, ...data } of PLANTED) {
    const file = join(dir, articlePath(data.date, data.province));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, articleSource({ ...data, topics: [] }, body));
  }
  return dir;
}

const build = archiveBuild(writeArticles, { SEARCH_SLICE_ROWS: String(SLICE_ROWS) });
let articles: ArticleFile[] = [];

let browser: Browser;
let server: StaticServer;
/** The Content-Security-Policy violations seen, in any page. */
const violations: string[] = [];
let context: BrowserContext;

beforeAll(async () => {
  articles = readArticles(build.articlesDir);
  [browser, server] = await Promise.all([
    launchBrowser(),
    serveStatic(build.outDir, '/', { headers: siteHeaders() }),
  ]);
  context = await browser.newContext({ acceptDownloads: true });
  await context.exposeFunction('__cspViolation', (text: string) => violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { __cspViolation(text: string): void }).__cspViolation(
        `${event.effectiveDirective} blocked ${event.blockedURI}`,
      ),
    );
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A report as a search and an export see it: folded title and body from its built page. */
function documents() {
  return articles.map((article) => {
    const $ = builtPage(`/articles/${article.id}/`, build.outDir);
    return {
      article,
      date: article.data.date,
      province: article.data.province,
      title: fold(article.data.title),
      body: fold($('article .body').text()),
    };
  });
}

/** Places where `term` starts in `text`, overlapping ones included (as the engine counts). */
function starts(text: string, term: string): number {
  let n = 0;
  for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + 1)) n++;
  return n;
}

/** The rows an export must hold for a query and filters, by article ID (any order). */
function expectedRows(query: string, filter: SearchFilter = {}): Map<string, ExportRow> {
  const terms = parseQuery(query);
  return new Map(
    substringMatches(documents(), query, filter).map((doc) => {
      const { id, data } = doc.article;
      const row: ExportRow = {
        id,
        url: new URL(`articles/${id}/`, server.url).href,
        title: data.title,
        date: data.date,
        province: data.province,
        province_name: getProvince(data.province).name,
        department: data.department,
        source: data.source,
        occurrences: terms.length
          ? terms.reduce((sum, term) => sum + starts(doc.title, term) + starts(doc.body, term), 0)
          : null,
      };
      return [id, row];
    }),
  );
}

async function openSearch(page: Page, params: string): Promise<number> {
  await page.goto(new URL(`search/${params}`, server.url).href);
  await page.waitForFunction(() =>
    /共 \d+ 篇/.test(document.querySelector('#search-status')?.textContent ?? ''),
  );
  const text = (await page.locator('#search-status').textContent()) ?? '';
  return Number(/共 (\d+) 篇/.exec(text)![1]);
}

const exportGroup = (page: Page) => page.getByRole('group', { name: '导出检索结果' });

/** Clicks an export button and returns the downloaded file's name and text. */
async function download(page: Page, label: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    exportGroup(page).getByRole('button', { name: label }).click(),
  ]);
  return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
}

/** CSV text → rows as ExportRows (the occurrences cell back to a number or null). */
function csvRows(text: string): ExportRow[] {
  const [header, ...records] = parse(text.replace(/^\uFEFF/, '')) as string[][];
  expect(header).toEqual([...EXPORT_FIELDS]);
  return records.map((record) => {
    const row = Object.fromEntries(EXPORT_FIELDS.map((field, i) => [field, record[i]]));
    return { ...row, occurrences: row.occurrences ? Number(row.occurrences) : null } as ExportRow;
  });
}

const byId = (rows: readonly ExportRow[]) => new Map(rows.map((row) => [row.id, row]));

describe('search export', () => {
  it('loads nothing of the export before a reader asks, then downloads every match as CSV', async () => {
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(new URL('search/', server.url).href);
    await expect(exportGroup(page).isVisible()).resolves.toBe(false);
    const query = '民政';
    const count = await openSearch(page, `?q=${encodeURIComponent(query)}`);
    const isExport = (path: string) => /export/.test(path);
    expect(requested.filter(isExport)).toEqual([]);
    const { name, text } = await download(page, '导出 CSV');
    expect(requested.filter(isExport).sort()).toEqual([
      expect.stringMatching(/^\/_astro\/search-export\.[\w-]+\.js$/),
      '/search/export.json',
    ]);
    expect(name).toMatch(/^minzheng-search-民政-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.split('\r\n')[0]).toBe(`\uFEFF${EXPORT_FIELDS.join(',')}`);
    const rows = csvRows(text);
    const want = expectedRows(query);
    expect(count).toBe(want.size);
    expect(count).toBeGreaterThan(2 * SLICE_ROWS);
    expect(rows).toHaveLength(count);
    expect(byId(rows)).toEqual(want);
    // In the order of the results.
    const shown = await listedResultPaths(page);
    expect(rows.slice(0, shown.length).map((row) => `/articles/${row.id}/`)).toEqual(shown);
    // The planted titles come back as written: comma and quotes, and a leading "=".
    for (const planted of PLANTED)
      expect(rows.find((row) => row.title === planted.title)?.source).toBe(planted.source);
    await expect
      .poll(() => exportGroup(page).getByRole('status').textContent())
      .toBe(`已导出 ${count} 篇报道：${name}`);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('downloads the same rows as JSON, with what was searched, by keyboard', async () => {
    const page = await context.newPage();
    // Either term counts, the excluded one does not.
    const query = '会议 OR 座谈 -养老';
    const count = await openSearch(page, `?q=${encodeURIComponent(query)}&sort=newest`);
    const csv = csvRows((await download(page, '导出 CSV')).text);
    await exportGroup(page).getByRole('button', { name: '导出 CSV' }).focus();
    await page.keyboard.press('Tab');
    const json = exportGroup(page).getByRole('button', { name: '导出 JSON' });
    await expect(json.evaluate((button) => button === document.activeElement)).resolves.toBe(true);
    const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const parsed = JSON.parse(readFileSync((await file.path())!, 'utf8')) as {
      query: string;
      filters: Record<string, string>;
      sort: string;
      exported: string;
      total: number;
      reports: ExportRow[];
    };
    expect(file.suggestedFilename()).toMatch(
      /^minzheng-search-会议_OR_座谈_-养老-\d{4}-\d{2}-\d{2}\.json$/,
    );
    expect(parsed).toMatchObject({ query, filters: {}, sort: 'newest', total: count });
    expect(Date.parse(parsed.exported)).not.toBeNaN();
    expect(parsed.reports).toEqual(csv);
    expect(byId(parsed.reports)).toEqual(expectedRows(query));
    expect((await new AxeBuilder({ page }).include('.search-export').analyze()).violations).toEqual(
      [],
    );
    await page.close();
  });

  it('exports a search by a province and a period alone, the occurrences left empty', async () => {
    // The province with the most reports, and the middle third of its days.
    const days = new Map<string, string[]>();
    for (const { data } of articles)
      days.set(data.province, [...(days.get(data.province) ?? []), data.date]);
    const [province, dates] = [...days].sort((a, b) => b[1].length - a[1].length)[0]!;
    dates.sort();
    const [from, to] = [
      dates[Math.floor(dates.length / 3)]!,
      dates[Math.floor((2 * dates.length) / 3)]!,
    ];
    const page = await context.newPage();
    const count = await openSearch(page, `?province=${province}&from=${from}&to=${to}`);
    const { name, text } = await download(page, '导出 CSV');
    expect(name).toMatch(
      new RegExp(`^minzheng-search-${province}-${from}-${to}-\\d{4}-\\d{2}-\\d{2}\\.csv$`),
    );
    const rows = csvRows(text);
    const want = expectedRows('', { province, from, to });
    expect(count).toBe(want.size);
    expect(count).toBeGreaterThan(1);
    expect(count).toBeLessThan(dates.length);
    expect(rows).toHaveLength(count);
    expect(byId(rows)).toEqual(want);
    expect(rows.every((row) => row.occurrences === null)).toBe(true);
    await page.close();
  });

  it('writes the rows in bounded slices, each in a task of its own', async () => {
    const page = await context.newPage();
    const count = await openSearch(page, `?q=${encodeURIComponent('民政')}`);
    await download(page, '导出 JSON');
    const slices = await page.evaluate(() =>
      performance
        .getEntriesByType('measure')
        .filter((entry) => entry.name === 'search:export')
        .map((entry) => (entry as PerformanceMeasure).detail as SliceDetail),
    );
    for (const slice of slices) {
      expect(slice.bound).toBe(SLICE_ROWS);
      expect(slice.work).toBeGreaterThan(0);
      expect(slice.work).toBeLessThanOrEqual(SLICE_ROWS);
    }
    for (let i = 1; i < slices.length; i++)
      expect(slices[i]!.task).toBeGreaterThan(slices[i - 1]!.task);
    // The export file read (every report), then a row for each result.
    expect(slices.reduce((sum, slice) => sum + slice.work, 0)).toBe(articles.length + count);
    await page.close();
  });
});
