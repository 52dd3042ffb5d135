/** The site's Markdown pipeline never turns an article's text into code (src/markdown/safe.ts). */
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { MARKDOWN_OPTIONS } from '../../src/markdown/options.ts';
import { isSafeUrl } from '../../src/markdown/safe.ts';

const processor = await createMarkdownProcessor({ ...MARKDOWN_OPTIONS, syntaxHighlight: false });
const render = async (markdown: string) =>
  load((await processor.render(markdown)).code, null, false);

/** Every element and attribute of rendered HTML, as `tag[attr=value]` strings. */
const markup = ($: Awaited<ReturnType<typeof render>>) =>
  $('*')
    .map((_, el) => {
      const { tagName, attribs } = el as unknown as {
        tagName: string;
        attribs: Record<string, string>;
      };
      return `${tagName}${Object.entries(attribs)
        .map(([k, v]) => `[${k}=${v}]`)
        .join('')}`;
    })
    .get();

describe('raw HTML in Markdown', () => {
  it.each([
    ['<script>alert(1)</script>', '<script>alert(1)</script>'],
    ['会议<script>alert(1)</script>指出', '会议<script>alert(1)</script>指出'],
    [
      '<iframe src="https://evil.example/"></iframe>',
      '<iframe src="https://evil.example/"></iframe>',
    ],
    ['图<img src=x onerror=alert(1)>片', '图<img src=x onerror=alert(1)>片'],
    ['<a href="javascript:alert(1)">链接</a>', '<a href="javascript:alert(1)">链接</a>'],
    ['<div onclick="alert(1)">\n块\n</div>', '<div onclick="alert(1)">\n块\n</div>'],
    ['<!-- 注释 -->', '<!-- 注释 -->'],
  ])('%s is shown as text in a paragraph', async (markdown, text) => {
    const $ = await render(markdown);
    expect(markup($)).toEqual(['p']);
    expect($('p').text()).toBe(text);
  });

  it('keeps Markdown links and images with safe URLs', async () => {
    const $ = await render(
      '[相对](../x/) [网站](https://example.org/) [邮件](mailto:a@example.org) ![图](card.png)',
    );
    expect(markup($)).toEqual([
      'p',
      'a[href=../x/]',
      'a[href=https://example.org/]',
      'a[href=mailto:a@example.org]',
      'img[src=card.png][alt=图]',
    ]);
  });

  it.each([
    ['[点我](javascript:alert(1))', '点我'],
    ['[点我](JAVASCRIPT:alert(1))', '点我'],
    ['[点我](vbscript:msgbox(1))', '点我'],
    ['[点我](data:text/html,<script>alert(1)</script>)', '点我'],
    ['<javascript:alert(1)>', 'javascript:alert(1)'],
    ['[引用][x]\n\n[x]: javascript:alert(1)', '引用'],
    ['![图](javascript:alert(1))', '图'],
  ])('%s keeps its text and loses the script URL', async (markdown, text) => {
    const $ = await render(markdown);
    expect(markup($)).toEqual(['p']);
    expect($('p').text()).toBe(text);
  });
});

describe('isSafeUrl', () => {
  it.each([
    '',
    'x',
    '../a/',
    '/a',
    '#top',
    '?q=1',
    'https://example.org',
    'HTTP://x',
    'mailto:a@b',
    'a/b:c',
  ])('%s is safe', (url) => {
    expect(isSafeUrl(url)).toBe(true);
  });
  it.each([
    'javascript:alert(1)',
    ' JavaScript:x',
    'java\tscript:x',
    'java\nscript:x',
    '\u0001javascript:x',
    'vbscript:x',
    'data:text/html,x',
    'file:///etc/passwd',
  ])('%j is not', (url) => {
    expect(isSafeUrl(url)).toBe(false);
  });
});
