/** The importer's pure steps (src/import/), one by one, and the whole pipeline against an independent oracle. */
import { describe, expect, it } from 'vitest';
import { PROVINCES } from '../../src/data/provinces.ts';
import { importBulletin, type ImportedArticle } from '../../src/import/bulletin.ts';
import { takeCredit } from '../../src/import/credit.ts';
import { findDate } from '../../src/import/date.ts';
import { serializeArticle } from '../../src/import/markdown.ts';
import { endsSentence, joinParagraphs } from '../../src/import/paragraphs.ts';
import { planFiles, type ExistingFile } from '../../src/import/plan.ts';
import { detectProvince, scanMentions } from '../../src/import/province.ts';
import { splitReports, type Fragment } from '../../src/import/split.ts';
import { decodeBulletin } from '../../src/import/text.ts';
import { articleProblems } from '../../src/import/validate.ts';
import { articlePath, type ArticleData } from '../../src/schemas/article.ts';
import { readBulletin, squash } from '../helpers/content.ts';
import { COMMITTED, REAL_BULLETIN } from '../helpers/importer.ts';

const fragments = (...texts: string[]): Fragment[] =>
  texts.map((text, i) => ({ text, line: i + 1 }));
const paragraphs = (...texts: string[]) => texts.map((text, i) => ({ text, line: i + 1 }));
const encode = (text: string) => new TextEncoder().encode(text);

describe('decodeBulletin', () => {
  it('removes a BOM and turns CRLF and CR into LF', () => {
    expect(decodeBulletin(encode('\uFEFF# 标题\r\n正文\r第二行\n'))).toEqual({
      ok: true,
      text: '# 标题\n正文\n第二行\n',
    });
  });

  it('rejects NUL bytes, naming the line', () => {
    const result = decodeBulletin(new Uint8Array([0x61, 0x0a, 0x62, 0x0a, 0x00]));
    expect(result).toEqual({
      ok: false,
      problem: { line: 3, message: expect.stringContaining('binary file') },
    });
  });

  it('rejects UTF-16 with a hint', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, 0x23, 0x00, 0x20, 0x00]);
    expect(decodeBulletin(utf16)).toMatchObject({
      ok: false,
      problem: { line: 1, message: expect.stringContaining('UTF-16') },
    });
  });

  it('rejects invalid UTF-8 (GBK), naming the first bad line', () => {
    const gbk = new Uint8Array([...encode('# 标题\n\n正文\n'), 0xc4, 0xe3, 0x0a]);
    expect(decodeBulletin(gbk)).toMatchObject({
      ok: false,
      problem: { line: 4, message: expect.stringContaining('not valid UTF-8') },
    });
  });
});

describe('splitReports', () => {
  it('splits at #, ## and ### headings with stray and full-width spaces, keeping line numbers', () => {
    const { reports, problems } = splitReports(
      '\n  # 一 \n正文一\n\n##\u3000二\u3000\n\u3000\u3000正文二  \n### 三\n正文三',
    );
    expect(problems).toEqual([]);
    expect(reports).toEqual([
      { title: '一', line: 2, fragments: [{ text: '正文一', line: 3 }] },
      { title: '二', line: 5, fragments: [{ text: '正文二', line: 6 }] },
      { title: '三', line: 7, fragments: [{ text: '正文三', line: 8 }] },
    ]);
  });

  it('keeps #topic# tags as body text', () => {
    const { reports, problems } = splitReports('# 标题\n#话题#\n＃话题＃ 正文');
    expect(problems).toEqual([]);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.fragments.map((f) => f.text)).toEqual(['#话题#', '＃话题＃ 正文']);
  });

  it('reports text before the first heading, a heading without title, and no headings at all', () => {
    expect(splitReports('前言\n# 标题\n正文').problems).toEqual([
      { line: 1, message: expect.stringContaining('before the first heading') },
    ]);
    expect(splitReports('# 标题\n正文\n## \n').problems).toEqual([
      { line: 3, message: expect.stringContaining('has no title') },
    ]);
    expect(splitReports('正文\n\n正文').problems).toEqual([
      { line: 1, message: expect.stringContaining('no headings found') },
    ]);
  });
});

describe('takeCredit', () => {
  it.each([
    ['on its own line', ['会议。', '(据浙江省民政厅)'], ['会议。']],
    ['full-width, on its own line', ['会议。', '（据浙江省民政厅）'], ['会议。']],
    ['mixed parentheses and spaces', ['会议。', '( 据 浙江省民政厅 ）'], ['会议。']],
    ['ending the last paragraph', ['会议。(据浙江省民政厅)'], ['会议。']],
  ])('%s', (_, input, rest) => {
    expect(takeCredit(fragments(...input))).toEqual({
      credit: '浙江省民政厅',
      line: input.length,
      fragments: fragments(...rest),
    });
  });

  it('leaves a (据…) that does not end the report in the text', () => {
    const input = fragments('(据新华社)报道,会议召开。', '会议结束。');
    expect(takeCredit(input)).toEqual({ fragments: input });
  });
});

describe('joinParagraphs (page-break repair)', () => {
  it('joins fragments that do not end a sentence, directly', () => {
    const result = joinParagraphs(
      fragments('沉甸甸的思想力', '量、改革含量。', '以责任制保成', '效,形成局面。'),
    );
    expect(result.paragraphs).toEqual([
      { text: '沉甸甸的思想力量、改革含量。', line: 1 },
      { text: '以责任制保成效,形成局面。', line: 3 },
    ]);
    expect(result.unterminated).toBeUndefined();
  });

  it.each([
    '句号。',
    '叹号！',
    '问号？',
    '省略……',
    '分号；',
    '引号。”',
    '括号。）',
    '括号。)',
    '书名号。』',
    '方括号。】',
    '多重。”）',
  ])('%s ends a sentence', (text) => {
    expect(endsSentence(text)).toBe(true);
    expect(joinParagraphs(fragments(text, '下一段。')).paragraphs).toHaveLength(2);
  });

  it.each(['逗号,', '顿号、', '冒号：', '词', '引号”', '英文句点.'])('%s does not', (text) => {
    expect(joinParagraphs(fragments(text, '下一段。')).paragraphs).toEqual([
      { text: `${text}下一段。`, line: 1 },
    ]);
  });

  it('keeps an unterminated last paragraph and says so', () => {
    const result = joinParagraphs(fragments('第一段。', '没有结束'));
    expect(result.paragraphs.map((p) => p.text)).toEqual(['第一段。', '没有结束']);
    expect(result.unterminated).toEqual({ text: '没有结束', line: 2 });
  });
});

describe('findDate', () => {
  it('takes the first M月D日 with --year', () => {
    expect(findDate(paragraphs('3月14日,会议召开。3月12日上午另一会议。'), 2024, 1)).toEqual({
      ok: true,
      date: '2024-03-14',
      line: 1,
      yearFromText: false,
    });
  });

  it('prefers a written year, and reads full-width digits', () => {
    expect(findDate(paragraphs('会议。', '２０２３年１２月５日,会议。'), 2024, 1)).toEqual({
      ok: true,
      date: '2023-12-05',
      line: 2,
      yearFromText: true,
    });
  });

  it('does not take a year that is not next to the date', () => {
    expect(findDate(paragraphs('2024年社会救助标准。3月13日会议。'), undefined, 1)).toMatchObject({
      ok: false,
      message: expect.stringContaining('pass --year'),
    });
  });

  it('rejects a day that does not exist, and a body without a date', () => {
    expect(findDate(paragraphs('2月30日会议。'), 2024, 1)).toMatchObject({
      ok: false,
      message: expect.stringContaining('not a real calendar day'),
    });
    expect(findDate(paragraphs('2023年2月29日会议。'), undefined, 1)).toMatchObject({
      ok: false,
      message: expect.stringContaining('2023-02-29'),
    });
    expect(findDate(paragraphs('近日会议。'), 2024, 7)).toMatchObject({
      ok: false,
      line: 7,
      message: expect.stringContaining('no date found'),
    });
  });
});

describe('detectProvince', () => {
  const detect = (title: string, credit?: string, ...body: string[]) => {
    const result = detectProvince({
      title,
      ...(credit ? { credit } : {}),
      paragraphs: paragraphs(...body),
    });
    return result.ok ? [result.province.slug, result.department, result.where] : result.message;
  };

  it('finds every division of the registry by its department, full name and short name', () => {
    const withDepartment = PROVINCES.filter((p) => p.department);
    expect(withDepartment).toHaveLength(32);
    for (const { name, shortName, slug, department } of withDepartment) {
      expect(detect(`${department}召开会议`), name).toEqual([slug, department, 'title']);
      expect(detect(`${name}召开会议`), name).toEqual([slug, department, 'title']);
      // 兵团 alone is too generic (兵团精神); it counts only as 兵团民政局, tested below.
      if (shortName !== '兵团')
        expect(detect(`${shortName}:召开会议`), shortName).toEqual([slug, department, 'title']);
    }
  });

  it('reads 新疆生产建设兵团 as the Corps, never as 新疆', () => {
    expect(detect('新疆生产建设兵团民政局召开会议')).toEqual([
      'bingtuan',
      '新疆生产建设兵团民政局',
      'title',
    ]);
    expect(detect('兵团民政局召开会议')).toEqual(['bingtuan', '新疆生产建设兵团民政局', 'title']);
    expect(detect('新疆维吾尔自治区民政厅召开会议')).toEqual([
      'xinjiang',
      '新疆维吾尔自治区民政厅',
      'title',
    ]);
    expect(detect('新疆民政厅召开会议')).toEqual(['xinjiang', '新疆维吾尔自治区民政厅', 'title']);
    // A bare 兵团 (as in 兵团精神) is not a name of the Corps.
    expect(scanMentions('弘扬兵团精神')).toEqual([]);
  });

  it('tells 山西 from 陕西, and 浙江西部 is not 江西', () => {
    expect(detect('山西省民政厅召开会议')).toEqual(['shanxi', '山西省民政厅', 'title']);
    expect(detect('陕西省民政厅召开会议')).toEqual(['shaanxi', '陕西省民政厅', 'title']);
    expect(scanMentions('浙江西部山区').map((m) => m.province.slug)).toEqual(['zhejiang']);
  });

  it('gives autonomous regions and municipalities their full department names', () => {
    expect(detect('内蒙古民政厅召开会议')).toEqual(['neimenggu', '内蒙古自治区民政厅', 'title']);
    expect(detect('广西壮族自治区民政厅召开会议')).toEqual([
      'guangxi',
      '广西壮族自治区民政厅',
      'title',
    ]);
    expect(detect('北京市民政局召开会议')).toEqual(['beijing', '北京市民政局', 'title']);
    expect(detect('重庆民政局召开会议')).toEqual(['chongqing', '重庆市民政局', 'title']);
  });

  it('takes a different body the text names explicitly for the division', () => {
    expect(detect('某某省民政局?', undefined, '3月1日,江苏省民政局召开会议。')).toEqual([
      'jiangsu',
      '江苏省民政局',
      'body',
    ]);
  });

  it('decides by the title and the credit, and only without either by the body', () => {
    expect(detect('江苏省民政厅赴浙江省民政厅学习', '江苏省民政厅', '湖南省民政厅')).toEqual([
      'jiangsu',
      '江苏省民政厅',
      'title',
    ]);
    expect(detect('省民政厅召开座谈会', '江苏省民政厅', '湖南省民政厅')).toEqual([
      'jiangsu',
      '江苏省民政厅',
      'credit',
    ]);
    expect(detect('浙江:省民政厅召开座谈会', '中国社会报', '湖南省民政厅参加')).toEqual([
      'zhejiang',
      '浙江省民政厅',
      'title',
    ]);
    expect(detect('省民政厅召开座谈会', '浙江日报', '湖南省民政厅参加')).toEqual([
      'zhejiang',
      '浙江省民政厅',
      'credit',
    ]);
    expect(detect('省民政厅召开座谈会', '中国社会报', '与江西合作,湖南省民政厅召开')).toEqual([
      'hunan',
      '湖南省民政厅',
      'body',
    ]);
    expect(detect('省民政厅召开座谈会', '中国社会报', '3月1日,湖南召开')).toEqual([
      'hunan',
      '湖南省民政厅',
      'body',
    ]);
  });

  it('reports an unknown province, and a division without a civil-affairs department', () => {
    expect(detect('省民政厅召开会议', '某报', '3月1日召开。')).toMatch(/^unknown province/);
    expect(detect('香港举行会议')).toMatch(/香港特别行政区 has no civil-affairs department/);
  });
});

describe('the pipeline on the real bulletin', () => {
  const result = importBulletin(REAL_BULLETIN, { year: 2024 });
  // An independent oracle: plain regular expressions in tests/helpers/content.ts.
  const oracle = readBulletin();

  it('finds every report, without problems or warnings', () => {
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.articles.map((a) => a.data.title)).toEqual(oracle.map((r) => r.title));
  });

  it('loses, adds and changes no character: only paragraph breaks move', () => {
    result.articles.forEach((article, i) => {
      expect(squash(article.paragraphs.join(''))).toBe(squash(oracle[i]!.text));
      expect(article.data.source).toBe(oracle[i]!.credit);
      for (const paragraph of article.paragraphs) expect(endsSentence(paragraph)).toBe(true);
    });
  });

  it('writes the committed files', () => {
    const files = Object.fromEntries(
      result.articles.map((a) => [articlePath(a.data.date, a.data.province), a.markdown]),
    );
    expect(files).toEqual(COMMITTED);
  });
});

describe('serializeArticle', () => {
  const data: ArticleData = {
    title: '标题 "引号" \\ 反斜杠',
    date: '2024-03-14',
    province: 'zhejiang',
    department: '浙江省民政厅',
    source: '浙江省民政厅',
    topics: ['shehui-jiuzhu', 'lianghui-jingshen'],
  };

  it('writes the stable format', () => {
    expect(serializeArticle(data, ['第一段。', '第二段。'])).toBe(
      '---\ntitle: "标题 \\"引号\\" \\\\ 反斜杠"\ndate: "2024-03-14"\nprovince: "zhejiang"\ndepartment: "浙江省民政厅"\nsource: "浙江省民政厅"\ntopics: ["shehui-jiuzhu", "lianghui-jingshen"]\n---\n\n第一段。\n\n第二段。\n',
    );
  });

  it('reads back as the same data with the site parser and schema', () => {
    expect(
      articleProblems(serializeArticle(data, ['正文。']), '2024/2024-03-14-zhejiang.md', data),
    ).toEqual([]);
    expect(
      articleProblems(serializeArticle(data, ['正文。']), '2024/2024-03-15-zhejiang.md', data),
    ).toEqual([expect.stringContaining('does not match')]);
  });
});

describe('planFiles', () => {
  const article = (title: string, line = 1, body = '正文。'): ImportedArticle => {
    const data: ArticleData = {
      title,
      date: '2024-03-14',
      province: 'zhejiang',
      department: '浙江省民政厅',
      source: '浙江省民政厅',
      topics: [],
    };
    return { line, data, paragraphs: [body], markdown: serializeArticle(data, [body]) };
  };
  const existing = (path: string, a: ImportedArticle): ExistingFile => ({
    path,
    content: a.markdown,
  });
  const summary = (plan: ReturnType<typeof planFiles>) =>
    plan.files.map((f) => `${f.action} ${f.path}`);

  it('numbers several reports of one day 1, 2, 3 in bulletin order', () => {
    const plan = planFiles([article('甲'), article('乙', 9), article('丙', 20)], []);
    expect(plan.problems).toEqual([]);
    expect(summary(plan)).toEqual([
      'write 2024/2024-03-14-zhejiang.md',
      'write 2024/2024-03-14-zhejiang-2.md',
      'write 2024/2024-03-14-zhejiang-3.md',
    ]);
  });

  it('leaves identical files alone and numbers a new report past the highest existing one', () => {
    const a = article('甲');
    const plan = planFiles(
      [a, article('乙', 9)],
      [
        existing('2024/2024-03-14-zhejiang.md', a),
        existing('2024/2024-03-14-zhejiang-3.md', article('丙')),
      ],
    );
    expect(summary(plan)).toEqual([
      'unchanged 2024/2024-03-14-zhejiang.md',
      'write 2024/2024-03-14-zhejiang-4.md',
    ]);
  });

  it('treats a file that differs only in topics as unchanged', () => {
    const a = article('甲');
    const curated = {
      path: '2024/2024-03-14-zhejiang.md',
      content: a.markdown.replace('topics: []', 'topics: ["shehui-jiuzhu"]'),
    };
    expect(summary(planFiles([a], [curated], { force: true }))).toEqual([
      'unchanged 2024/2024-03-14-zhejiang.md',
    ]);
  });

  it('refuses to overwrite the same report with other content unless forced', () => {
    const old = existing('2024/2024-03-14-zhejiang-2.md', article('甲', 1, '旧文。'));
    const refused = planFiles([article('甲', 5, '新文。')], [old]);
    expect(refused.files).toEqual([]);
    expect(refused.problems).toEqual([
      {
        line: 5,
        report: '甲',
        message: expect.stringContaining('2024/2024-03-14-zhejiang-2.md already holds this report'),
      },
    ]);
    expect(summary(planFiles([article('甲', 5, '新文。')], [old], { force: true }))).toEqual([
      'overwrite 2024/2024-03-14-zhejiang-2.md',
    ]);
  });

  it('rejects two reports with one title on one day', () => {
    const plan = planFiles([article('甲', 3), article('甲', 30, '另文。')], []);
    expect(plan.problems).toEqual([
      { line: 30, report: '甲', message: expect.stringContaining('report at line 3') },
    ]);
  });
});

describe('importBulletin problems carry the report and its line', () => {
  it('lists every problem of every report', () => {
    const text =
      '# 浙江省民政厅召开会议\n\n3月14日,会议召开。\n\n# 某会议\n\n会议召开。\n(据某报)\n\n# 空\n';
    const result = importBulletin(text, { year: 2024 });
    expect(result.articles).toEqual([]);
    expect(result.problems).toEqual([
      { line: 3, report: '浙江省民政厅召开会议', message: expect.stringContaining('no credit') },
      { line: 5, report: '某会议', message: expect.stringContaining('no date found') },
      { line: 5, report: '某会议', message: expect.stringContaining('unknown province') },
      { line: 10, report: '空', message: expect.stringContaining('empty report') },
    ]);
  });
});

describe('importBulletin warnings', () => {
  it('keeps a last paragraph that does not end a sentence, with a warning naming its line', () => {
    const result = importBulletin(
      '# 浙江省民政厅召开会议\n\n3月14日,会议召开。\n\n会议要求\n\n(据浙江省民政厅)\n',
      { year: 2024 },
    );
    expect(result.problems).toEqual([]);
    expect(result.articles[0]!.paragraphs).toEqual(['3月14日,会议召开。', '会议要求']);
    expect(result.warnings).toEqual([
      {
        line: 5,
        report: '浙江省民政厅召开会议',
        message: expect.stringContaining('does not end a sentence'),
      },
    ]);
  });
});
