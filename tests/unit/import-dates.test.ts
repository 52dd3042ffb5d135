/**
 * One plausible range for every date (issue 14, item 7): the schema's EARLIEST_DATE …
 * LATEST_DATE holds for frontmatter, for dates read from a bulletin and for --year.
 */
import { describe, expect, it } from 'vitest';
import { findDate } from '../../src/import/date.ts';
import { addDays } from '../../src/utils/dates.ts';
import {
  articleSchema,
  EARLIEST_DATE,
  EARLIEST_YEAR,
  formatSchemaIssues,
  isCalendarDate,
  LATEST_DATE,
  LATEST_YEAR,
} from '../../src/schemas/article.ts';
import { runImportHere } from '../helpers/importer.ts';

const BEFORE = addDays(EARLIEST_DATE, -1);
const AFTER = addDays(LATEST_DATE, 1);

const valid = {
  title: '标题',
  date: '2024-03-14',
  province: 'zhejiang',
  department: '浙江省民政厅',
  source: '浙江省民政厅',
};
const schemaIssues = (date: string) => {
  const result = articleSchema.safeParse({ ...valid, date });
  return result.success ? [] : formatSchemaIssues(result.error);
};

/** `YYYY年M月D日` for an ISO date. */
const written = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${String(y).padStart(4, '0')}年${m}月${d}日`;
};

describe('the date range', () => {
  it('is 1949-10-01 … 2099-12-31, both ends included', () => {
    expect([EARLIEST_DATE, LATEST_DATE, EARLIEST_YEAR, LATEST_YEAR]).toEqual([
      '1949-10-01',
      '2099-12-31',
      1949,
      2099,
    ]);
  });

  it('holds in the schema, with a message naming the field and the range', () => {
    expect(schemaIssues(EARLIEST_DATE)).toEqual([]);
    expect(schemaIssues(LATEST_DATE)).toEqual([]);
    for (const date of [BEFORE, AFTER, '0024-03-14', '9999-12-31'])
      expect(schemaIssues(date), date).toEqual([
        `date: date "${date}" is out of range: dates must lie between ${EARLIEST_DATE} and ${LATEST_DATE}`,
      ]);
    // A day that does not exist is said once, as before.
    expect(schemaIssues('2024-02-30')).toEqual(['date: date is not a real calendar day']);
  });

  it('knows the calendar of the years 0–99 too (no "not a real calendar day" for 0024-03-14)', () => {
    expect(isCalendarDate('0024-03-14')).toBe(true);
    expect(isCalendarDate('0000-02-29')).toBe(true); // year 0 is a leap year
    expect(isCalendarDate('0001-02-29')).toBe(false);
  });

  it('holds for dates read from the text', () => {
    const date = (text: string, year?: number) => findDate([{ text, line: 7 }], year, 1);
    expect(date(`${written(EARLIEST_DATE)},会议。`)).toMatchObject({
      ok: true,
      date: EARLIEST_DATE,
    });
    expect(date(`${written(LATEST_DATE)},会议。`)).toMatchObject({ ok: true, date: LATEST_DATE });
    for (const day of [BEFORE, AFTER, '0024-03-14', '0000-01-01'])
      expect(date(`${written(day)},会议。`), day).toEqual({
        ok: false,
        line: 7,
        message: `"${written(day)}" (${day}) is out of range: dates must lie between ${EARLIEST_DATE} and ${LATEST_DATE}`,
      });
    // With a year from --year, too (e.g. from code that skips the command line's check).
    expect(date('9月30日,会议。', 1949)).toMatchObject({ ok: false, message: /out of range/ });
  });

  it.for([
    [String(EARLIEST_YEAR - 1), 2],
    [String(LATEST_YEAR + 1), 2],
    ['9999', 2],
    ['0000', 2],
    ['0099', 2],
  ] as const)('--year %s is refused as wrong usage', async ([year, code], { expect }) => {
    const result = await runImportHere(['-', '--year', year, '--dry-run'], '# 标题\n\n正文。\n');
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(
      `--year must be between ${EARLIEST_YEAR} and ${LATEST_YEAR} (dates ${EARLIEST_DATE} to ${LATEST_DATE}), got ${year}`,
    );
  });

  it('--year at both ends of the range is taken', async () => {
    for (const [year, day] of [
      [EARLIEST_YEAR, '10月1日'],
      [LATEST_YEAR, '12月31日'],
    ] as const) {
      const text = `# 浙江省民政厅召开会议\n\n${day},浙江省民政厅召开会议。\n\n(据浙江省民政厅)\n`;
      const result = await runImportHere(['-', '--year', String(year), '--dry-run'], text);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    }
  });
});
