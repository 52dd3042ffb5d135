/**
 * The search page's province map, in Chromium on a synthetic archive spread over the divisions
 * and years: each tile's count and accessible name are the ground truth's matches in that
 * province (src/search/ground-truth.ts), for queries chosen from the content; choosing a tile
 * applies the province filter like the form; the legend's words hold in light and dark mode.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { allResultPaths } from '../../scripts/lib/search-results.ts';
import { PROVINCES } from '../../src/data/provinces.ts';
import { substringMatches, type SearchFilter } from '../../src/search/ground-truth.ts';
import { shadeSteps } from '../../src/utils/shading.ts';
import { archiveBuild, syntheticArticles } from '../helpers/archive-build.ts';
import { servedInChromium } from '../helpers/chromium-site.ts';
import { expectColoursAsNoted, mapColours } from '../helpers/map-colours.ts';
import { searchDocuments } from '../helpers/search-documents.ts';

const REPORTS = 150;

// Small partitions: counts under a province filter search the other provinces' partitions.
const build = archiveBuild(() => syntheticArticles(REPORTS), { SEARCH_PARTITION_PAGES: '10' });
const site = servedInChromium(() => build.outDir);

let documents: ReturnType<typeof searchDocuments> = [];
beforeAll(() => {
  documents = searchDocuments(build.articlesDir, build.outDir);
});

const matches = (query: string, filter: SearchFilter = {}) =>
  substringMatches(documents, query, filter);

/** Matches per province slug: what the map must show (it ignores the province filter). */
function truth(query: string, year?: string): Map<string, number> {
  const counts = new Map<string, number>(PROVINCES.map((p) => [p.slug, 0]));
  for (const doc of matches(query, { year }))
    counts.set(doc.province, counts.get(doc.province)! + 1);
  return counts;
}

/** Each term computed once: the content does not change. */
function once(compute: () => string): () => string {
  let value: string | undefined;
  return () => (value ??= compute());
}

/** The candidate of the lowest score, each scored once; ties go to the first in code order. */
function lowest(candidates: string[], score: (candidate: string) => number): string {
  const scored = [...new Set(candidates)].map(
    (candidate) => [score(candidate), candidate] as const,
  );
  return scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]))[0]![1];
}

/** Two characters of the reports' titles matching about half the reports: found in many provinces. */
const commonTerm = once(() => {
  const candidates = documents.slice(0, 10).flatMap((doc) => {
    const chars = [...doc.title];
    return chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
  });
  return lowest(candidates, (term) => Math.abs(matches(term).length - documents.length / 2));
});

/** Six characters of a report's body found in the fewest reports (at least its own). */
const rareTerm = once(() => {
  const candidates = documents.slice(0, 20).flatMap((doc) => {
    const chars = [...doc.body];
    return [1, 2, 3].map((k) => chars.slice(41 * k, 41 * k + 6).join(''));
  });
  const usable = candidates.filter((term) => [...term].length === 6 && !/\s/.test(term));
  return lowest(usable, (term) => matches(term).length);
});

/** The year with the most reports. */
const busiestYear = once(() => {
  const years = documents.map((doc) => doc.date.slice(0, 4));
  return lowest(years, (year) => -years.filter((y) => y === year).length);
});

/** Waits until the search has run and the map shows its counts. */
async function searched(tab: Page): Promise<void> {
  await tab.waitForFunction(() => {
    const status = document.querySelector('#search-status')?.textContent ?? '';
    const map = document.querySelector('.search-panel .province-map');
    return /共 \d+ 篇/.test(status) && map && !map.hasAttribute('aria-busy');
  });
}

async function openSearch(tab: Page, params: string): Promise<void> {
  await tab.goto(new URL(`search/${params}`, site.server.url).href);
  await searched(tab);
}

/** A desktop-wide viewport, where the overview is open beside the results. */
const WIDE = { width: 1280, height: 900 };

/** A new desktop-wide tab on the search page with `params`, once it has searched. */
async function wideSearch(params: string): Promise<Page> {
  const tab = await site.browser.newPage({ viewport: WIDE });
  await openSearch(tab, params);
  return tab;
}

/** The tiles as shown: slug, count shown, shade level, and name and pressed state from the accessibility tree. */
async function shownTiles(tab: Page) {
  const tiles = tab.locator('#search-overview .tiles');
  const accessible = [...(await tiles.ariaSnapshot()).matchAll(/button "([^"]*)"( \[pressed\])?/g)];
  const shown = await tiles.locator('button').evaluateAll((buttons) =>
    buttons.map((button) => ({
      slug: button.getAttribute('data-tile')!,
      text: button.querySelector('.count')!.textContent,
      level: Number(/level-(\d)/.exec(button.className)![1]),
    })),
  );
  expect(accessible).toHaveLength(shown.length);
  return shown.map((tile, i) => ({
    ...tile,
    name: accessible[i]![1],
    pressed: Boolean(accessible[i]![2]),
  }));
}

/** Every division's tile shows its count and is named "<简称>：<n> 篇"; shades follow the counts. */
async function expectCounts(tab: Page, want: Map<string, number>): Promise<void> {
  const tiles = await shownTiles(tab);
  expect(tiles.map((t) => t.slug).sort()).toEqual(PROVINCES.map((p) => p.slug).sort());
  for (const province of PROVINCES) {
    const tile = tiles.find((t) => t.slug === province.slug)!;
    const n = want.get(province.slug)!;
    expect(tile.name).toBe(`${province.shortName}：${n} 篇`);
    expect(tile.text, province.slug).toBe(String(n));
    expect(tile.level === 0, province.slug).toBe(n === 0);
  }
  const byCount = [...tiles].sort((a, b) => Number(a.text) - Number(b.text));
  for (let i = 1; i < byCount.length; i++)
    expect(byCount[i]!.level).toBeGreaterThanOrEqual(byCount[i - 1]!.level);
  // The legend lists the ranges of the largest count's steps, and each tile falls in its level's.
  const legend = await tab
    .locator('#search-overview .legend li:not([hidden])')
    .evaluateAll((items) =>
      items.map((li) => ({
        level: Number(/level-(\d)/.exec(li.querySelector('.swatch')!.className)![1]),
        text: li.textContent!.trim(),
      })),
    );
  const steps = shadeSteps(Math.max(...want.values()));
  expect(legend.map((e) => e.level)).toEqual([0, ...steps.map((s) => s.level)]);
  for (const tile of tiles) {
    const entry = legend.find((e) => {
      const [min, max = min] = e.text.match(/\d+/g)!.map(Number) as [number, number?];
      return Number(tile.text) >= min && Number(tile.text) <= max;
    });
    expect(entry?.level, `${tile.slug} ${tile.text}`).toBe(tile.level);
  }
}

const tile = (tab: Page, slug: string) =>
  tab.locator(`#search-overview button[data-tile="${slug}"]`);

/** The province with the most matches, but not all of them: choosing it changes the results. */
function provinceToChoose(query: string): string {
  const counts = [...truth(query)].filter(([, n]) => n < matches(query).length);
  return counts.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
}

/** The results, the count line and the URL are those of `query` within `province`. */
async function expectFiltered(tab: Page, query: string, province: string): Promise<void> {
  const want = matches(query, { province: province || undefined }).map((doc) => doc.url);
  expect((await allResultPaths(tab)).sort()).toEqual(want.sort());
  expect(await tab.locator('#search-status').textContent()).toContain(`共 ${want.length} 篇`);
  expect(new URL(tab.url()).searchParams.get('province') ?? '').toBe(province);
  expect(await tab.locator('#search-province').inputValue()).toBe(province);
  const pressed = (await shownTiles(tab)).filter((t) => t.pressed).map((t) => t.slug);
  expect(pressed).toEqual(province ? [province] : []);
}

describe('the search page’s province map', () => {
  it('has content that tests it: a common term in many provinces, a rare one, a busy year', () => {
    const provincesOf = (counts: Map<string, number>) =>
      [...counts.values()].filter((n) => n > 0).length;
    expect(provincesOf(truth(commonTerm()))).toBeGreaterThan(5);
    expect(
      new Set(shadeSteps(Math.max(...truth(commonTerm()).values())).map((s) => s.level)).size,
    ).toBeGreaterThan(2);
    expect(matches(rareTerm()).length).toBeGreaterThan(0);
    expect(matches(rareTerm()).length).toBeLessThan(matches(commonTerm()).length);
    expect(matches('', { year: busiestYear() }).length).toBeLessThan(documents.length);
  });

  it.each([
    ['a common term', () => ({ q: commonTerm() })],
    ['a rare term', () => ({ q: rareTerm() })],
    ['a year without a query', () => ({ q: '', year: busiestYear() })],
    ['a common term in a year', () => ({ q: commonTerm(), year: busiestYear() })],
  ])('counts each province’s matches: %s', async (_, request) => {
    const { q, year } = request() as { q: string; year?: string };
    const params = new URLSearchParams({ q, ...(year ? { year } : {}) });
    const tab = await wideSearch(`?${params}`);
    expect(await tab.locator('#search-overview').isVisible()).toBe(true);
    await expectCounts(tab, truth(q, year));
    await tab.close();
  });

  it('applies a chosen tile as the province filter, in the URL and history; choosing it again clears it', async () => {
    const query = commonTerm();
    const province = provinceToChoose(query);
    const tab = await wideSearch(`?q=${encodeURIComponent(query)}`);
    await expectFiltered(tab, query, '');
    await tile(tab, province).click();
    await searched(tab);
    await expectFiltered(tab, query, province);
    // The counts stay those of every province: the map is how to choose another.
    await expectCounts(tab, truth(query));
    // The chosen tile is ringed, in a shape and not in colour alone.
    const ring = (slug: string) => tile(tab, slug).evaluate((b) => getComputedStyle(b).boxShadow);
    const other = PROVINCES.find((p) => p.slug !== province)!.slug;
    expect(await ring(province)).toMatch(/3px inset.*5px inset/);
    expect(await ring(other)).not.toMatch(/5px/);
    await tile(tab, province).click();
    await searched(tab);
    await expectFiltered(tab, query, '');
    await tab.goBack();
    await searched(tab);
    await expectFiltered(tab, query, province);
    await tab.close();
  });

  it('is one tab stop; arrow keys move between tiles, Enter and Space choose', async () => {
    const query = commonTerm();
    const province = provinceToChoose(query);
    const tab = await wideSearch(`?q=${encodeURIComponent(query)}`);
    const focused = () => tab.evaluate(() => document.activeElement?.getAttribute('data-tile'));
    await tab.locator('#search-query').focus();
    let presses = 0;
    while (!(await focused()) && presses++ < 20) await tab.keyboard.press('Tab');
    const order = await tab
      .locator('#search-overview button[data-tile]')
      .evaluateAll((b) => b.map((x) => [x.getAttribute('data-tile'), x.getAttribute('data-row')]));
    expect(await focused()).toBe(order[0]![0]);
    await tab.keyboard.press('ArrowRight');
    expect(await focused()).toBe(order[1]![0]);
    await tab.keyboard.press('ArrowDown');
    const below = await focused();
    const row = order.find(([slug]) => slug === below)?.[1];
    expect(Number(row)).toBeGreaterThan(Number(order[1]![1]));
    // Tab leaves the map: the first result is next.
    await tab.keyboard.press('Tab');
    expect(await tab.evaluate(() => document.activeElement?.closest('#search-results'))).not.toBe(
      null,
    );
    await tile(tab, province).focus();
    expect(await tile(tab, province).evaluate((b) => getComputedStyle(b).outlineStyle)).not.toBe(
      'none',
    );
    await tab.keyboard.press('Enter');
    await tab.waitForURL((url) => url.searchParams.get('province') === province);
    await searched(tab);
    await expectFiltered(tab, query, province);
    expect(await focused()).toBe(province);
    await tab.keyboard.press('Space');
    await tab.waitForURL((url) => !url.searchParams.has('province'));
    await searched(tab);
    await expectFiltered(tab, query, '');
    await tab.close();
  });

  it('follows a new query, and never shows the last search’s counts as the new one’s', async () => {
    const tab = await wideSearch(`?q=${encodeURIComponent(commonTerm())}`);
    // The next search's results wait for their texts until released.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await tab.route('**/search/docs/**', async (route) => {
      await held;
      await route.continue();
    });
    await tab.locator('#search-query').fill(rareTerm());
    await tab.keyboard.press('Enter');
    await tab.waitForFunction(
      () => document.querySelector('#search-status')?.textContent === '正在检索…',
    );
    const map = tab.locator('#search-overview .province-map');
    expect(await map.getAttribute('aria-busy')).toBe('true');
    expect((await shownTiles(tab)).filter((t) => t.name.includes('篇'))).toEqual([]);
    expect(
      await map
        .locator('.count')
        .evaluateAll(
          (c) => c.filter((e) => e.checkVisibility({ visibilityProperty: true })).length,
        ),
    ).toBe(0);
    release();
    await searched(tab);
    await expectCounts(tab, truth(rareTerm()));
    await tab.close();
  });

  it('is hidden until a search has results, open on wide screens and closed on phones', async () => {
    const wide = await site.browser.newPage({ viewport: WIDE });
    await wide.goto(new URL('search/', site.server.url).href);
    expect(await wide.locator('#search-overview').isHidden()).toBe(true);
    await openSearch(wide, `?q=${encodeURIComponent('不存在的词语')}`);
    expect(await wide.locator('#search-overview').isHidden()).toBe(true);
    await openSearch(wide, `?q=${encodeURIComponent(commonTerm())}`);
    expect(await wide.locator('#search-overview .province-map').isVisible()).toBe(true);
    const phone = await site.browser.newPage({ viewport: { width: 375, height: 800 } });
    await openSearch(phone, `?q=${encodeURIComponent(commonTerm())}`);
    expect(await phone.locator('#search-overview summary').isVisible()).toBe(true);
    expect(await phone.locator('#search-overview .province-map').isVisible()).toBe(false);
    await wide.close();
    await phone.close();
  });

  it.each(['light', 'dark'] as const)(
    'says what its colours mean in %s mode, readable on every tile, and fits 320 px',
    async (colorScheme) => {
      const tab = await site.browser.newPage({
        colorScheme,
        viewport: { width: 320, height: 640 },
      });
      await openSearch(tab, `?q=${encodeURIComponent(commonTerm())}`);
      await tab.locator('#search-overview summary').click();
      const seen = await mapColours(tab, '#search-overview .province-map');
      expectColoursAsNoted(seen, colorScheme);
      expect(new Set(seen.tiles.map((t) => t.level)).size).toBeGreaterThan(2);
      for (const { slug, ratio } of seen.tiles) expect(ratio, slug).toBeGreaterThanOrEqual(4.5);
      expect(
        await tab.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        ),
      ).toBeLessThanOrEqual(0);
      const right = await tab
        .locator('#search-overview .tiles')
        .evaluate((ol) => ol.getBoundingClientRect().right);
      expect(right).toBeLessThanOrEqual(320);
      await tab.close();
    },
  );
});
