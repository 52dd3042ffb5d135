import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheerioAPI } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { SITE_TITLE } from '../../src/consts.ts';
import { PROVINCES } from '../../src/data/provinces.ts';
import { getTopic, TOPICS } from '../../src/data/topics.ts';
import { markdownParagraphs } from '../../src/utils/text.ts';
import { RELATED_LIMIT, relatedReports, SAME_WEEKS_DAYS } from '../../src/utils/related.ts';
import { readArticles, squash } from '../helpers/content.ts';
import { page, texts } from '../helpers/dist.ts';
import { DIST } from '../helpers/paths.ts';

const LOCAL = 'http://localhost:4321';
const articles = readArticles();

const meta = ($: CheerioAPI, key: string) =>
  $(`meta[property="${key}"], meta[name="${key}"]`).attr('content');

/** Width and height from a PNG's IHDR chunk; throws when the file is not a PNG. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The built file behind an absolute URL of the local build. */
const localFile = (url: string) => {
  expect(url.startsWith(`${LOCAL}/`), url).toBe(true);
  return join(DIST, new URL(url).pathname);
};

/** Up to and including the first 。！？ of the page's first paragraph: the page's own first sentence. */
const firstSentenceOf = ($: CheerioAPI) =>
  /^[^。！？]*[。！？]?/.exec($('article .body p').first().text().trim())![0];

describe.each(articles.map((a) => [a.id, a] as const))('head metadata of %s', (id, article) => {
  const $ = page(`/articles/${id}/`);
  const province = PROVINCES.find((p) => p.slug === article.data.province)!;
  const canonical = $('link[rel="canonical"]').attr('href');

  it('has a canonical URL, Open Graph and Twitter card', () => {
    expect(canonical).toBe(`${LOCAL}/articles/${id}/`);
    expect(meta($, 'og:type')).toBe('article');
    expect(meta($, 'og:url')).toBe(canonical);
    expect(meta($, 'og:title')).toBe(article.data.title);
    expect(meta($, 'og:site_name')).toBe(SITE_TITLE);
    expect(meta($, 'og:description')).toBe(firstSentenceOf($));
    expect(meta($, 'description')).toBe(firstSentenceOf($));
    expect(meta($, 'article:published_time')).toMatch(new RegExp(`^${article.data.date}T`));
    expect(Date.parse(meta($, 'article:published_time')!)).not.toBeNaN();
    expect(meta($, 'twitter:card')).toBe('summary_large_image');
    expect(meta($, 'twitter:title')).toBe(article.data.title);
    expect(meta($, 'twitter:image')).toBe(meta($, 'og:image'));
  });

  it('points og:image at a PNG of the stated size, with alt text', () => {
    const image = meta($, 'og:image')!;
    const size = pngSize(localFile(image));
    expect(size).toEqual({
      width: Number(meta($, 'og:image:width')),
      height: Number(meta($, 'og:image:height')),
    });
    // Large-image cards want at least 600×315 and a 1.91:1 ratio.
    expect(size.width).toBeGreaterThanOrEqual(1200);
    expect(size.width / size.height).toBeCloseTo(1.91, 1);
    expect(meta($, 'og:image:type')).toBe('image/png');
    expect(meta($, 'og:image:alt')!.length).toBeGreaterThan(0);
    expect(meta($, 'twitter:image:alt')).toBe(meta($, 'og:image:alt'));
  });

  it('carries a JSON-LD NewsArticle matching the frontmatter', () => {
    const blocks = $('script[type="application/ld+json"]');
    expect(blocks.length).toBe(1);
    const ld = JSON.parse(blocks.text());
    expect(ld['@context']).toBe('https://schema.org');
    expect(ld['@type']).toBe('NewsArticle');
    expect(ld.headline).toBe(article.data.title);
    expect(ld.datePublished).toBe(meta($, 'article:published_time'));
    expect(ld.datePublished.slice(0, 10)).toBe(article.data.date);
    expect(ld.dateModified.slice(0, 10)).toBe(article.data.date);
    expect(ld.mainEntityOfPage['@id']).toBe(canonical);
    expect(ld.author).toEqual([
      {
        '@type': 'Organization',
        name: article.data.department,
        url: `${LOCAL}/provinces/${province.slug}/`,
      },
    ]);
    expect(ld.sourceOrganization).toEqual({ '@type': 'Organization', name: article.data.source });
    expect(ld.spatialCoverage).toMatchObject({ name: province.name });
    expect(ld.inLanguage).toBe('zh-CN');
    expect(ld.image.map((image: { url: string }) => image.url)).toEqual([meta($, 'og:image')]);
    expect(ld.publisher).toMatchObject({
      '@type': 'Organization',
      name: SITE_TITLE,
      url: `${LOCAL}/`,
    });
    // Publisher logos must be raster images of at least 112 px.
    const logo = pngSize(localFile(ld.publisher.logo.url));
    expect(logo).toEqual({ width: ld.publisher.logo.width, height: ld.publisher.logo.height });
    expect(Math.min(logo.width, logo.height)).toBeGreaterThanOrEqual(112);
    expect(ld.keywords ?? '').toBe(article.data.topics.map((t) => getTopic(t).name).join(','));
  });

  it('shows the character count and reading time, and prints its URL', () => {
    const body = $('article .body').clone();
    body.find('script, style').remove();
    const characters = squash(body.text()).length;
    expect(Number($('[data-characters]').attr('data-characters'))).toBe(characters);
    expect($('[data-characters]').text()).toBe(`${characters.toLocaleString('zh-CN')} 字`);
    expect($('article .meta').text()).toContain(
      `约 ${Math.max(1, Math.round(characters / 400))} 分钟`,
    );
    expect($('article .print-url').text()).toBe(`本文网址：${canonical}`);
  });

  it('links its topics', () => {
    const links = $('nav.topics a');
    expect(links.map((_, a) => $(a).attr('href')).get()).toEqual(
      article.data.topics.map((t) => `/topics/${t}/`),
    );
    expect(texts($, 'nav.topics a')).toEqual(article.data.topics.map((t) => getTopic(t).name));
  });
});

describe('topic pages', () => {
  it('list every topic with its count on /topics/', () => {
    const $ = page('/topics/');
    expect($('a[data-topic]').length).toBe(TOPICS.length);
    for (const topic of TOPICS) {
      const count = articles.filter((a) => a.data.topics.includes(topic.slug)).length;
      const link = $(`a[data-topic="${topic.slug}"]`);
      expect(link.attr('href')).toBe(`/topics/${topic.slug}/`);
      expect(link.find('.name').text()).toBe(topic.name);
      expect(link.find('.count').text()).toBe(`${count} 篇`);
    }
  });

  it('list exactly their reports, newest first', () => {
    for (const topic of TOPICS) {
      const $ = page(`/topics/${topic.slug}/`);
      expect($('h1').text()).toBe(topic.name);
      const own = articles.filter((a) => a.data.topics.includes(topic.slug));
      expect(texts($, '.article-list .title'), topic.slug).toEqual(own.map((a) => a.data.title));
      expect($('main').text()).toContain(`共 ${own.length} 篇报道`);
    }
  });
});

describe('related reports', () => {
  const related = relatedReports(
    articles.map((a) => ({
      id: a.id,
      province: a.data.province,
      date: a.data.date,
      topics: a.data.topics,
      text: [a.data.title, ...markdownParagraphs(a.body)].join('\n'),
    })),
  );
  const days = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;

  it.each(articles.map((a) => [a.id, a] as const))(
    'lists the chosen reports under %s',
    (id, article) => {
      const $ = page(`/articles/${id}/`);
      const shown = $('.related [data-related]')
        .map((_, li) => $(li).attr('data-related'))
        .get();
      // Less the neighbours in time (the list is newest first), linked right above the list.
      const index = articles.indexOf(article);
      const neighbours = [articles[index + 1]?.id, articles[index - 1]?.id];
      expect(shown).toEqual(related.get(id)!.filter((other) => !neighbours.includes(other)));
      expect(shown.length).toBeLessThanOrEqual(RELATED_LIMIT);
      expect(shown).not.toContain(id);
      for (const other of shown) expect($(`.related a[href="/articles/${other}/"]`).length).toBe(1);
      // The three March 2024 reports: each lists the other provinces' reports of the same week,
      // marked 同期.
      const concurrent = articles.filter(
        (a) =>
          a.data.province !== article.data.province &&
          days(a.data.date, article.data.date) <= SAME_WEEKS_DAYS &&
          !neighbours.includes(a.id),
      );
      expect(shown.slice(0, concurrent.length).sort()).toEqual(concurrent.map((a) => a.id).sort());
      for (const other of concurrent)
        expect($(`.related [data-related="${other.id}"] .badge`).text()).toBe('同期');
    },
  );

  it('leaves the related list out of print', () => {
    expect(page(`/articles/${articles[0]!.id}/`)('.related').hasClass('no-print')).toBe(true);
  });
});
