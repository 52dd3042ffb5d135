import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import * as OpenCC from 'opencc-js';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { getProvince, PROVINCE_SLUGS } from '../../src/data/provinces.ts';
import { fold } from '../../src/search/normalize.ts';
import { substringMatches, type SearchFilter } from '../../src/search/ground-truth.ts';
import { parseQuery } from '../../src/search/query.ts';
import { MAX_QUERY_CHARS } from '../../src/client/search-state.ts';
import { catalogFileName, catalogOrder } from '../../src/search/catalog.ts';
import {
  INDEX_FILE_ATTRIBUTES,
  PAGEFIND_WASM,
  partitionSegments,
  segmentFolder,
  segmentSizes,
} from '../../src/search/pagefind-index.ts';
import { readSiteCatalog } from '../helpers/catalog.ts';
import { page as builtPage } from '../helpers/dist.ts';
import { servedInChromium } from '../helpers/chromium-site.ts';
import { allResultPaths } from '../../scripts/lib/search-results.ts';
import { DIST } from '../helpers/paths.ts';
import { searchDocuments } from '../helpers/search-documents.ts';

/** What a reader can search: each article's title and rendered body, from the built pages. */
const documents = searchDocuments();

/** Ground truth: every term is a substring of the folded title or of the folded body. */
function expected(query: string, filter: SearchFilter = {}): string[] {
  return substringMatches(documents, query, filter)
    .map((doc) => doc.url)
    .sort();
}

// The cases stock Pagefind gets wrong, the examples, and the awkward ones.
const handPicked = [
  '民政厅',
  '社会组织',
  '是一段',
  '责任制',
  '老年助餐',
  '八八战略',
  '谢晓军',
  '厅',
  '民',
  '鄂',
  '2024',
  '75',
  '（扩大）',
  '(扩大)会议',
  '老年 助餐',
  '"社会 组织"',
  '民政厅 老年助餐',
  '全国两会 江苏',
  '两会精神 湖北实践',
  '精神3月',
  '不存在的词语',
  'ＡＩ',
];

/** Substrings of every article at fixed places, 1 to 6 characters long: queries nobody hand-picked. */
const sampled = documents.flatMap((doc) =>
  [1, 2, 3, 4, 5, 6].map((length, i) =>
    [...doc.body].slice(37 * (i + 1), 37 * (i + 1) + length).join(''),
  ),
);

/** A year before every report's: well formed, but not one the archive has. */
const NO_REPORTS_YEAR = String(
  Math.min(...documents.map((doc) => Number(doc.date.slice(0, 4)))) - 1,
);

const site = servedInChromium();
let page: Page;

beforeAll(async () => {
  page = await site.browser.newPage();
});

async function openSearch(params: string): Promise<void> {
  await page.goto(new URL(`search/${params}`, site.server.url).href);
  await page.waitForFunction(() =>
    /共 \d+ 篇/.test(document.querySelector('#search-status')?.textContent ?? ''),
  );
}

/** The index files the index build named in the search page. */
function indexFiles(): { meta: string; tag: string } {
  const panel = builtPage('/search/')('.search-panel');
  return {
    meta: panel.attr(INDEX_FILE_ATTRIBUTES.meta) ?? '',
    tag: panel.attr(INDEX_FILE_ATTRIBUTES.tag) ?? '',
  };
}

/** Result URLs on the page, loading every "加载更多" batch. */
const resultUrls = () => allResultPaths(page);

async function statusCount(): Promise<number> {
  const text = (await page.locator('#search-status').textContent()) ?? '';
  return Number(/共 (\d+) 篇/.exec(text)![1]);
}

describe('exact Chinese search in Chromium', () => {
  it.each([...handPicked, ...sampled].map((query) => [query]))('%s', async (query) => {
    await openSearch(`?q=${encodeURIComponent(query)}`);
    const want = expected(query);
    expect((await resultUrls()).sort()).toEqual(want);
    expect(await statusCount()).toBe(want.length);
  });

  it('runs on one index per segment, merged from the shards the build indexed, in partitions by province (the test build makes several of each)', () => {
    const catalog = JSON.parse(readFileSync(join(DIST, 'search', 'catalog.json'), 'utf8')) as {
      partitions: number;
      provincePartitions: number[][];
      segments: [number, number, number, number][];
    };
    // Segments and partitions of two reports (global-setup), whole provinces where they fit.
    const provinces = catalogOrder(documents).map((doc) => PROVINCE_SLUGS.indexOf(doc.province));
    const sizes = segmentSizes(provinces.length, 2);
    const layout = partitionSegments(provinces, PROVINCE_SLUGS.length, sizes, 2);
    expect(catalog.partitions).toBe(layout.count);
    expect(catalog.segments.map(([reports, partitions]) => [reports, partitions])).toEqual(
      layout.segments,
    );
    expect(sizes.length).toBeGreaterThan(1);
    expect(catalog.provincePartitions).toEqual(layout.byProvince);
    const pagefind = join(DIST, 'pagefind');
    expect(readdirSync(pagefind).filter((name) => name.endsWith('.pf_meta'))).toEqual([
      indexFiles().meta,
    ]);
    const folders = sizes.map((_, k) => segmentFolder(k).replace(/\/$/, '')).slice(1);
    expect(
      readdirSync(pagefind, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort(),
    ).toEqual(['index', ...folders].sort());
    for (const folder of folders) {
      // An index of its own, on the first segment's script and WASM.
      const files = readdirSync(join(pagefind, folder));
      expect(files.filter((name) => !name.endsWith('.pf_meta')).sort()).toEqual([
        'index',
        'pagefind-entry.json',
      ]);
      const entry = JSON.parse(readFileSync(join(pagefind, folder, 'pagefind-entry.json'), 'utf8'));
      const { wasm } = Object.values(entry.languages as Record<string, { wasm: string }>)[0]!;
      const url = new URL(`/pagefind/${folder}/wasm.${wasm}.pagefind`, 'https://example.org');
      expect(url.pathname).toBe(`/pagefind/${PAGEFIND_WASM}`);
    }
    expect(existsSync(join(DIST, '.search-index-new'))).toBe(false);
  });

  it("fetches the catalog and each of Pagefind's start-up files once (the preloads are what the first segment uses; the WASM's body once), and no Pagefind worker", async () => {
    const fresh = await site.browser.newPage();
    const requested: string[] = [];
    const wasmBodies: Promise<number>[] = [];
    fresh.on('request', (request) => {
      const url = new URL(request.url());
      requested.push(url.pathname + url.search);
    });
    fresh.on('requestfinished', (request) => {
      if (request.url().endsWith('.pagefind'))
        wasmBodies.push(request.sizes().then((sizes) => sizes.responseBodySize));
    });
    await fresh.goto(new URL(`search/?q=${encodeURIComponent('民政厅')}`, site.server.url).href);
    await fresh.waitForFunction(() =>
      /共 \d+ 篇/.test(document.querySelector('#search-status')?.textContent ?? ''),
    );
    await fresh.close();
    const index = indexFiles();
    expect(index.tag).toMatch(/^[0-9a-f]{16}$/);
    const startUp = requested.filter((path) =>
      /\.pf_meta$|pagefind-entry\.json|\.pagefind$|catalog(-\d+)?\.json/.test(path),
    );
    const catalog = readSiteCatalog(DIST);
    const later = catalog.segments.slice(1).flatMap((_, n) => {
      const folder = `/pagefind/${segmentFolder(n + 1)}`;
      const meta = readdirSync(join(DIST, folder)).find((name) => name.endsWith('.pf_meta'))!;
      return [
        `/search/${catalogFileName(n + 1)}`,
        `${folder}pagefind-entry.json?ts=${index.tag}`,
        `${folder}${meta}`,
        // Each segment's Pagefind asks for the WASM, from the same address: the browser
        // revalidates it and takes no body again.
        `/pagefind/${PAGEFIND_WASM}`,
      ];
    });
    expect(startUp.sort()).toEqual(
      [
        '/search/catalog.json',
        `/pagefind/${PAGEFIND_WASM}`,
        `/pagefind/${index.meta}`,
        `/pagefind/pagefind-entry.json?ts=${index.tag}`,
        ...later,
      ].sort(),
    );
    // One body (the file, and the transfer's framing); the others are revalidations.
    const bodies = await Promise.all(wasmBodies);
    expect(bodies.filter((bytes) => bytes > 0)).toHaveLength(1);
    expect(Math.max(...bodies)).toBeGreaterThanOrEqual(
      statSync(join(DIST, 'pagefind', PAGEFIND_WASM)).size,
    );
    expect(bodies).toHaveLength(catalog.segments.length);
    expect(requested.filter((path) => path.includes('pagefind-worker'))).toEqual([]);
    // The built page asks for them itself, before its script runs: the index build wrote in
    // the metadata file's name and the tag, which its script reads too.
    const $ = builtPage('/search/');
    expect(
      $('head link[rel="preload"]')
        .map((_, link) => $(link).attr('href'))
        .get()
        .sort(),
    ).toEqual(
      [
        '/search/catalog.json',
        `/pagefind/${PAGEFIND_WASM}`,
        `/pagefind/${index.meta}`,
        `/pagefind/pagefind-entry.json?ts=${index.tag}`,
      ].sort(),
    );
    expect($.html()).not.toMatch(/pending-search-index/);
  });

  it('is exact where stock Pagefind is not', () => {
    // Guards the oracle itself: these are the measured failures of stock Pagefind.
    expect(expected('民政厅')).toHaveLength(documents.length);
    expect(expected('是一段')).toEqual([]);
    expect(expected('社会组织')).toEqual(
      documents.filter((doc) => doc.body.includes('社会组织')).map((doc) => doc.url),
    );
  });

  it('filters by province and year, with counts per province', async () => {
    const target = documents[0]!;
    const year = target.date.slice(0, 4);
    await openSearch(`?q=${encodeURIComponent('民政')}&province=${target.province}&year=${year}`);
    expect((await resultUrls()).sort()).toEqual(
      expected('民政', { province: target.province, year }),
    );
    // Every province's count, under the query and the year: the other provinces' are searched after
    // the results show.
    const inYear = expected('民政', { year });
    const options = page.locator('#search-province option[value]:not([value=""])');
    const want = await options.evaluateAll((list) =>
      list.map((option) => (option as HTMLOptionElement).value),
    );
    const label = (slug: string) =>
      `${getProvince(slug).shortName}（${inYear.filter((url) => documents.find((doc) => doc.url === url)!.province === slug).length}）`;
    await expect.poll(() => options.allTextContents()).toEqual(want.map(label));
    expect(want.map(label)).toContain(
      `${getProvince(target.province).shortName}（${expected('民政', { province: target.province, year }).length}）`,
    );
  });

  it('searches within each province exactly, also where provinces share a partition', async () => {
    for (const province of new Set(documents.map((doc) => doc.province))) {
      await openSearch(`?q=${encodeURIComponent('民政')}&province=${province}`);
      expect((await resultUrls()).sort(), province).toEqual(expected('民政', { province }));
      expect(await statusCount()).toBe(expected('民政', { province }).length);
    }
  });

  it('lists a province with an empty query, newest first', async () => {
    const province = documents[0]!.province;
    await openSearch(`?province=${province}`);
    const own = documents
      .filter((doc) => doc.province === province)
      .sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id));
    expect(await resultUrls()).toEqual(own.map((doc) => doc.url));
  });

  it('ranks title hits first and sorts by date on request', async () => {
    await openSearch(`?q=${encodeURIComponent('江苏')}`);
    const urls = await resultUrls();
    const inTitle = documents.filter((doc) => doc.title.includes('江苏')).map((doc) => doc.url);
    expect(urls.slice(0, inTitle.length).sort()).toEqual(inTitle.sort());

    await page.getByLabel('最新').check();
    await page.waitForURL(/sort=newest/);
    await page.waitForFunction(() =>
      /共 \d+ 篇/.test(document.querySelector('#search-status')?.textContent ?? ''),
    );
    const byDate = await resultUrls();
    const dates = byDate.map((url) => documents.find((doc) => doc.url === url)!.date);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it.each(['民政', '会议', '民政 会议', '厅'])(
    'ranks %s by terms in the title, then occurrences, then newest',
    async (query) => {
      const terms = parseQuery(query);
      const occurrences = (text: string, term: string) => {
        let n = 0;
        for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) n++;
        return n;
      };
      const score = (doc: (typeof documents)[number]) => ({
        inTitle: terms.filter((term) => doc.title.includes(term)).length,
        count: terms.reduce(
          (sum, term) => sum + occurrences(doc.title, term) + occurrences(doc.body, term),
          0,
        ),
      });
      const want = documents
        .filter((doc) => terms.every((term) => doc.title.includes(term) || doc.body.includes(term)))
        .sort(
          (a, b) =>
            score(b).inTitle - score(a).inTitle ||
            score(b).count - score(a).count ||
            b.date.localeCompare(a.date) ||
            b.id.localeCompare(a.id),
        )
        .map((doc) => doc.url);
      expect(want.length).toBeGreaterThan(1);
      await openSearch(`?q=${encodeURIComponent(query)}`);
      expect(await resultUrls()).toEqual(want);
    },
  );

  it('highlights the whole phrase as one mark in excerpts', async () => {
    await openSearch(`?q=${encodeURIComponent('老年 助餐')}`);
    const marks = await page
      .locator('ol[aria-label="搜索结果"] li .result-excerpt mark')
      .allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    for (const mark of marks) expect(fold(mark)).toBe('老年助餐');
  });

  it('keeps the URL in step with the form, and the back button works', async () => {
    await openSearch(`?q=${encodeURIComponent('社会组织')}`);
    await page.getByLabel('检索词').fill('老年助餐');
    await page.getByLabel('检索词').press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === '老年助餐');
    await page.waitForFunction(() =>
      document.querySelector('#search-status')?.textContent?.includes('老年助餐'),
    );
    expect((await resultUrls()).sort()).toEqual(expected('老年助餐'));
    await page.goBack();
    await page.waitForFunction(() =>
      document.querySelector('#search-status')?.textContent?.includes('社会组织'),
    );
    expect(await page.getByLabel('检索词').inputValue()).toBe('社会组织');
    expect((await resultUrls()).sort()).toEqual(expected('社会组织'));
  });

  it('highlights the query on the article and scrolls to it', async () => {
    await openSearch(`?q=${encodeURIComponent('老年助餐')}`);
    await page.locator('ol[aria-label="搜索结果"] > li a').first().click();
    await page.waitForSelector('article mark.search-highlight');
    const marks = await page.locator('article .body mark.search-highlight').allTextContents();
    expect(marks.map(fold)).toContain('老年助餐');
    const visible = await page
      .locator('article .body mark.search-highlight')
      .first()
      .evaluate((mark) => {
        const box = mark.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
      });
    expect(visible).toBe(true);
    // Every place in the title and the body, counted paragraph by paragraph.
    const $ = builtPage(new URL(page.url()).pathname);
    const places = [
      $('article h1'),
      ...$('article .body p')
        .toArray()
        .map((p) => $(p)),
    ]
      .map((element) => fold(element.text()).split('老年助餐').length - 1)
      .reduce((a, b) => a + b, 0);
    expect(places).toBeGreaterThan(0);
    await page.waitForSelector('.highlight-notice');
    expect(await page.locator('.highlight-notice').textContent()).toContain(
      `已标出「老年助餐」${places} 处。`,
    );
    expect(await page.locator('article mark.search-highlight').count()).toBe(places);
  });

  it('loads no highlighter on a plain article visit', async () => {
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(new URL(`articles/${documents[0]!.id}/`, site.server.url).href);
    await page.waitForLoadState('networkidle');
    page.removeAllListeners('request');
    expect(requested.filter((url) => url.includes('highlight'))).toEqual([]);
    expect(await page.locator('mark').count()).toBe(0);
  });

  it('focuses the search box on "/"', async () => {
    await page.goto(new URL(`articles/${documents[0]!.id}/`, site.server.url).href);
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search');
  });

  it.each([
    ['province', '../../etc', '未知省份「../../etc」，已按全部省份检索。', '#search-province'],
    ['year', 'abc', '未知年份「abc」，已按全部年份检索。', '#search-year'],
    ['year', NO_REPORTS_YEAR, `未知年份「${NO_REPORTS_YEAR}」，已按全部年份检索。`, '#search-year'],
  ])(
    'ignores an unknown %s "%s" with a note, and the menu shows what is searched',
    async (name, value, note, menu) => {
      await openSearch(`?q=${encodeURIComponent('民政')}&${name}=${encodeURIComponent(value)}`);
      expect(await page.locator('#search-status').textContent()).toContain(note);
      expect((await resultUrls()).sort()).toEqual(expected('民政'));
      expect(await statusCount()).toBe(expected('民政').length);
      expect(await page.locator(menu).inputValue()).toBe('');
      // The next URL the page pushes carries only what is applied.
      await page.getByLabel('最新').check();
      await page.waitForURL(/sort=newest/);
      expect(new URL(page.url()).searchParams.has(name)).toBe(false);
    },
  );

  it('ignores an unknown sort with a note, and sorts by relevance', async () => {
    await openSearch(`?q=${encodeURIComponent('民政')}&sort=bogus`);
    expect(await page.locator('#search-status').textContent()).toContain(
      '未知排序「bogus」，已按相关度排序。',
    );
    expect(await page.getByLabel('相关度').isChecked()).toBe(true);
    expect((await resultUrls()).sort()).toEqual(expected('民政'));
    // The note is part of the status line, which a screen reader announces, and reads as well.
    expect(await page.locator('#search-status').getAttribute('role')).toBe('status');
    const context = await site.browser.newContext();
    const tab = await context.newPage();
    await tab.goto(page.url());
    await tab.locator('#search-status', { hasText: '未知排序' }).waitFor();
    const { violations } = await new AxeBuilder({ page: tab })
      .include('#search-status')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    await context.close();
    expect(violations.map((violation) => violation.id)).toEqual([]);
  });

  it.each(['"', '" "', '   ', '「」'])(
    'asks for a query when it has no term: %j',
    async (query) => {
      expect(parseQuery(query)).toEqual([]);
      await page.goto(new URL(`search/?q=${encodeURIComponent(query)}`, site.server.url).href);
      await expect.poll(() => page.locator('#search-status').textContent()).toBe('请输入检索词');
      expect(await page.locator('ol[aria-label="搜索结果"] > li').count()).toBe(0);
      // Typed and sent, the same.
      await openSearch(`?q=${encodeURIComponent('民政')}`);
      await page.getByLabel('检索词').fill(query);
      await page.getByLabel('检索词').press('Enter');
      await expect.poll(() => page.locator('#search-status').textContent()).toBe('请输入检索词');
      expect(await page.locator('ol[aria-label="搜索结果"] > li').count()).toBe(0);
    },
  );

  it(`cuts a long query to ${MAX_QUERY_CHARS} characters with a note, so that its URL opens again`, async () => {
    const $ = builtPage(documents[0]!.url);
    const text = $('article .body p')
      .map((_, p) => $(p).text().trim())
      .get()
      .join('');
    const long = [...text.repeat(Math.ceil(2000 / text.length))].slice(0, 2000).join('');
    const first = [...long].slice(0, MAX_QUERY_CHARS).join('');
    const kept = first.trim();
    await page.goto(new URL('search/', site.server.url).href);
    await page.getByLabel('检索词').fill(long);
    await page.getByLabel('检索词').press('Enter');
    await page.waitForURL((url) => url.searchParams.has('q'));
    await page.waitForFunction(() =>
      /共 \d+ 篇/.test(document.querySelector('#search-status')?.textContent ?? ''),
    );
    expect(new URL(page.url()).searchParams.get('q')).toBe(kept);
    const pushed = new URL(`search/?q=${encodeURIComponent(kept)}`, site.server.url).href;
    expect(page.url()).toBe(pushed);
    expect(page.url().length).toBeLessThan(
      new URL(`search/?q=${encodeURIComponent(long)}`, site.server.url).href.length / 10,
    );
    expect(await page.locator('#search-status').textContent()).toContain(
      `检索词超过 ${MAX_QUERY_CHARS} 字，已按前 ${MAX_QUERY_CHARS} 字检索。`,
    );
    expect(await page.getByLabel('检索词').inputValue()).toBe(first);
    expect((await resultUrls()).sort()).toEqual(expected(kept));
    expect(expected(kept)).toContain(documents[0]!.url);
    // The pushed URL opens again, with the same results and nothing cut.
    const response = await page.goto(page.url());
    expect(response?.status()).toBe(200);
    await page.waitForFunction(() =>
      /共 \d+ 篇/.test(document.querySelector('#search-status')?.textContent ?? ''),
    );
    expect(await page.locator('#search-status').textContent()).not.toContain('检索词超过');
    expect((await resultUrls()).sort()).toEqual(expected(kept));
  });

  it('says so without JavaScript', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const noJs = await context.newPage();
    await noJs.goto(new URL('search/?q=民政', site.server.url).href);
    expect(await noJs.locator('main').innerText()).toContain('检索需要浏览器启用 JavaScript');
    expect(await noJs.locator('main a[href="/provinces/"]').count()).toBeGreaterThan(0);
    await context.close();
  });
});

describe('繁简通搜: Traditional and Simplified find each other', () => {
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 't' });
  // Every query of the exactness list that OpenCC writes differently in Traditional characters.
  const traditional = [...handPicked, ...sampled].filter((query) => toTraditional(query) !== query);

  it('has queries to try', () => expect(traditional.length).toBeGreaterThan(5));

  it.each(traditional.map((query) => [query, toTraditional(query)]))(
    '%s written %s finds the same reports',
    async (query, written) => {
      await openSearch(`?q=${encodeURIComponent(written)}`);
      const want = expected(query);
      expect((await resultUrls()).sort()).toEqual(want);
      expect(await statusCount()).toBe(want.length);
      if (want.length)
        await expect.poll(() => page.locator('.result-excerpt mark').count()).toBeGreaterThan(0);
    },
  );

  it('loads the table only for a query that holds a character it changes', async () => {
    const requests: string[] = [];
    const listen = (request: { url(): string }) => requests.push(request.url());
    page.on('request', listen);
    await openSearch(`?q=${encodeURIComponent('民政厅')}`);
    const simplified = requests.length;
    await openSearch(`?q=${encodeURIComponent('民政廳')}`);
    page.off('request', listen);
    const table = (url: string) => /\/_astro\/traditional\.[^/]*\.js$/.test(new URL(url).pathname);
    expect(requests.slice(0, simplified).filter(table)).toEqual([]);
    expect(requests.slice(simplified).filter(table)).toHaveLength(1);
  });
});
