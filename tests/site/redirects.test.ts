/**
 * Links that last: a corrected report keeps its old addresses (formerIds in its front matter).
 * A copy of the real archive, built under a subpath, in which one report lists two former IDs
 * (one of a province slug no longer in the registry) and another is saved with a UTF-8
 * byte-order mark, as Windows editors save files.
 */
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LinkChecker, LinkState } from 'linkinator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSiteCatalog } from '../helpers/catalog.ts';
import { buildInto } from '../helpers/astro.ts';
import { servedInChromium } from '../helpers/chromium-site.ts';
import { readArticles } from '../helpers/content.ts';
import { allPages, page } from '../helpers/dist.ts';
import { writeArchive } from '../helpers/fixtures.ts';
import { ARTICLES } from '../helpers/paths.ts';
import { htmlErrors } from '../helpers/vnu.ts';

const BASE = '/minzheng/';
const SITE = 'https://archive.example';
const articles = readArticles();
const moved = articles.find((article) => article.id === '2024-03-13-hubei')!;
const withBom = articles.find((article) => article.id === '2024-03-14-zhejiang')!;
const FORMER_IDS = ['2024-03-12-hubei', '2023-12-31-shanxisheng'];
const target = `${BASE}articles/${moved.id}/`;

let outDir = '';
beforeAll(async () => {
  const dir = writeArchive({});
  cpSync(ARTICLES, dir, { recursive: true });
  const movedFile = join(dir, '2024', `${moved.id}.md`);
  const source = readFileSync(movedFile, 'utf8');
  const list = FORMER_IDS.map((id) => JSON.stringify(id)).join(', ');
  writeFileSync(movedFile, source.replace(/^topics:/m, `formerIds: [${list}]\ntopics:`));
  const bomFile = join(dir, '2024', `${withBom.id}.md`);
  writeFileSync(bomFile, `\uFEFF${readFileSync(bomFile, 'utf8')}`);
  const build = await buildInto({ ARTICLES_DIR: dir, BASE_PATH: BASE, SITE_URL: SITE });
  expect(build.result.code, build.result.output).toBe(0);
  outDir = build.outDir;
});
afterAll(() => {
  if (outDir) rmSync(dirname(outDir), { recursive: true, force: true });
});
const site = servedInChromium(() => outDir, BASE);

describe('an old address of a corrected report', () => {
  it('is a page that leads to the report, for people, search engines and static hosts', () => {
    for (const formerId of FORMER_IDS) {
      const $ = page(`/articles/${formerId}/`, outDir);
      expect($('link[rel="canonical"]').attr('href')).toBe(`${SITE}${target}`);
      expect($('meta[http-equiv="refresh"]').attr('content')).toBe(`0; url=${target}`);
      expect($('meta[name="robots"]').attr('content')).toBe('noindex');
      expect($('main').text()).toContain('本文已迁移至');
      expect($(`main a[href="${target}"]`).text()).toBe(moved.data.title);
      // Not an article page: the search index reads only those.
      expect($('article[data-article-id]').length).toBe(0);
    }
    const underArticles = allPages(outDir).filter((path) => path.startsWith('/articles/'));
    expect(underArticles.sort()).toEqual(
      [...articles.map((article) => article.id), ...FORMER_IDS]
        .map((id) => `/articles/${id}/`)
        .sort(),
    );
  });

  it('is listed nowhere: not in the sitemap, the feeds, the JSON index or the search index', () => {
    const dataFiles = (readdirSync(outDir, { recursive: true }) as string[]).filter((file) =>
      /\.(xml|json|txt)$/.test(file),
    );
    const texts = dataFiles.map((file) => readFileSync(join(outDir, file), 'utf8'));
    // The scan sees the report's own address, so it would see an old one.
    expect(texts.some((text) => text.includes(`${SITE}${target}`))).toBe(true);
    for (const formerId of FORMER_IDS)
      dataFiles.forEach((file, i) => expect(texts[i], file).not.toContain(formerId));

    const sitemap = readFileSync(join(outDir, 'sitemap-0.xml'), 'utf8');
    const articleLocs = [...sitemap.matchAll(/<loc>([^<]*\/articles\/[^<]*)<\/loc>/g)].map(
      ([, loc]) => loc,
    );
    const current = articles.map((article) => `${SITE}${BASE}articles/${article.id}/`);
    expect(articleLocs.sort()).toEqual(current.sort());

    const catalog = readSiteCatalog(outDir);
    const indexed = Array.from({ length: catalog.size }, (_, i) => catalog.entry(i).id);
    expect(indexed.sort()).toEqual(articles.map((article) => article.id).sort());
    expect(readdirSync(join(outDir, 'search/docs')).sort()).toEqual(
      articles.map((article) => `${article.id}.json`).sort(),
    );
  });

  it('passes the HTML checker, as every page of the build does', async () => {
    expect(await htmlErrors(outDir)).toEqual([]);
  });

  it('has no broken link', async () => {
    const origin = new URL(site.server.url).origin;
    const result = await new LinkChecker().check({
      path: FORMER_IDS.map((id) => `${site.server.url}articles/${id}/`),
      recurse: false,
      checkFragments: true,
      urlRewriteExpressions: [
        { pattern: new RegExp(`^${SITE.replace(/\./g, '\\.')}`), replacement: origin },
      ],
      linksToSkip: async (link) => !link.startsWith(`${origin}/`) && !link.startsWith(`${SITE}/`),
    });
    const broken = result.links
      .filter((link) => link.state === LinkState.BROKEN)
      .map((link) => `${link.parent}: ${link.status}: ${link.url}`);
    expect(broken).toEqual([]);
    const ok = result.links.filter((link) => link.state === LinkState.OK);
    expect(ok.map((link) => new URL(link.url).pathname)).toContain(target);
  });

  it('sends a browser without JavaScript on to the report', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    try {
      const tab = await context.newPage();
      for (const formerId of FORMER_IDS) {
        await tab.goto(`${site.server.url}articles/${formerId}/`);
        await tab.waitForURL(`${new URL(site.server.url).origin}${target}`);
        expect(await tab.locator('h1').textContent()).toBe(moved.data.title);
      }
    } finally {
      await context.close();
    }
  });
});

describe('an article saved with a UTF-8 byte-order mark', () => {
  it('is published with the same text as without it', () => {
    const built = page(`/articles/${withBom.id}/`, outDir);
    const plain = page(`/articles/${withBom.id}/`);
    expect(built('h1').text()).toBe(withBom.data.title);
    expect(built('article .body').text()).toBe(plain('article .body').text());
    expect(built('article .body').text().length).toBeGreaterThan(100);
    for (const file of [`articles/${withBom.id}/index.html`, 'data/articles.json', 'rss.xml'])
      expect(readFileSync(join(outDir, file), 'utf8'), file).not.toContain('\uFEFF');
  });
});
