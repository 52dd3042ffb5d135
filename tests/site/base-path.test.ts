import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildInto } from '../helpers/astro.ts';
import { launchBrowser } from '../../scripts/lib/browser.ts';
import { serveStatic } from '../../scripts/lib/static-server.ts';
import { readArticles } from '../helpers/content.ts';
import { allPages, page, texts } from '../helpers/dist.ts';
import { validArticle, writeArchive } from '../helpers/fixtures.ts';

const BASE = '/minzheng/';
const SITE = 'https://example.org';
const PAGE_SIZE = 2;

// A generated archive: 5 Zhejiang reports, 2 Hubei, across two years and several months.
const files = Object.fromEntries([
  validArticle('zhejiang', '2023-12-01'),
  validArticle('zhejiang', '2024-01-05'),
  validArticle('zhejiang', '2024-03-14'),
  validArticle('zhejiang', '2024-03-14', 2),
  validArticle('zhejiang', '2024-05-20'),
  validArticle('hubei', '2024-03-13'),
  validArticle('hubei', '2024-05-02'),
]);

describe(`a build under ${BASE} with page size ${PAGE_SIZE}`, () => {
  let outDir = '';
  let articlesDir = '';

  beforeAll(async () => {
    articlesDir = writeArchive(files);
    const build = await buildInto({
      ARTICLES_DIR: articlesDir,
      BASE_PATH: BASE,
      SITE_URL: SITE,
      PAGE_SIZE: String(PAGE_SIZE),
    });
    expect(build.result.code, build.result.output).toBe(0);
    outDir = build.outDir;
  });

  it('points every internal link and asset at the base path, and each resolves', () => {
    const pages = new Set(allPages(outDir));
    for (const path of pages) {
      const $ = page(path, outDir);
      $('a[href], link[href], form[action], script[src]').each((_, el) => {
        const href = $(el).attr('href') ?? $(el).attr('action') ?? $(el).attr('src')!;
        if (href.startsWith('#')) return;
        const target = new URL(href, `${SITE}${BASE}`);
        if (target.origin !== SITE) return;
        expect(target.pathname.startsWith(BASE), `${path}: ${href}`).toBe(true);
        const local = target.pathname.slice(BASE.length);
        const exists = pages.has(`/${local}`) || existsSync(join(outDir, local));
        expect(exists, `${path} links to missing ${href}`).toBe(true);
      });
    }
  });

  it('loads the search index and the highlighter from under the base path', () => {
    expect(existsSync(join(outDir, 'pagefind', 'pagefind.js'))).toBe(true);
    const [article] = readArticles(articlesDir);
    const $ = page(`/articles/${article!.id}/`, outDir);
    const scripts = $('script[src]')
      .map((_, el) => readFileSync(join(outDir, $(el).attr('src')!.slice(BASE.length)), 'utf8'))
      .get()
      .join('\n');
    const highlighter = /["'`](\/[^"'`]*highlight[^"'`]*\.js)["'`]/.exec(scripts)?.[1];
    expect(highlighter?.startsWith(`${BASE}_astro/`)).toBe(true);
    expect(existsSync(join(outDir, highlighter!.slice(BASE.length)))).toBe(true);
    const panel = page('/search/', outDir)('.search-panel');
    expect(panel.attr('data-base')).toBe(BASE);
  });

  it('searches under the base path in Chromium', async () => {
    const [browser, server] = await Promise.all([launchBrowser(), serveStatic(outDir, BASE)]);
    try {
      const tab = await browser.newPage();
      await tab.goto(`${server.url}search/?q=ZheJiang`);
      await tab.waitForFunction(() =>
        /共 \d+ 篇/.test(document.querySelector('#search-status')?.textContent ?? ''),
      );
      const hrefs = await tab
        .locator('ol[aria-label="搜索结果"] > li > a')
        .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      const want = readArticles(articlesDir)
        .filter((a) => a.data.title.includes('zhejiang'))
        .map((a) => `${BASE}articles/${a.id}/`);
      expect(want.length).toBeGreaterThan(1);
      expect(hrefs.sort()).toEqual(want.sort());
    } finally {
      await browser.close();
      await server.close();
    }
  });

  it('uses the site URL for canonical links', () => {
    const [article] = readArticles(articlesDir);
    const $ = page(`/articles/${article!.id}/`, outDir);
    expect($('link[rel="canonical"]').attr('href')).toBe(`${SITE}${BASE}articles/${article!.id}/`);
  });

  it('paginates a province list newest first', () => {
    const zhejiang = readArticles(articlesDir).filter((a) => a.data.province === 'zhejiang');
    const pageCount = Math.ceil(zhejiang.length / PAGE_SIZE);
    const seen: string[] = [];
    for (let n = 1; n <= pageCount; n++) {
      const $ = page(n === 1 ? '/provinces/zhejiang/' : `/provinces/zhejiang/${n}/`, outDir);
      const titles = texts($, '.article-list .title');
      expect(titles.length).toBeLessThanOrEqual(PAGE_SIZE);
      seen.push(...titles);
      expect($('.pagination [aria-current="page"]').text()).toBe(String(n));
    }
    expect(seen).toEqual(zhejiang.map((a) => a.data.title));
    expect(allPages(outDir)).not.toContain(`/provinces/zhejiang/${pageCount + 1}/`);
  });

  it('paginates a year and links each month to the page where it begins', () => {
    const year2024 = readArticles(articlesDir).filter((a) => a.data.date.startsWith('2024'));
    const archive = page('/archive/', outDir);
    archive('a[data-month^="2024"]').each((_, el) => {
      const month = archive(el).attr('data-month')!;
      const href = archive(el).attr('href')!;
      const pagePath = href.split('#')[0]!.slice(BASE.length - 1);
      const target = page(pagePath, outDir);
      // The month's section is on that page and begins with the month's newest report.
      const newest = year2024.find((a) => a.data.date.startsWith(month))!;
      expect(texts(target, `section:has(#m${month}) .article-list .title`)[0], href).toBe(
        newest.data.title,
      );
    });
    const pages = Math.ceil(year2024.length / PAGE_SIZE);
    expect(allPages(outDir).filter((p) => p.startsWith('/archive/2024/'))).toHaveLength(pages);
  });
});
