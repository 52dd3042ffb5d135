/**
 * The page cache's key (src/integrations/search-pages.ts): it must change with every byte the
 * index build's reading of a page can depend on, and only then.
 */
import { describe, expect, it } from 'vitest';
import { pageKey } from '../../src/integrations/search-pages.ts';

const head = '<!DOCTYPE html><html lang="zh-CN"><head><title>会议</title></head><body><main>';
const article =
  '<article data-article-id="2024-03-13-hubei" data-date="2024-03-13" data-province="hubei"><h1>会议</h1><div class="body"><p>正文。</p></div></article>';
const tail = (next: string) =>
  `<nav class="neighbours"><a href="/articles/${next}/" rel="next">下一篇</a></nav></main></body></html>`;
const page = (parts: { head?: string; article?: string; tail?: string }) =>
  (parts.head ?? head) + (parts.article ?? article) + (parts.tail ?? tail('2024-03-14-jiangsu'));

describe('the key of an article page', () => {
  it('stays when only what follows the article changes (上一篇/下一篇, related reports)', () => {
    expect(pageKey(page({ tail: tail('2024-03-15-zhejiang') }))).toBe(pageKey(page({})));
  });

  it('changes with any byte of the article or of what comes before it', () => {
    const key = pageKey(page({}));
    expect(pageKey(page({ article: article.replace('正文。', '正文！') }))).not.toBe(key);
    expect(pageKey(page({ article: article.replace('hubei"', 'hunan"') }))).not.toBe(key);
    // What precedes the article decides how it is parsed (an unclosed comment, say).
    expect(pageKey(page({ head: head.replace('<main>', '<main><!--') }))).not.toBe(key);
  });

  it('takes the whole page when an article element may start or end after the last </article>', () => {
    for (const extra of ['<article data-article-id="x">', '<ARTICLE>', '</Article >']) {
      const one = page({ tail: extra + tail('2024-03-14-jiangsu') });
      const other = page({ tail: extra + tail('2024-03-15-zhejiang') });
      expect(pageKey(one), extra).not.toBe(pageKey(other));
    }
  });

  it('takes the whole page when it has no </article>', () => {
    const plain = (next: string) => head + tail(next);
    expect(pageKey(plain('a'))).not.toBe(pageKey(plain('b')));
  });
});
