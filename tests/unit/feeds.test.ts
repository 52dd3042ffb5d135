import { describe, expect, it } from 'vitest';
import { FEED_ITEMS } from '../../src/consts.ts';
import type { Article } from '../../src/utils/articles.ts';
import { feedResponse } from '../../src/utils/feeds.ts';
import { addDays } from '../../src/utils/dates.ts';

/** A minimal collection entry: what feed items read. */
const article = (n: number): Article =>
  ({
    id: `${addDays('2024-12-31', -n)}-zhejiang`,
    body: `第${n}篇报道。`,
    rendered: { html: `<p>第${n}篇报道。</p>` },
    data: {
      title: `第${n}篇`,
      date: addDays('2024-12-31', -n),
      province: 'zhejiang',
      department: '浙江省民政厅',
      source: '浙江省民政厅',
      topics: [],
    },
  }) as unknown as Article;

describe('feedResponse', () => {
  it.each([3, FEED_ITEMS * 3])(
    'lists the newest reports, at most FEED_ITEMS, of %i',
    async (count) => {
      const articles = Array.from({ length: count }, (_, n) => article(n));
      const xml = await (
        await feedResponse({
          pagePath: '/',
          feedPath: '/rss.xml',
          articles,
          site: new URL('https://example.org'),
        })
      ).text();
      const titles = [...xml.matchAll(/<item><title>([^<]*)<\/title>/g)].map((m) => m[1]);
      expect(titles).toEqual(articles.slice(0, FEED_ITEMS).map((a) => a.data.title));
    },
  );
});
