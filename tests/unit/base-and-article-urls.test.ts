import { describe, expect, it } from 'vitest';
import { articleUrlBelow } from '../../src/utils/article-url.ts';
import { basePath } from '../../src/utils/base-path.ts';

describe('base path', () => {
  it.each([
    ['', '/'],
    ['/', '/'],
    ['minzheng', '/minzheng/'],
    ['/minzheng', '/minzheng/'],
    ['/minzheng/', '/minzheng/'],
    [' //a/b// ', '/a/b/'],
  ])('%j → %j', (value, expected) => {
    expect(basePath(value)).toBe(expected);
  });
});

describe('article URLs', () => {
  it('round-trips an ID below any base, encoding what a path cannot hold', () => {
    for (const base of ['/', '/minzheng/'])
      for (const id of ['2024-03-14-zhejiang', '2024-03-14-zhejiang-2', 'a b#?%']) {
        const url = articleUrlBelow(base, id);
        expect(url.startsWith(`${base}articles/`) && url.endsWith('/')).toBe(true);
        expect(url.slice(base.length)).not.toMatch(/[ #?]/);
        expect(decodeURIComponent(url.slice(`${base}articles/`.length, -1))).toBe(id);
      }
  });
});
