/**
 * The search page's start-up and the article highlighter work in bounded slices that yield to
 * the browser (src/utils/slices.ts), on an archive large enough to need several slices of
 * each: read from the slices' performance measures (work done, bound, task number), not from
 * how long anything took.
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOLD_CHARS_PER_SLICE, MARKS_PER_SLICE, MAX_MARKS } from '../../src/client/mark-places.ts';
import { RESULTS_PER_SLICE } from '../../src/client/search-page.ts';
import { TILES_PER_SLICE } from '../../src/client/search-map.ts';
import { PROVINCES } from '../../src/data/provinces.ts';
import { searchSliceBounds } from '../../src/search/engine.ts';
import { fold } from '../../src/search/normalize.ts';
import { articlePath } from '../../src/schemas/article.ts';
import type { SliceDetail } from '../../src/utils/slices.ts';
import { buildInto } from '../helpers/astro.ts';
import { servedInChromium } from '../helpers/chromium-site.ts';
import { allPages, page as builtPage } from '../helpers/dist.ts';
import { INLINE_REPORT, LONG_REPORTS, writeLargeArchive } from '../helpers/large-archive.ts';

const SYNTHETIC_REPORTS = 600;
/** Reports a slice of the search goes over in the test build: several slices of each step. */
const SLICE_ROWS = 100;
const SEARCH_SLICES = searchSliceBounds(SLICE_ROWS);
const BOUNDS: Record<string, number> = {
  ...SEARCH_SLICES,
  'search:render': RESULTS_PER_SLICE,
  'search:map': TILES_PER_SLICE,
  'highlight:fold': FOLD_CHARS_PER_SLICE,
  'highlight:mark': MARKS_PER_SLICE,
};

let outDir = '';
let articlesDir = '';
beforeAll(async () => {
  articlesDir = writeLargeArchive(SYNTHETIC_REPORTS);
  const build = await buildInto({
    ARTICLES_DIR: articlesDir,
    SEARCH_SLICE_ROWS: String(SLICE_ROWS),
  });
  expect(build.result.code, build.result.output).toBe(0);
  outDir = build.outDir;
}, 600_000);
afterAll(() => {
  for (const dir of [articlesDir, outDir && dirname(outDir)])
    if (dir) rmSync(dir, { recursive: true, force: true });
});
const site = servedInChromium(() => outDir);

interface Slice extends SliceDetail {
  name: string;
  start: number;
}

/** The slices the page has recorded so far, in the order they ran. */
function slices(page: Page, area: string): Promise<Slice[]> {
  return page.evaluate(
    (prefix) =>
      performance
        .getEntriesByType('measure')
        .filter((entry) => entry.name.startsWith(prefix))
        .map((entry) => ({
          name: entry.name,
          start: entry.startTime,
          ...((entry as PerformanceMeasure).detail as SliceDetail),
        }))
        .sort((a, b) => a.start - b.start),
    `${area}:`,
  );
}

/** Every slice handles at most its step's bound, and each ran in a task of its own, after a yield. */
function expectBoundedAndYielding(list: Slice[]): void {
  for (const slice of list) {
    expect(slice.bound, slice.name).toBe(BOUNDS[slice.name]);
    expect(slice.work, slice.name).toBeGreaterThan(0);
    expect(slice.work, slice.name).toBeLessThanOrEqual(slice.bound);
  }
  const tasks = list.map((slice) => slice.task);
  for (let i = 1; i < tasks.length; i++) expect(tasks[i]).toBeGreaterThan(tasks[i - 1]!);
}

const workOf = (list: Slice[], name: string) =>
  list.filter((slice) => slice.name === name).map((slice) => slice.work);
const sum = (numbers: number[]) => numbers.reduce((a, b) => a + b, 0);

interface ArticleText {
  path: string;
  title: string;
  paragraphs: string[];
}
let texts: ArticleText[] | undefined;

/** Article pages of the build with their folded title and body text. */
function articleTexts(): ArticleText[] {
  return (texts ??= allPages(outDir)
    .filter((path) => /^\/articles\/[^/]+\/$/.test(path))
    .map((path) => {
      const $ = builtPage(path, outDir);
      return {
        path,
        title: fold($('article h1').text()),
        paragraphs: $('article .body p')
          .map((_, p) => fold($(p).text()))
          .get(),
      };
    }));
}

const occurrences = (text: string, term: string) => text.split(term).length - 1;

describe('search page start-up on a large archive', () => {
  it('decodes the catalog, searches and renders in bounded slices, each in a task of its own', async () => {
    const articles = articleTexts();
    const want = articles.filter(
      (doc) => doc.title.includes('民政') || doc.paragraphs.some((p) => p.includes('民政')),
    );
    const page = await site.browser.newPage();
    await page.goto(new URL(`search/?q=${encodeURIComponent('民政')}`, site.server.url).href);
    await page.waitForFunction(() =>
      /共 \d+ 篇/.test(document.querySelector('#search-status')?.textContent ?? ''),
    );
    expect(await page.locator('#search-status').textContent()).toContain(`共 ${want.length} 篇`);
    // The counts per province come last, in the menu and on the map.
    await page.waitForFunction(
      () =>
        document.querySelector('#search-province')?.textContent?.includes('（') &&
        !document.querySelector('.search-panel .province-map')?.hasAttribute('aria-busy'),
    );
    const list = await slices(page, 'search');
    expectBoundedAndYielding(list);
    // Every report's catalog row is decoded, in as many slices as the bound makes.
    const catalog = workOf(list, 'search:catalog');
    expect(sum(catalog)).toBe(articles.length);
    expect(catalog).toHaveLength(Math.ceil(articles.length / SEARCH_SLICES['search:catalog']));
    expect(catalog.length).toBeGreaterThanOrEqual(3);
    // Every report is scanned, and counted per province, a slice at a time.
    expect(sum(workOf(list, 'search:match'))).toBe(articles.length);
    expect(sum(workOf(list, 'search:counts'))).toBe(articles.length);
    expect(workOf(list, 'search:match').length).toBeGreaterThanOrEqual(3);
    // Ranking: the sums, then the sort's runs and merges, each slice within the bound.
    expect(workOf(list, 'search:rank').length).toBeGreaterThan(
      3 * Math.ceil(want.length / SEARCH_SLICES['search:rank']),
    );
    expect(workOf(list, 'search:pagefind')).toEqual([1, 1, 1, 1]);
    // The first page of results, RESULTS_PER_SLICE at a time.
    expect(sum(workOf(list, 'search:render'))).toBe(Math.min(10, want.length));
    expect(workOf(list, 'search:render').length).toBeGreaterThan(1);
    // Every tile of the map, once.
    expect(sum(workOf(list, 'search:map'))).toBe(PROVINCES.length);
    await page.close();
  });

  it('renders "加载更多" in slices too', async () => {
    const page = await site.browser.newPage();
    await page.goto(new URL(`search/?q=${encodeURIComponent('民政')}`, site.server.url).href);
    await page.waitForFunction(() =>
      /共 \d+ 篇/.test(document.querySelector('#search-status')?.textContent ?? ''),
    );
    const before = workOf(await slices(page, 'search'), 'search:render');
    await page.locator('#search-more').click();
    await page.waitForFunction(
      () => document.querySelectorAll('#search-results > li').length === 20,
    );
    const list = await slices(page, 'search');
    expectBoundedAndYielding(list);
    expect(sum(workOf(list, 'search:render')) - sum(before)).toBe(10);
    await page.close();
  });
});

describe('highlighting a long article', () => {
  it.each(Object.entries(LONG_REPORTS))(
    'marks the first place first and at most MAX_MARKS places, in bounded slices (%s)',
    async (_, { date, province }) => {
      const path = `/articles/${articlePath(date, province).split('/')[1]!.replace(/\.md$/, '')}/`;
      const doc = articleTexts().find((article) => article.path === path)!;
      const places = [doc.title, ...doc.paragraphs].map((text) => occurrences(text, '民政'));
      // The article has more places than are marked: the cap applies.
      expect(sum(places)).toBeGreaterThan(MAX_MARKS);
      const page = await site.browser.newPage({ viewport: { width: 800, height: 600 } });
      await page.goto(
        new URL(`${path.slice(1)}?highlight=${encodeURIComponent('民政')}`, site.server.url).href,
      );
      await page.waitForSelector('.highlight-notice');
      expect(await page.locator('.highlight-notice').textContent()).toContain(
        `已标出「民政」前 ${MAX_MARKS} 处，其余未标出。`,
      );
      expect(await page.locator('article mark.search-highlight').count()).toBe(MAX_MARKS);

      const list = await slices(page, 'highlight');
      expectBoundedAndYielding(list);
      const marking = list.filter((slice) => slice.name === 'highlight:mark');
      expect(sum(marking.map((slice) => slice.work))).toBe(MAX_MARKS);
      expect(marking.length).toBeGreaterThanOrEqual(MAX_MARKS / MARKS_PER_SLICE);
      // Only the text up to the last place marked is read, not the whole article.
      const folded = sum(workOf(list, 'highlight:fold'));
      const text = await page.locator('article .body').evaluate((body) => body.textContent!.length);
      expect(folded).toBeLessThan(text);

      // The first place in the body was marked in the first marking slice, scrolled to and focused
      // at once, before the other places were marked.
      const scroll = await page.evaluate(
        () => (performance.getEntriesByName('highlight:scroll')[0] as PerformanceMark).detail.task,
      );
      expect(scroll).toBe(marking[0]!.task);
      const first = page.locator('article .body mark.search-highlight').first();
      expect(await first.evaluate((mark) => mark === document.activeElement)).toBe(true);
      const box = await first.evaluate((mark) => mark.getBoundingClientRect().toJSON() as DOMRect);
      expect(box.top).toBeGreaterThanOrEqual(0);
      expect(box.bottom).toBeLessThanOrEqual(600);
      await page.close();
    },
  );

  it('marks places that span text nodes, for every term, with one count per place', async () => {
    const { date, province } = INLINE_REPORT;
    const path = `/articles/${articlePath(date, province).split('/')[1]!.replace(/\.md$/, '')}/`;
    const doc = articleTexts().find((article) => article.path === path)!;
    const count = (term: string) =>
      sum([doc.title, ...doc.paragraphs].map((text) => occurrences(text, term)));
    // Neither term overlaps the other: each occurrence is a place of its own.
    const places = count('民政') + count('会议');
    expect(count('民政')).toBeGreaterThan(0);
    expect(count('会议')).toBeGreaterThan(0);
    const page = await site.browser.newPage();
    const query = encodeURIComponent('民政 会议');
    await page.goto(new URL(`${path.slice(1)}?highlight=${query}`, site.server.url).href);
    await page.waitForSelector('.highlight-notice');
    expect(await page.locator('.highlight-notice').textContent()).toContain(
      `已标出「民政」「会议」${places} 处。`,
    );
    // Each 民政 is two marks: 民 inside the bold, 政 after it.
    expect(await page.locator('article .body strong > mark').allTextContents()).toEqual(
      Array.from({ length: count('民政') }, () => '民'),
    );
    expect(await page.locator('article mark.search-highlight').count()).toBe(
      places + count('民政'),
    );
    expect(sum(workOf(await slices(page, 'highlight'), 'highlight:mark'))).toBe(places);
    await page.close();
  });
});
