import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { withStockPagefindAttributes } from '../../scripts/lib/stock-pagefind.ts';

/** An article page's parts that the benchmark's stock index reads, as ArticleLayout renders them. */
const page = (date: string, province: string) =>
  `<main><article class="article" data-article-id="${date}-${province}" data-date="${date}" data-province="${province}" data-astro-cid-x><header><h1>标题</h1><dl class="meta" data-astro-cid-x><dt>日期</dt></dl></header><div class="body"><p>正文</p></div></article></main>`;

describe("the benchmark's pages for stock Pagefind", () => {
  it.each([
    ['2024-03-14', 'zhejiang'],
    ['2019-12-31', 'shaanxi'],
  ])(
    'marks the article body, its province and year filters and its date (%s, %s)',
    (date, province) => {
      const $ = load(withStockPagefindAttributes(page(date, province), 'x.html'));
      const article = $('article[data-pagefind-body]');
      expect(article.length).toBe(1);
      expect(article.attr('data-pagefind-filter')).toBe(`province:${province}`);
      expect(article.attr('data-pagefind-sort')).toBe(`date:${date}`);
      expect(article.attr('data-article-id')).toBe(`${date}-${province}`);
      expect($('dl.meta').attr('data-pagefind-filter')).toBe(`year:${date.slice(0, 4)}`);
      expect($('[data-pagefind-filter]').length).toBe(2);
    },
  );

  it('refuses a page that is not an article, naming the file', () => {
    expect(() =>
      withStockPagefindAttributes('<main><h1>首页</h1></main>', 'dist/index.html'),
    ).toThrow(/dist\/index\.html/);
  });
});
