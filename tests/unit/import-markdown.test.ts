/**
 * Markdown escaping: whatever characters a report contains, the site shows exactly them.
 * Rendered with the site's Markdown pipeline (src/markdown/options.ts: remark with
 * remark-cjk-friendly, GFM off, smartypants off, raw HTML as text), text read back with cheerio.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMarkdownProcessor, parseFrontmatter } from '@astrojs/markdown-remark';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { importBulletin } from '../../src/import/bulletin.ts';
import { escapeMarkdown } from '../../src/import/markdown.ts';
import { MARKDOWN_OPTIONS } from '../../src/markdown/options.ts';
import { readTree, runImport, tempDir } from '../helpers/importer.ts';

const processor = await createMarkdownProcessor({ ...MARKDOWN_OPTIONS, syntaxHighlight: false });

/** The paragraphs a reader sees for a Markdown body; fails when the body renders anything but plain paragraphs. */
async function renderedParagraphs(markdown: string): Promise<string[]> {
  const { code } = await processor.render(markdown);
  const $ = load(code, null, false);
  const tags = $('*')
    .map((_, el) => (el as { tagName: string }).tagName)
    .get();
  expect(
    tags.filter((tag) => tag !== 'p'),
    `markup in ${code}`,
  ).toEqual([]);
  return $('p')
    .map((_, el) => $(el).text())
    .get();
}

const TRICKY = [
  '*强调*',
  '**加粗**和__加粗__',
  '_下划线_',
  '中文*强调*中文',
  'a*b*c_d_e',
  '<script>alert(1)</script>',
  '<div>块</div>',
  '<!-- 注释 -->',
  '<http://example.com>',
  '[x](y)',
  '![图](a.png)',
  '[ref]: /url',
  '[据](浙江)',
  '`code`',
  '```',
  '~~~',
  '~~删除~~',
  '&amp;',
  '&#38;和&#x26;',
  '&copy; R&D a&b;',
  'a\\b',
  '\\*',
  '末尾\\',
  '# 标题',
  '#',
  '###### 六级',
  '####### 七级',
  '#话题#',
  '> 引用',
  '>',
  '- 列表',
  '-',
  '+ 列表',
  '* 列表',
  '---',
  '***',
  '___',
  '- - -',
  '===',
  '1. 有序',
  '1) 有序',
  '123456789. 很长',
  '1.5倍增长',
  '2024) 年',
  '| a | b |',
  '全角（括号）和半角(括号),逗号',
  '"引号" \'单引号\' --破折号-- ...',
  '网址 http://example.com 和 www.example.com',
  'a  b',
];

describe('escapeMarkdown', () => {
  it.each(TRICKY)('%s renders as exactly itself', async (text) => {
    expect(await renderedParagraphs(escapeMarkdown(text))).toEqual([text]);
  });

  it('escapes nothing in plain report text', () => {
    const text = '3月14日,浙江省民政厅党组(扩大)会议“十四五”、两会。';
    expect(escapeMarkdown(text)).toBe(text);
  });

  it('does escape: the unescaped text would not survive', async () => {
    // Guards the test itself: these inputs really are Markdown syntax. (Raw HTML such as
    // <script> is not among them: the site's pipeline shows it as text,
    // src/markdown/safe.ts.)
    for (const text of ['*强调*', '[x](y)', '1. 有序', '# 标题', '&amp;', '<b>&amp;</b>']) {
      expect(await renderedParagraphs(text).catch(() => ['(markup)'])).not.toEqual([text]);
    }
  });
});

describe('an imported report full of Markdown syntax', () => {
  const paragraphs = [
    '3月14日,某会议强调*重点*和_要点_,<script>alert(1)</script>不应执行。',
    '[x](y)链接、&amp;实体、`代码`和反斜杠\\都不变。',
    '1. 第一项要求。',
    '#话题# 不是标题(报道标题的 # 后面是空格)。',
    '- 不是列表;> 也不是引用。',
    '+ 也不是列表。',
  ];
  const bulletin = `# 浙江省民政厅召开会议 *测试* [标题]\n\n${paragraphs.join('\n\n')}\n\n(据浙江省民政厅)\n`;

  it('keeps every character when rendered (pipeline)', async () => {
    const result = importBulletin(bulletin, { year: 2024 });
    expect(result.problems).toEqual([]);
    const [article] = result.articles;
    expect(article!.paragraphs).toEqual(paragraphs);
    expect(article!.data.title).toBe('浙江省民政厅召开会议 *测试* [标题]');
    expect(await renderedParagraphs(parseFrontmatter(article!.markdown).content)).toEqual(
      paragraphs,
    );
  });

  it('keeps every character when rendered (CLI)', async () => {
    const dir = tempDir();
    const file = join(dir, 'bulletin.txt');
    writeFileSync(file, bulletin);
    const out = join(dir, 'articles');
    const run = await runImport([file, '--year', '2024', '--out', out]);
    expect(run.code).toBe(0);
    const written = readTree(out)['2024/2024-03-14-zhejiang.md']!;
    const { frontmatter, content } = parseFrontmatter(written);
    expect(frontmatter.title).toBe('浙江省民政厅召开会议 *测试* [标题]');
    expect(await renderedParagraphs(content)).toEqual(paragraphs);
  });
});
