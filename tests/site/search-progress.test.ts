/**
 * The search on an archive of several segments, in Chromium: the first screen of results comes
 * from the newest segment while the older ones still load, and says so ("已找到 N 篇，继续检索……");
 * "共 N 篇" comes only with the exact count. The older segments' files are held back by the
 * test, so what the page shows before them is deterministic.
 */
import type { Page, Route } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { allResultPaths, listedResultPaths } from '../../scripts/lib/search-results.ts';
import { catalogOrder, dayNumber } from '../../src/search/catalog.ts';
import { substringMatches } from '../../src/search/ground-truth.ts';
import { segmentSizes } from '../../src/search/pagefind-index.ts';
import { archiveBuild, syntheticArticles } from '../helpers/archive-build.ts';
import { readSiteCatalog } from '../helpers/catalog.ts';
import { servedInChromium } from '../helpers/chromium-site.ts';
import { searchDocuments } from '../helpers/search-documents.ts';

const REPORTS = 150;
const SEGMENT_PAGES = 50;
/** Results on the first screen (the page's RESULTS_PER_PAGE). */
const FIRST_SCREEN = 10;

const build = archiveBuild(() => syntheticArticles(REPORTS), {
  SEARCH_SEGMENT_PAGES: String(SEGMENT_PAGES),
  SEARCH_PARTITION_PAGES: '20',
});
const site = servedInChromium(() => build.outDir);

type Doc = ReturnType<typeof searchDocuments>[number];
/** The reports newest first (catalog order), and those of the newest segment. */
let ordered: Doc[] = [];
let newest: Doc[] = [];
beforeAll(() => {
  ordered = catalogOrder(searchDocuments(build.articlesDir, build.outDir));
  newest = ordered.slice(0, segmentSizes(ordered.length, SEGMENT_PAGES)[0]);
});

const urls = (docs: readonly Doc[]) => docs.map((doc) => doc.url);

/**
 * A term of the reports' titles found in at least `least` reports of the newest segment and
 * at most `most`, and in older ones too: chosen from the content, not typed in.
 */
function termWith(least: number, most: number): string {
  for (const doc of ordered)
    for (let i = 0; i + 2 <= doc.title.length; i++) {
      const term = doc.title.slice(i, i + 2);
      const inNewest = substringMatches(newest, term).length;
      const all = substringMatches(ordered, term).length;
      if (inNewest >= least && inNewest <= most && all > inNewest) return term;
    }
  throw new Error(`no title bigram in ${least}–${most} reports of the newest segment`);
}

/** Every request for an older segment's files (catalog columns, Pagefind index). */
const OLDER_SEGMENTS = /\/(search\/catalog-\d+\.json|pagefind\/segment-\d+\/)/;

/** Holds back every request whose URL matches `pattern` until `release` is called. */
async function holdRequests(page: Page, pattern: RegExp) {
  const held: Route[] = [];
  let open = false;
  await page.route(pattern, (route) => (open ? route.continue() : held.push(route)));
  return {
    held: () => held.length,
    release: async () => {
      open = true;
      await Promise.all(held.map((route) => route.continue()));
    },
  };
}

/** Records every text the status line shows, from the page's start. */
async function recordStatuses(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { statuses: string[] }).statuses = seen;
    new MutationObserver(() => {
      const text = document.querySelector('#search-status')?.textContent ?? '';
      if (text !== seen.at(-1)) seen.push(text);
    }).observe(document, { childList: true, characterData: true, subtree: true });
  });
  return () => page.evaluate(() => (window as unknown as { statuses: string[] }).statuses);
}

const statusText = (page: Page) => page.locator('#search-status').textContent();

describe('a search over several segments', () => {
  it('has segments of the size the build was given', () => {
    expect(readSiteCatalog(build.outDir).segments.map((segment) => segment.size)).toEqual(
      segmentSizes(REPORTS, SEGMENT_PAGES),
    );
  });

  it.each(['relevance', 'newest'])(
    'shows a first screen from the newest segment while the others load, saying so, then the exact count (sort: %s)',
    async (sort) => {
      const term = termWith(FIRST_SCREEN + 1, SEGMENT_PAGES);
      const page = await site.browser.newPage();
      const statuses = await recordStatuses(page);
      const older = await holdRequests(page, OLDER_SEGMENTS);
      await page.goto(
        new URL(`search/?q=${encodeURIComponent(term)}&sort=${sort}`, site.server.url).href,
      );
      await page.waitForFunction(() =>
        /已找到 \d+ 篇/.test(document.querySelector('#search-status')?.textContent ?? ''),
      );
      const inNewest = urls(substringMatches(newest, term));
      expect(await statusText(page)).toContain(`已找到 ${inNewest.length} 篇，继续检索……`);
      expect(await statusText(page)).not.toMatch(/共 \d+ 篇/);
      const first = await listedResultPaths(page);
      expect(first).toHaveLength(FIRST_SCREEN);
      for (const url of first) expect(inNewest).toContain(url);
      // More waits for the complete outcome.
      expect(await page.locator('#search-more').isVisible()).toBe(false);
      expect(older.held()).toBeGreaterThan(0);

      await older.release();
      const truth = urls(substringMatches(ordered, term));
      await page.waitForFunction(() =>
        /共 \d+ 篇/.test(document.querySelector('#search-status')?.textContent ?? ''),
      );
      expect(await statusText(page)).toContain(`共 ${truth.length} 篇`);
      if (sort === 'newest')
        // Newest first, the newest segment's first matches are the archive's.
        expect((await listedResultPaths(page)).slice(0, FIRST_SCREEN)).toEqual(first);
      expect((await allResultPaths(page)).sort()).toEqual([...truth].sort());
      // "已找到" came first, and "共" only with the exact count.
      const seen = await statuses();
      const found = seen.findIndex((text) => text.includes('已找到'));
      const total = seen.findIndex((text) => /共 \d+ 篇/.test(text));
      expect(found).toBeGreaterThanOrEqual(0);
      expect(total).toBeGreaterThan(found);
      await page.close();
    },
  );

  it("searches a period's segments first: a year's first screen needs no segment without that year", async () => {
    const { segments } = readSiteCatalog(build.outDir);
    const yearOf = (doc: Doc) => doc.date.slice(0, 4);
    const holding = (year: string) =>
      segments.flatMap((segment, k) =>
        segment.oldest <= dayNumber(`${year}-12-31`) && segment.newest >= dayNumber(`${year}-01-01`)
          ? [k]
          : [],
      );
    // A year of more than a screen of reports, with a newer segment (not the first, whose
    // catalog comes with the page's) that holds none of its days.
    const year = [...new Set(ordered.map(yearOf))].find(
      (y) =>
        ordered.filter((doc) => yearOf(doc) === y).length > FIRST_SCREEN &&
        segments.some((_, k) => k > 0 && k < Math.min(...holding(y))),
    )!;
    expect(year).toBeDefined();
    const others = segments.flatMap((_, k) => (k > 0 && !holding(year).includes(k) ? [k] : []));
    const page = await site.browser.newPage();
    const newer = await holdRequests(
      page,
      new RegExp(`/search/catalog-(${others.join('|')})\\.json`),
    );
    // A listing by year alone: the catalog is all it needs.
    await page.goto(new URL(`search/?year=${year}`, site.server.url).href);
    await page.waitForFunction(() =>
      /已找到 \d+ 篇/.test(document.querySelector('#search-status')?.textContent ?? ''),
    );
    const inYear = urls(ordered.filter((doc) => yearOf(doc) === year));
    const first = await listedResultPaths(page);
    expect(first).toEqual(inYear.slice(0, FIRST_SCREEN));
    expect(newer.held()).toBeGreaterThan(0);
    await newer.release();
    await page.waitForFunction(() =>
      /共 \d+ 篇/.test(document.querySelector('#search-status')?.textContent ?? ''),
    );
    expect(await statusText(page)).toContain(`共 ${inYear.length} 篇`);
    expect(await allResultPaths(page)).toEqual(inYear);
    await page.close();
  });

  it('shows the exact count at once where the newest segment has fewer matches than a screen', async () => {
    const term = termWith(1, FIRST_SCREEN - 1);
    const page = await site.browser.newPage();
    const statuses = await recordStatuses(page);
    await page.goto(new URL(`search/?q=${encodeURIComponent(term)}`, site.server.url).href);
    await page.waitForFunction(() =>
      /共 \d+ 篇/.test(document.querySelector('#search-status')?.textContent ?? ''),
    );
    const truth = urls(substringMatches(ordered, term));
    expect(await statusText(page)).toContain(`共 ${truth.length} 篇`);
    expect((await allResultPaths(page)).sort()).toEqual([...truth].sort());
    expect((await statuses()).filter((text) => text.includes('已找到'))).toEqual([]);
    await page.close();
  });
});
