/**
 * A report is never silently merged into another (issue 14, item 3): every heading form
 * editors' tools write starts a report; a line that looks like a heading but is not one, and a
 * credit that ends a line in the middle of a report, are refused with their line numbers.
 */
import { describe, expect, it } from 'vitest';
import { importBulletin } from '../../src/import/bulletin.ts';
import { classifyLine } from '../../src/import/heading.ts';
import { lineOf, runImportHere } from '../helpers/importer.ts';

/** A report of `province` (e.g. 浙江省) on March `day`, under the heading `marker`+title. */
const report = (marker: string, province: string, day: number) =>
  `${marker}${province}民政厅召开会议\n\n3月${day}日,${province}民政厅召开会议。\n\n(据${province}民政厅)\n`;

/** Spaces editors' tools put after the hashes: ASCII, tab, no-break, full-width, thin, narrow no-break. */
const SPACES = [' ', '\t', '\u00a0', '\u3000', '\u2009', '\u202f', '\u2002', ' \u3000 '];
const HASHES = ['#', '##', '###', '####', '#####', '######', '＃', '＃＃', '＃＃＃＃＃＃', '#＃'];

describe('headings', () => {
  it.for(HASHES.flatMap((hashes) => SPACES.map((space) => [hashes, space] as const)))(
    '%s followed by %j starts a report',
    ([hashes, space], { expect }) => {
      const text = `${report('# ', '浙江省', 14)}\n${report(hashes + space, '江苏省', 15)}`;
      const result = importBulletin(text, { year: 2024 });
      expect(result.problems).toEqual([]);
      expect(result.articles.map((a) => [a.line, a.data.title, a.data.source])).toEqual([
        [1, '浙江省民政厅召开会议', '浙江省民政厅'],
        [lineOf(text, '江苏省民政厅召开会议'), '江苏省民政厅召开会议', '江苏省民政厅'],
      ]);
    },
  );

  it('drops a closing run of hashes, keeps a hash that belongs to the title', () => {
    expect(classifyLine('## 江苏省民政厅召开会议 ##')).toEqual({
      kind: 'heading',
      title: '江苏省民政厅召开会议',
    });
    expect(classifyLine('＃ 标题\u3000＃＃')).toEqual({ kind: 'heading', title: '标题' });
    expect(classifyLine('# 学习C#')).toEqual({ kind: 'heading', title: '学习C#' });
    expect(classifyLine('  \u3000# 标题  ')).toEqual({ kind: 'heading', title: '标题' });
  });

  it('keeps #topic# tags and a # inside a line as body text', () => {
    for (const line of [
      '#话题#',
      '＃话题＃后文',
      '#民政为民# 江苏',
      '#a#',
      '3#楼改造完成。',
      '第#号',
    ])
      expect(classifyLine(line), line).toEqual({ kind: 'text' });
  });

  it.for([
    ['seven hashes', '####### 江苏省民政厅召开会议', /7 "#" in a row/],
    ['no space after #', '#江苏省民政厅召开会议', /not a heading: put a space after the "#"/],
    ['no space after ＃', '＃江苏省民政厅召开会议', /not a heading/],
    ['no space, with a closing #', '#江苏省民政厅召开会议 #', /not a heading/],
    [
      'a marker after a credit',
      '会议。(据浙江省民政厅)# 江苏省民政厅召开会议',
      /middle of the line/,
    ],
    [
      'a marker after a sentence end',
      '会议结束。＃＃\u00a0江苏省民政厅召开会议',
      /middle of the line/,
    ],
    ['a setext underline', '=====', /only "=" or "-"/],
    ['a rule', '---', /only "=" or "-"/],
  ] as [string, string, RegExp][])(
    'refuses %s, naming its line',
    ([, line, message], { expect }) => {
      const text = `${report('# ', '浙江省', 14)}\n${line}\n\n3月15日,江苏省民政厅召开会议。\n\n(据江苏省民政厅)\n`;
      const result = importBulletin(text, { year: 2024 });
      const at = lineOf(text, line);
      expect(result.problems.find((p) => p.line === at)?.message).toMatch(message);
      expect(result.problems.length).toBeGreaterThan(0);
    },
  );

  it('refuses U+2028 and U+2029 with their line, whether they stand for a break or not', () => {
    for (const separator of ['\u2028', '\u2029']) {
      const text = `${report('# ', '浙江省', 14)}${separator}${report('# ', '江苏省', 15)}`;
      const result = importBulletin(text, { year: 2024 });
      const at = lineOf(text, separator);
      expect(result.problems).toContainEqual({
        line: at,
        message: expect.stringMatching(/^U\+202[89] (LINE|PARAGRAPH) SEPARATOR in the line/),
      });
    }
  });
});

describe('a credit in the middle of a report', () => {
  it.for([
    ['on its own line', '(据浙江省民政厅)'],
    ['full-width, ending a paragraph', '会议结束。（据浙江省民政厅）'],
  ])('%s is refused with its line', ([, credit], { expect }) => {
    const text = `# 浙江省民政厅召开会议\n\n3月14日,浙江省民政厅召开会议。\n\n${credit}\n\n江苏省民政厅召开会议\n\n3月15日,江苏省民政厅召开会议。\n\n(据浙江省民政厅)\n`;
    const result = importBulletin(text, { year: 2024 });
    expect(result.articles).toEqual([]);
    expect(result.problems).toEqual([
      {
        line: lineOf(text, credit),
        report: '浙江省民政厅召开会议',
        message: expect.stringContaining('a (据…) credit ends this line but the report goes on'),
      },
    ]);
  });

  it('is text when it does not end the line: (据新华社)报道', () => {
    const text = `# 浙江省民政厅召开会议\n\n3月14日,(据新华社)报道,浙江省民政厅召开会议。\n\n(据浙江省民政厅)\n`;
    const result = importBulletin(text, { year: 2024 });
    expect(result.problems).toEqual([]);
    expect(result.articles[0]!.paragraphs).toEqual([
      '3月14日,(据新华社)报道,浙江省民政厅召开会议。',
    ]);
  });
});

describe('the command', () => {
  it("imports the issue's repro (# + NBSP) as two articles, each with its own credit", async () => {
    const text =
      '# 浙江省民政厅召开会议\n\n3月14日,浙江省民政厅召开会议。\n\n(据浙江省民政厅)\n\n#\u00a0江苏省民政厅召开会议\n\n3月15日,江苏省民政厅召开会议。\n\n(据江苏省民政厅)\n';
    const result = await runImportHere(['-', '--year', '2024', '--dry-run'], text);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2 reports, 2 provinces (浙江省、江苏省)');
    expect(result.stdout).toMatch(
      /would write .*2024-03-15-jiangsu\.md ---\n---\ntitle: "江苏省民政厅召开会议"\n[^]*source: "江苏省民政厅"/,
    );
  });

  it('lists a refused heading with the file and line, and exits 1', async () => {
    const text = `${report('# ', '浙江省', 14)}\n${report('#######\u3000', '江苏省', 15)}`;
    const result = await runImportHere(['-', '--year', '2024', '--dry-run'], text);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`stdin:${lineOf(text, '#######')}: 7 "#" in a row`);
    expect(result.stdout).toBe('');
  });
});
