import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PROVINCES } from '../../src/data/provinces.ts';
import { formatDate } from '../../src/utils/dates.ts';
import { readArticles } from '../helpers/content.ts';
import { allPages, page, texts } from '../helpers/dist.ts';
import { DIST } from '../helpers/paths.ts';

const articles = readArticles();
const titlesOf = (list: typeof articles) => list.map((article) => article.data.title);

describe('built pages', () => {
  it('builds every URL the site promises, with trailing slashes', () => {
    const pages = allPages();
    const expected = [
      '/',
      '/provinces/',
      '/archive/',
      '/search/',
      '/404.html',
      ...articles.map((a) => `/articles/${a.id}/`),
      ...PROVINCES.map((p) => `/provinces/${p.slug}/`),
      ...[...new Set(articles.map((a) => a.data.date.slice(0, 4)))].map(
        (year) => `/archive/${year}/`,
      ),
    ];
    for (const path of expected) expect(pages).toContain(path);
  });

  it('marks every page as Chinese and ships no inline script, and little script beyond search', () => {
    for (const path of allPages()) {
      const $ = page(path);
      expect($('html').attr('lang'), path).toBe('zh-CN');
      const code = $('script').filter((_, el) => $(el).attr('type') !== 'application/ld+json');
      // Only bundled files from our own origin (the CSP forbids inline scripts).
      code.each((_, el) =>
        expect($(el).attr('src'), `${path}: inline script`).toMatch(/^\/_astro\/[\w.-]+\.js$/),
      );
      if (path !== '/search/') {
        const bytes = code
          .get()
          .reduce(
            (sum, el) => sum + gzipSync(readFileSync(join(DIST, $(el).attr('src')!))).length,
            0,
          );
        expect(bytes, `${path}: script bytes (gzip)`).toBeLessThan(2048);
      }
      expect($('a.skip-link[href="#main"]').length, path).toBe(1);
      expect($('main#main').length, path).toBe(1);
      // A search entry in the header of every page: a box submitting to /search/, except on the
      // search page, which has its own.
      expect($('header a[href="/search/"]').length, path).toBe(1);
      expect($('header form[role="search"]').attr('action'), path).toBe(
        path === '/search/' ? undefined : '/search/',
      );
    }
  });

  it('loads no web fonts', () => {
    for (const path of allPages()) {
      const html = page(path).html();
      expect(html, path).not.toMatch(/@font-face|fonts\.googleapis|\.woff2?\b/);
    }
  });

  it('shows an article with its date, province, department, source, breadcrumb and neighbours', () => {
    articles.forEach((article, index) => {
      const $ = page(`/articles/${article.id}/`);
      const province = PROVINCES.find((p) => p.slug === article.data.province)!;
      expect($('h1').text()).toBe(article.data.title);
      expect($('title').text()).toContain(article.data.title);
      expect($('article time').attr('datetime')).toBe(article.data.date);
      expect($('article time').text()).toBe(formatDate(article.data.date));
      expect($(`article a[href="/provinces/${province.slug}/"]`).text()).toBe(province.name);
      expect($('article .meta').text()).toContain(article.data.department);
      expect($('article .source').text().trim()).toBe(`来源：${article.data.source}`);
      // The title is the heading right below the trail.
      expect(texts($, '.breadcrumbs li')).toEqual(['首页', '按省份', province.shortName]);
      // Neighbours in time: the list is newest first.
      const earlier = articles[index + 1];
      const later = articles[index - 1];
      expect($('a[rel="prev"]').attr('href')).toBe(
        earlier ? `/articles/${earlier.id}/` : undefined,
      );
      expect($('a[rel="next"]').attr('href')).toBe(later ? `/articles/${later.id}/` : undefined);
    });
  });

  it('lists on each province page exactly its reports, newest first', () => {
    for (const province of PROVINCES) {
      const $ = page(`/provinces/${province.slug}/`);
      const own = articles.filter((a) => a.data.province === province.slug);
      expect(texts($, '.article-list .title'), province.slug).toEqual(titlesOf(own));
      expect($('h1').text()).toBe(province.name);
      expect($('main').text()).toContain(`共 ${own.length} 篇报道`);
    }
  });

  it('shows all 35 divisions on the provinces index, zero counts included', () => {
    const $ = page('/provinces/');
    const links = $('a[data-province]');
    expect(links.length).toBe(35);
    for (const province of PROVINCES) {
      const link = $(`a[data-province="${province.slug}"]`);
      const count = articles.filter((a) => a.data.province === province.slug).length;
      expect(link.find('.name').text()).toBe(province.name);
      expect(link.find('.count').text()).toBe(`${count} 篇`);
    }
  });

  it('counts the date archive by year and month', () => {
    const $ = page('/archive/');
    const byMonth = new Map<string, number>();
    for (const a of articles)
      byMonth.set(a.data.date.slice(0, 7), (byMonth.get(a.data.date.slice(0, 7)) ?? 0) + 1);
    const shown = $('a[data-month]')
      .map((_, el) => [
        [$(el).attr('data-month')!, Number.parseInt($(el).next('.count').text(), 10)],
      ])
      .get() as unknown as [string, number][];
    expect(new Map(shown)).toEqual(byMonth);
    for (const year of new Set(articles.map((a) => a.data.date.slice(0, 4)))) {
      const own = articles.filter((a) => a.data.date.startsWith(year));
      expect($(`#year-${year}`).text()).toContain(`${own.length} 篇`);
      expect(texts(page(`/archive/${year}/`), '.article-list .title')).toEqual(titlesOf(own));
    }
  });

  it('states the archive size on the home page and lists the latest reports', () => {
    const $ = page('/');
    expect($('[data-stat="articles"]').text()).toBe(String(articles.length));
    expect($('[data-stat="provinces"]').text()).toBe(
      String(new Set(articles.map((a) => a.data.province)).size),
    );
    expect(texts($, '.article-list .title')).toEqual(titlesOf(articles.slice(0, 10)));
    expect($('a[href="/provinces/"]').length).toBeGreaterThan(0);
    expect($('a[href="/archive/"]').length).toBeGreaterThan(0);
  });

  it('has a 404 page in the site design', () => {
    const $ = page('/404.html');
    expect($('h1').text()).toContain('404');
    expect($('header.site-header').length).toBe(1);
  });

  it('links only to pages and files that exist', () => {
    const pages = new Set(allPages());
    for (const path of pages) {
      const $ = page(path);
      $('a[href], link[href]').each((_, el) => {
        const href = $(el).attr('href')!;
        if (/^[a-z]+:/.test(href) || href.startsWith('#')) return;
        const target = new URL(href, `http://site${path}`).pathname;
        // Pages, or files of the build (feeds, the JSON index, bundles, images).
        const exists =
          pages.has(target) ||
          (!target.endsWith('/') && existsSync(join(DIST, decodeURIComponent(target))));
        expect(exists, `${path} links to ${href}`).toBe(true);
      });
    }
  });
});
