/**
 * The title and the credit decide the division together (issue 14, item 4): when they name
 * different divisions the report is refused with its line and both names, and the editor
 * decides, by correcting the bulletin or with --province LINE=SLUG.
 */
import { describe, expect, it } from 'vitest';
import { PROVINCES } from '../../src/data/provinces.ts';
import { importBulletin } from '../../src/import/bulletin.ts';
import { detectProvince } from '../../src/import/province.ts';
import { lineOf, runImportHere } from '../helpers/importer.ts';

const detect = (title: string, credit?: string, body = '3月1日召开会议。') => {
  const result = detectProvince({
    title,
    ...(credit ? { credit } : {}),
    paragraphs: [{ text: body, line: 3 }],
  });
  return result.ok
    ? result.province.slug
    : { message: result.message, candidates: result.candidates.map((p) => p.slug) };
};

const WITH_DEPARTMENT = PROVINCES.filter((p) => p.department);

describe('title and credit', () => {
  it('refuse every pair of different divisions named in full, naming both', () => {
    for (const a of WITH_DEPARTMENT)
      for (const b of WITH_DEPARTMENT) {
        if (a === b) continue;
        const result = detect(`${a.department}召开会议`, b.department!);
        expect(result, `${a.name} / ${b.name}`).toEqual({
          message: `the title names ${a.department} but the credit names ${b.department}`,
          candidates: [a.slug, b.slug],
        });
      }
  });

  it('agree when they name the same division, in any spelling', () => {
    for (const p of WITH_DEPARTMENT) {
      expect(detect(`${p.department}召开会议`, p.department!)).toBe(p.slug);
      expect(
        detect(`${p.name}召开会议`, `${p.shortName === '兵团' ? p.name : p.shortName}日报`),
      ).toBe(p.slug);
    }
  });

  it('let the credit decide a joint meeting the title names', () => {
    const title = '北京市民政局、天津市民政局、河北省民政厅召开京津冀民政协同发展联席会议';
    expect(detect(title, '河北省民政厅')).toBe('hebei');
    expect(detect(title, '天津市民政局')).toBe('tianjin');
    expect(detect(title, '山东省民政厅')).toMatchObject({
      message: expect.stringContaining('but the credit names 山东省民政厅'),
    });
    expect(detect(title, '中国社会报')).toEqual({
      message:
        'the title names several divisions (北京市民政局、天津市民政局、河北省民政厅) and the credit names none of them',
      candidates: ['beijing', 'tianjin', 'hebei'],
    });
  });

  it('read names that contain one another as one division, the more specific', () => {
    expect(detect('新疆生产建设兵团民政局召开会议', '新疆日报')).toBe('bingtuan');
    expect(detect('新疆:兵团民政局召开会议', '新疆生产建设兵团民政局')).toBe('bingtuan');
    expect(detect('新疆召开民政工作会议', '新疆生产建设兵团民政局')).toBe('bingtuan');
    // Different divisions, though both names start with 新疆.
    expect(detect('新疆维吾尔自治区民政厅召开会议', '新疆生产建设兵团民政局')).toMatchObject({
      candidates: ['xinjiang', 'bingtuan'],
    });
  });

  it('fall back to the body only when neither names a division', () => {
    expect(detect('省民政厅召开会议', '中国社会报', '3月1日,湖南省民政厅召开会议。')).toBe('hunan');
    expect(detect('山西省民政厅召开会议', '中国社会报', '3月1日,陕西省民政厅召开会议。')).toBe(
      'shanxi',
    );
  });
});

describe('the editor decides', () => {
  const text = [
    '# 山西省民政厅召开会议',
    '',
    '3月14日,陕西省民政厅召开会议。',
    '',
    '(据陕西省民政厅)',
    '',
  ].join('\n');

  it('a conflict is refused with the heading line, the credit line and both names', async () => {
    const result = await runImportHere(['-', '--year', '2024', '--dry-run'], text);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `stdin:1 「山西省民政厅召开会议」: the title names 山西省民政厅 but the credit names 陕西省民政厅 (credit at line ${lineOf(text, '(据')}): correct the bulletin, or if the text is right choose with --province 1=shanxi or --province 1=shaanxi`,
    );
    expect(result.stdout).toBe('');
  });

  it('correcting the bulletin is enough', () => {
    const result = importBulletin(text.replace('(据陕西省民政厅)', '(据山西省民政厅)'), {
      year: 2024,
    });
    expect(result.problems).toEqual([]);
    expect(result.articles[0]!.data).toMatchObject({
      province: 'shanxi',
      department: '山西省民政厅',
    });
  });

  it('--province LINE=SLUG chooses one the report names', () => {
    const result = importBulletin(text, { year: 2024, provinces: new Map([[1, 'shaanxi']]) });
    expect(result.problems).toEqual([]);
    expect(result.articles[0]!.data).toMatchObject({
      province: 'shaanxi',
      department: '陕西省民政厅',
      source: '陕西省民政厅',
    });
  });

  it('--province refuses a division the report does not name, and a line that is no heading', () => {
    const wrong = importBulletin(text, { year: 2024, provinces: new Map([[1, 'hebei']]) });
    expect(wrong.problems).toEqual([
      {
        line: 1,
        report: '山西省民政厅召开会议',
        message: expect.stringContaining(
          '--province chose 河北省, but this report does not name it',
        ),
      },
    ]);
    const shifted = importBulletin(text, { year: 2024, provinces: new Map([[3, 'shaanxi']]) });
    expect(shifted.problems.map((p) => [p.line, p.message])).toContainEqual([
      3,
      "--province 3=shaanxi: line 3 is not a report's heading",
    ]);
    expect(shifted.articles).toEqual([]);
  });

  it('--province is checked on the command line', async () => {
    for (const [value, message] of [
      ['1=atlantis', /"atlantis" is not a province slug/],
      ['shaanxi', /--province takes LINE=SLUG/],
    ] as const) {
      const result = await runImportHere(['-', '--year', '2024', '--province', value], text);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    const chosen = await runImportHere(
      ['-', '--year', '2024', '--province', '1=shaanxi', '--dry-run'],
      text,
    );
    expect(chosen.stderr).toBe('');
    expect(chosen.stdout).toContain('2024-03-14-shaanxi.md');
  });
});
