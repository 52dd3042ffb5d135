import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'cheerio';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../scripts/lib/browser.ts';
import { PROVINCES } from '../../src/data/provinces.ts';
import { getTopic } from '../../src/data/topics.ts';
import { sanitizeFeedHtml } from '../../src/utils/feeds.ts';
import { buildInto } from '../helpers/astro.ts';
import { readArticles, squash, type ArticleFile } from '../helpers/content.ts';
import { allPages, page } from '../helpers/dist.ts';
import { articleData, articleSource, validArticle, writeArchive } from '../helpers/fixtures.ts';
import { DIST } from '../helpers/paths.ts';

/** The default origin of a build without SITE_URL (astro.config.mjs). */
const LOCAL = 'http://localhost:4321';

interface FeedItem {
  title: string;
  link: string;
  guid: string;
  pubDate: string;
  description: string;
  content: string;
  creator: string;
  categories: string[];
}
interface Feed {
  title: string;
  link: string;
  self: string | null;
  language: string;
  items: FeedItem[];
}

let browser: Browser;
let tab: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  tab = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Parses XML with Chromium's strict XML parser (a real well-formedness check) and returns
 * what `extract` reads from the document; throws with the parser's message on bad XML.
 */
async function parseXml<T>(xml: string, extract: string): Promise<T> {
  return tab.evaluate(
    ([source, body]) => {
      const doc = new DOMParser().parseFromString(source, 'application/xml');
      const error = doc.querySelector('parsererror');
      if (error) throw new Error(`not well-formed XML: ${error.textContent}`);
      return new Function('doc', body)(doc);
    },
    [xml, extract] as const,
  );
}

const FEED_EXTRACT = `
  const CONTENT = 'http://purl.org/rss/1.0/modules/content/';
  const DC = 'http://purl.org/dc/elements/1.1/';
  const ATOM = 'http://www.w3.org/2005/Atom';
  const rss = doc.documentElement;
  if (rss.nodeName !== 'rss' || rss.getAttribute('version') !== '2.0') throw new Error('not RSS 2.0');
  const channel = rss.querySelector(':scope > channel');
  const text = (parent, name) => parent.querySelector(':scope > ' + name)?.textContent ?? '';
  return {
    title: text(channel, 'title'),
    link: text(channel, 'link'),
    language: text(channel, 'language'),
    self: channel.getElementsByTagNameNS(ATOM, 'link')[0]?.getAttribute('href') ?? null,
    items: [...channel.querySelectorAll(':scope > item')].map((item) => ({
      title: text(item, 'title'),
      link: text(item, 'link'),
      guid: text(item, 'guid'),
      pubDate: text(item, 'pubDate'),
      description: text(item, 'description'),
      content: item.getElementsByTagNameNS(CONTENT, 'encoded')[0]?.textContent ?? '',
      creator: item.getElementsByTagNameNS(DC, 'creator')[0]?.textContent ?? '',
      categories: [...item.querySelectorAll(':scope > category')].map((c) => c.textContent),
    })),
  };`;

const SITEMAP_EXTRACT = `
  const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
  return [...doc.getElementsByTagNameNS(NS, 'loc')].map((loc) => loc.textContent);`;

const readFeed = (root: string, path: string) =>
  parseXml<Feed>(readFileSync(join(root, path), 'utf8'), FEED_EXTRACT);

/** A report's date at midnight in China, as RSS writes it. */
const rssDate = (isoDate: string) => new Date(`${isoDate}T00:00:00+08:00`).toUTCString();

/** Checks a feed lists exactly `articles`, newest first, full text from the built pages. */
function expectFeedOf(feed: Feed, articles: ArticleFile[], origin: string, root: string): void {
  expect(feed.items.map((item) => item.link)).toEqual(
    articles.map((a) => `${origin}articles/${a.id}/`),
  );
  feed.items.forEach((item, index) => {
    const article = articles[index]!;
    expect(item.title).toBe(article.data.title);
    expect(item.guid).toBe(item.link);
    expect(item.pubDate).toBe(rssDate(article.data.date));
    expect(item.creator).toBe(article.data.department);
    expect(item.categories).toEqual([
      PROVINCES.find((p) => p.slug === article.data.province)!.name,
      ...article.data.topics.map((t) => getTopic(t).name),
    ]);
    // Full text: the body as the article page shows it, then the source line.
    const $ = page(`/articles/${article.id}/`, root);
    const content = load(item.content);
    expect(squash(content('p').last().text())).toBe(squash(`来源：${article.data.source}`));
    content('p').last().remove();
    // The page's text as a reader sees it: script and style contents are not text.
    const body = $('article .body').clone();
    body.find('script, style').remove();
    expect(squash(content.root().text())).toBe(squash(body.text()));
    expect(item.description.length).toBeGreaterThan(0);
    expect(squash($('article .body p').first().text()).startsWith(squash(item.description))).toBe(
      true,
    );
  });
}

describe('feeds of the real archive', () => {
  const articles = readArticles();

  it('/rss.xml is RSS 2.0 listing every article, newest first, in full', async () => {
    const feed = await readFeed(DIST, 'rss.xml');
    expect(feed.link).toBe(`${LOCAL}/`);
    expect(feed.self).toBe(`${LOCAL}/rss.xml`);
    expect(feed.language).toBe('zh-cn');
    expectFeedOf(feed, articles, `${LOCAL}/`, DIST);
  });

  it('each division has a feed with exactly its reports', async () => {
    for (const province of PROVINCES) {
      const feed = await readFeed(DIST, `provinces/${province.slug}/rss.xml`);
      expect(feed.title).toContain(province.name);
      expect(feed.link).toBe(`${LOCAL}/provinces/${province.slug}/`);
      expect(feed.self).toBe(`${LOCAL}/provinces/${province.slug}/rss.xml`);
      expectFeedOf(
        feed,
        articles.filter((a) => a.data.province === province.slug),
        `${LOCAL}/`,
        DIST,
      );
    }
  });

  it('links the feeds from every page head and visibly', () => {
    for (const path of allPages()) {
      const $ = page(path);
      const alternates = $('head link[rel="alternate"][type="application/rss+xml"]')
        .map((_, el) => $(el).attr('href'))
        .get();
      expect(alternates, path).toContain('/rss.xml');
      expect($('footer a[href="/rss.xml"]').length, path).toBe(1);
    }
    for (const province of PROVINCES) {
      const $ = page(`/provinces/${province.slug}/`);
      const own = `/provinces/${province.slug}/rss.xml`;
      expect($(`head link[rel="alternate"][href="${own}"]`).length).toBe(1);
      expect($(`main a[href="${own}"]`).length).toBe(1);
    }
  });

  it('lists every page but the 404 in the sitemap, and robots.txt points at it', async () => {
    const robots = readFileSync(join(DIST, 'robots.txt'), 'utf8');
    const sitemapUrl = /^Sitemap: (\S+)$/m.exec(robots)?.[1];
    expect(sitemapUrl).toBe(`${LOCAL}/sitemap-index.xml`);
    const index = await parseXml<string[]>(
      readFileSync(join(DIST, 'sitemap-index.xml'), 'utf8'),
      SITEMAP_EXTRACT,
    );
    const locs: string[] = [];
    for (const sitemap of index) {
      expect(sitemap.startsWith(`${LOCAL}/`)).toBe(true);
      locs.push(
        ...(await parseXml<string[]>(
          readFileSync(join(DIST, new URL(sitemap).pathname), 'utf8'),
          SITEMAP_EXTRACT,
        )),
      );
    }
    const expected = allPages()
      .filter((path) => path !== '/404.html')
      .map((path) => `${LOCAL}${path}`);
    expect([...locs].sort()).toEqual(expected.sort());
    const articleLocs = locs.filter((loc) => loc.includes('/articles/'));
    expect(articleLocs.sort()).toEqual(articles.map((a) => `${LOCAL}/articles/${a.id}/`).sort());
  });

  it('publishes the index at /data/articles.json', () => {
    const index = JSON.parse(readFileSync(join(DIST, 'data', 'articles.json'), 'utf8'));
    expect(index.count).toBe(articles.length);
    expect(index.articles).toEqual(
      articles.map((a) => {
        const province = PROVINCES.find((p) => p.slug === a.data.province)!;
        return {
          id: a.id,
          url: `${LOCAL}/articles/${a.id}/`,
          title: a.data.title,
          date: a.data.date,
          province: { code: province.code, slug: province.slug, name: province.name },
          department: a.data.department,
          source: a.data.source,
          topics: a.data.topics.map((slug) => ({ slug, name: getTopic(slug).name })),
        };
      }),
    );
  });
});

describe('/data/corpus.jsonl', () => {
  const lines = readFileSync(join(DIST, 'data', 'corpus.jsonl'), 'utf8').split('\n');

  it('holds one report a line, newest first, with the index record and the page text', () => {
    expect(lines.pop()).toBe('');
    const index = JSON.parse(readFileSync(join(DIST, 'data', 'articles.json'), 'utf8'));
    const records = lines.map((line) => JSON.parse(line));
    expect(records.map(({ text: _, ...record }) => record)).toEqual(index.articles);
    for (const record of records) {
      // The text a reader sees: the article page's body paragraphs.
      const $ = page(`/articles/${record.id}/`);
      const paragraphs = $('.body p')
        .map((_, p) => $(p).text())
        .get();
      expect(paragraphs.length, record.id).toBeGreaterThan(0);
      expect(record.text, record.id).toBe(paragraphs.join('\n'));
    }
  });
});

describe('sanitizeFeedHtml', () => {
  const pageUrl = 'https://example.org/base/articles/x/';

  it.each([
    ['<p>a<script>alert(1)</script>b</p>', '<p>ab</p>'],
    ['<p onclick="alert(1)" style="color:red">a</p>', '<p>a</p>'],
    ['<a href="javascript:alert(1)">a</a>', '<a>a</a>'],
    ['<a href="JaVaScRiPt:alert(1)">a</a>', '<a>a</a>'],
    ['<a href="data:text/html,x">a</a>', '<a>a</a>'],
    ['<iframe src="https://evil.example/"></iframe><p>a</p>', '<p>a</p>'],
    [
      '<img src="x.png" onerror="alert(1)" alt="图">',
      '<img src="https://example.org/base/articles/x/x.png" alt="图" />',
    ],
    ['<a href="/base/provinces/">a</a>', '<a href="https://example.org/base/provinces/">a</a>'],
    ['<style>p{}</style><object data="x"></object><p>a</p>', '<p>a</p>'],
    ['<p>江苏&amp;浙江 &lt;b&gt;</p>', '<p>江苏&amp;浙江 &lt;b&gt;</p>'],
  ])('%s', (html, expected) => {
    expect(sanitizeFeedHtml(html, pageUrl)).toBe(expected);
  });
});

describe('feeds of a generated archive under a base path, with hostile HTML in a report', () => {
  const SITE = 'https://example.org';
  const BASE = '/minzheng/';
  const hostile = articleSource(
    { ...articleData('jiangsu', '2024-03-15', '江苏 <测试> & “引号”'), topics: ['shehui-jiuzhu'] },
    [
      '会议指出，要做好社会救助工作。<script>alert("x")</script>',
      '<p onclick="alert(1)">点击</p>',
      '<a href="javascript:alert(1)">坏链接</a> [相对链接](../2024-03-14-zhejiang/) [脚本链接](javascript:alert(2))',
      '<img src="card.png" onerror="alert(1)" alt="图"> ![图](/minzheng/og-card.png)',
      '<iframe src="https://evil.example/"></iframe>',
    ].join('\n\n'),
  );
  const files = Object.fromEntries([
    validArticle('zhejiang', '2024-03-14'),
    validArticle('hubei', '2024-03-13'),
    validArticle('zhejiang', '2023-11-02'),
    ['2024/2024-03-15-jiangsu.md', hostile],
  ]);
  let outDir = '';
  let articles: ArticleFile[] = [];

  beforeAll(async () => {
    const articlesDir = writeArchive(files);
    articles = readArticles(articlesDir);
    const build = await buildInto({ ARTICLES_DIR: articlesDir, SITE_URL: SITE, BASE_PATH: BASE });
    expect(build.result.code, build.result.output).toBe(0);
    outDir = build.outDir;
  });

  it('uses absolute URLs on the site and under the base', async () => {
    const feed = await readFeed(outDir, 'rss.xml');
    expect(feed.link).toBe(`${SITE}${BASE}`);
    expect(feed.self).toBe(`${SITE}${BASE}rss.xml`);
    expectFeedOf(feed, articles, `${SITE}${BASE}`, outDir);
    const zhejiang = await readFeed(outDir, 'provinces/zhejiang/rss.xml');
    expect(zhejiang.items.map((i) => i.link)).toEqual(
      articles
        .filter((a) => a.data.province === 'zhejiang')
        .map((a) => `${SITE}${BASE}articles/${a.id}/`),
    );
    expect(readFileSync(join(outDir, 'robots.txt'), 'utf8')).toContain(
      `Sitemap: ${SITE}${BASE}sitemap-index.xml`,
    );
    const index = await parseXml<string[]>(
      readFileSync(join(outDir, 'sitemap-index.xml'), 'utf8'),
      SITEMAP_EXTRACT,
    );
    const locs = await parseXml<string[]>(
      readFileSync(join(outDir, new URL(index[0]!).pathname.slice(BASE.length)), 'utf8'),
      SITEMAP_EXTRACT,
    );
    expect(locs.filter((loc) => loc.includes('/articles/')).sort()).toEqual(
      articles.map((a) => `${SITE}${BASE}articles/${a.id}/`).sort(),
    );
  });

  it('escapes titles and strips scripts, frames, handlers and script links from the full text', async () => {
    const feed = await readFeed(outDir, 'rss.xml');
    const item = feed.items.find((i) => i.link.endsWith('/articles/2024-03-15-jiangsu/'))!;
    expect(item.title).toBe('江苏 <测试> & “引号”');
    const $ = load(item.content);
    expect($('script, iframe, object, embed, style').length).toBe(0);
    $('*').each((_, el) => {
      for (const name of Object.keys((el as { attribs?: Record<string, string> }).attribs ?? {}))
        expect(name).not.toMatch(/^on/i);
    });
    // Raw HTML in Markdown is shown as text (src/markdown/safe.ts), never as markup; no script URLs
    // anywhere.
    expect($.root().text()).toContain('<a href="javascript:alert(1)">坏链接</a>');
    $('[href], [src]').each((_, el) =>
      expect($(el).attr('href') ?? $(el).attr('src')).not.toMatch(/^\s*javascript:/i),
    );
    expect($('a:contains("坏链接"), a:contains("脚本链接")').length).toBe(0);
    expect($('a:contains("相对链接")').attr('href')).toBe(
      `${SITE}${BASE}articles/2024-03-14-zhejiang/`,
    );
    expect($('img').attr('src')).toBe(`${SITE}${BASE}og-card.png`);
    expect($.root().text()).toContain('点击');
  });
});
