import type { CheerioAPI } from 'cheerio';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROVINCE_TILES, TILE_GRID } from '../../src/data/province-tiles.ts';
import { PROVINCES } from '../../src/data/provinces.ts';
import { buildInto } from '../helpers/astro.ts';
import { readArticles, type ArticleFile } from '../helpers/content.ts';
import { page } from '../helpers/dist.ts';
import { validArticle, writeArchive } from '../helpers/fixtures.ts';
import { servedInChromium } from '../helpers/chromium-site.ts';
import { expectColoursAsNoted, mapColours } from '../helpers/map-colours.ts';

const PAGE_SIZE = 3;

/** `n` reports of a province on consecutive days from `first`. */
function reports(province: string, first: string, n: number): [string, string][] {
  return Array.from({ length: n }, (_, i) => {
    const date = new Date(Date.parse(first) + i * 86_400_000).toISOString().slice(0, 10);
    return validArticle(province, date);
  });
}

// Uneven counts (so every shade appears), a burst in one week, and two years.
const files = Object.fromEntries([
  ...reports('zhejiang', '2024-03-11', 7),
  ...reports('jiangsu', '2024-03-12', 4),
  ...reports('xianggang', '2024-06-03', 3),
  ...reports('hubei', '2024-03-13', 2),
  ...reports('beijing', '2023-12-30', 1),
  ...reports('bingtuan', '2024-12-30', 1),
]);

let outDir = '';
let articles: ArticleFile[] = [];
const countOf = (slug: string) => articles.filter((a) => a.data.province === slug).length;

beforeAll(async () => {
  const articlesDir = writeArchive(files);
  articles = readArticles(articlesDir);
  const build = await buildInto({ ARTICLES_DIR: articlesDir, PAGE_SIZE: String(PAGE_SIZE) });
  expect(build.result.code, build.result.output).toBe(0);
  outDir = build.outDir;
});

/** Tiles of a page: slug, accessible name, count, shade level, grid position. */
function tiles($: CheerioAPI) {
  return $('.province-map a[data-tile]')
    .map((_, a) => {
      const li = $(a).parent();
      return {
        slug: $(a).attr('data-tile')!,
        href: $(a).attr('href')!,
        name: $(a).attr('aria-label')!,
        count: Number($(a).attr('data-count')),
        level: Number(/level-(\d)/.exec($(a).attr('class')!)![1]),
        column: Number(/\bc(\d+)\b/.exec(li.attr('class')!)![1]),
        row: Number(/\br(\d+)\b/.exec(li.attr('class')!)![1]),
      };
    })
    .get();
}

describe.each(['/', '/provinces/'])('the province map on %s', (path) => {
  it('has one tile per division, named with its report count and linking to it', () => {
    const found = tiles(page(path, outDir));
    expect(found.map((t) => t.slug).sort()).toEqual(PROVINCES.map((p) => p.slug).sort());
    for (const province of PROVINCES) {
      const tile = found.find((t) => t.slug === province.slug)!;
      expect(tile.name).toBe(`${province.shortName}：${countOf(province.slug)} 篇`);
      expect(tile.count).toBe(countOf(province.slug));
      expect(tile.href).toBe(`/provinces/${province.slug}/`);
    }
  });

  it('shades by count, darker for more, and the legend covers every count', () => {
    const $ = page(path, outDir);
    const found = tiles($);
    const byCount = [...found].sort((a, b) => a.count - b.count);
    for (let i = 1; i < byCount.length; i++)
      expect(byCount[i]!.level).toBeGreaterThanOrEqual(byCount[i - 1]!.level);
    for (const tile of found) expect(tile.level === 0, tile.slug).toBe(tile.count === 0);
    expect(new Set(found.filter((t) => t.count > 0).map((t) => t.level)).size).toBeGreaterThan(2);
    // Each legend entry: a swatch of a level and a range of counts; every tile falls in its level's
    // range.
    const legend = $('.province-map .legend li')
      .map((_, li) => {
        const [min, max = min] = $(li).text().match(/\d+/g)!.map(Number) as [number, number?];
        return {
          level: Number(/level-(\d)/.exec($(li).find('.swatch').attr('class')!)![1]),
          min,
          max,
        };
      })
      .get();
    for (const tile of found) {
      const entry = legend.find((e) => tile.count >= e.min && tile.count <= e.max);
      expect(entry, `${tile.slug} (${tile.count})`).toBeDefined();
      expect(entry!.level, tile.slug).toBe(tile.level);
    }
  });

  it('places equal squares on a grid, one division per cell, roughly where each lies', () => {
    const found = tiles(page(path, outDir));
    expect(new Set(found.map((t) => `${t.column},${t.row}`)).size).toBe(found.length);
    for (const tile of found) {
      expect([tile.column, tile.row]).toEqual(PROVINCE_TILES[tile.slug]);
      expect(tile.column).toBeLessThan(TILE_GRID.columns);
      expect(tile.row).toBeLessThan(TILE_GRID.rows);
    }
    const at = (slug: string) => found.find((t) => t.slug === slug)!;
    expect(at('heilongjiang').row).toBeLessThan(at('guangdong').row);
    expect(at('hainan').row).toBe(Math.max(...found.map((t) => t.row)));
    expect(at('xinjiang').column).toBeLessThan(at('shanghai').column);
    expect(at('xizang').column).toBeLessThan(at('sichuan').column);
    // Tab order follows reading order: row by row, west to east.
    const order = found.map((t) => t.row * TILE_GRID.columns + t.column);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});

describe('the weekly timeline on /archive/', () => {
  /** Weeks (Monday to Sunday) touching the year, from the calendar, keyed by Monday. */
  function mondaysOf(year: number): string[] {
    const mondays = new Set<string>();
    for (let t = Date.UTC(year, 0, 1); t <= Date.UTC(year, 11, 31); t += 86_400_000) {
      const day = new Date(t);
      mondays.add(
        new Date(t - ((day.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10),
      );
    }
    return [...mondays];
  }
  const mondayOf = (date: string) => {
    const t = Date.parse(date);
    return new Date(t - ((new Date(t).getUTCDay() + 6) % 7) * 86_400_000)
      .toISOString()
      .slice(0, 10);
  };

  it('has a bar per week of each year, counting that week’s reports, linking into the year list', () => {
    const $ = page('/archive/', outDir);
    const years = [...new Set(articles.map((a) => a.data.date.slice(0, 4)))];
    expect(years.length).toBeGreaterThan(1);
    for (const year of years) {
      const weeks = $(`#timeline-${year}`).closest('figure').find('.week');
      expect(weeks.length, year).toBe(mondaysOf(Number(year)).length);
      const own = articles.filter((a) => a.data.date.startsWith(year));
      let total = 0;
      weeks.each((_, week) => {
        const start = $(week).attr('data-week')!;
        const expected = own.filter((a) => mondayOf(a.data.date) === mondayOf(start)).length;
        expect(Number($(week).attr('data-count')), `${year} ${start}`).toBe(expected);
        expect(week.tagName, start).toBe(expected ? 'a' : 'span');
        total += expected;
        if (expected) {
          expect($(week).attr('aria-label')).toMatch(new RegExp(`：${expected} 篇$`));
          // The link lands on the year page holding the week's newest report.
          const href = $(week).attr('href')!;
          const newest = own.find((a) => mondayOf(a.data.date) === mondayOf(start))!;
          const target = page(href.split('#')[0]!, outDir);
          expect(
            target('.article-list .title')
              .map((_, el) => target(el).text())
              .get(),
            href,
          ).toContain(newest.data.title);
          expect(target(`#${href.split('#')[1]}`).length, href).toBe(1);
        }
      });
      expect(total).toBe(own.length);
    }
    // The burst week of 11 March 2024 is the busiest and says so.
    expect($('#timeline-2024').text()).toContain(
      `${articles.filter((a) => mondayOf(a.data.date) === '2024-03-11').length} 篇`,
    );
  });
});

describe('the province map in Chromium', () => {
  const site = servedInChromium(() => outDir);

  /** Each tile's text contrast and background. */
  const contrasts = async (tab: Page) => (await mapColours(tab)).tiles;

  it.each(['light', 'dark'] as const)(
    'keeps every tile readable in %s mode, at 320 px without scrolling sideways',
    async (colorScheme) => {
      const tab = await site.browser.newPage({
        colorScheme,
        viewport: { width: 320, height: 640 },
      });
      await tab.goto(`${site.server.url}provinces/`);
      for (const { slug, ratio } of await contrasts(tab))
        expect(ratio, slug!).toBeGreaterThanOrEqual(4.5);
      expect(
        await tab.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        ),
      ).toBeLessThanOrEqual(0);
      await tab.close();
    },
  );

  it.each(['light', 'dark'] as const)(
    'says what its colours do in %s mode, and more reports stand out more from the page',
    async (colorScheme) => {
      const tab = await site.browser.newPage({ colorScheme });
      for (const path of ['', 'provinces/']) {
        await tab.goto(`${site.server.url}${path}`);
        expectColoursAsNoted(await mapColours(tab), path);
      }
      await tab.close();
    },
  );

  it('gives each tile its whole cell to tap, and phones a link to the list of divisions', async () => {
    const tab = await site.browser.newPage({ viewport: { width: 320, height: 640 } });
    await tab.goto(`${site.server.url}provinces/`);
    const { grid, cells } = await tab.locator('.province-map .tiles').evaluate((ol) => {
      const box = (el: Element) => {
        const { left, top, width, height } = el.getBoundingClientRect();
        return [left, top, width, height];
      };
      return {
        grid: box(ol),
        cells: [...ol.children].map((li) => ({ cell: box(li), link: box(li.firstElementChild!) })),
      };
    });
    expect(cells).toHaveLength(PROVINCES.length);
    for (const { cell, link } of cells)
      link.forEach((value, i) => expect(value).toBeCloseTo(cell[i]!, 0));
    // Nine cells span the grid: no gap between them that a tap could fall into.
    expect(cells[0]!.cell[2]! * TILE_GRID.columns).toBeCloseTo(grid[2]!, 0);
    const list = tab.getByRole('link', { name: '按地区列出全部省级单位' });
    expect(await list.isVisible()).toBe(true);
    const target = (await list.getAttribute('href'))!;
    expect(await tab.locator(target).locator('a[data-province]').count()).toBe(PROVINCES.length);
    await tab.setViewportSize({ width: 1280, height: 800 });
    expect(await list.isVisible()).toBe(false);
    await tab.close();
  });

  it('names each tile for assistive technology and reaches it by keyboard', async () => {
    const tab = await site.browser.newPage();
    await tab.goto(site.server.url);
    const zhejiang = tab.getByRole('link', {
      name: `浙江：${countOf('zhejiang')} 篇`,
      exact: true,
    });
    await expect.poll(() => zhejiang.count()).toBe(1);
    await zhejiang.focus();
    expect(await zhejiang.evaluate((a) => getComputedStyle(a).outlineStyle)).not.toBe('none');
    await tab.keyboard.press('Enter');
    await tab.waitForURL(/\/provinces\/zhejiang\/$/);
    await tab.close();
  });

  it('prints the map with its shades', async () => {
    const tab = await site.browser.newPage();
    await tab.goto(`${site.server.url}provinces/`);
    await tab.emulateMedia({ media: 'print' });
    expect(await tab.locator('.province-map').isVisible()).toBe(true);
    const shades = new Set((await contrasts(tab)).map((tile) => tile.background));
    expect(shades.size).toBeGreaterThan(2);
    for (const { slug, ratio } of await contrasts(tab))
      expect(ratio, slug!).toBeGreaterThanOrEqual(4.5);
    await tab.close();
  });
});
