/**
 * Step 5: the date. The first `M月D日` of the body is the meeting date; a year written
 * right before it (`2024年3月14日`) wins, otherwise the `--year` the editor passed.
 * A year elsewhere in the text (`2024年社会救助标准`) is not the date's year.
 * The date must lie in the archive's range (EARLIEST_DATE … LATEST_DATE in the schema).
 */
import { DATE_RANGE_MESSAGE, isCalendarDate, isInDateRange } from '../schemas/article.ts';
import type { Paragraph } from './paragraphs.ts';

const SPACE = '[ \\t\\u3000]*';
/** Optional `YYYY年`, then `M月D日` (or colloquial `D号`); not preceded by another digit. */
const DATE = new RegExp(
  `(?<![0-9])(?:([0-9]{4})${SPACE}年${SPACE})?([0-9]{1,2})${SPACE}月${SPACE}([0-9]{1,2})${SPACE}[日号]`,
);

export type DateResult =
  | {
      ok: true;
      date: string;
      line: number;
      /** True when the year was written in the text. */ yearFromText: boolean;
    }
  | { ok: false; line: number; message: string };

/** Full-width digits ０–９ read as ASCII digits (same length, so positions do not move). */
const asciiDigits = (text: string) =>
  text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/** Finds the report's date in its paragraphs; `year` is the fallback from --year. */
export function findDate(
  paragraphs: readonly Paragraph[],
  year: number | undefined,
  fallbackLine: number,
): DateResult {
  for (const paragraph of paragraphs) {
    const match = DATE.exec(asciiDigits(paragraph.text));
    if (!match) continue;
    const written = match[0].trim();
    const [, y, m, d] = match;
    const line = paragraph.line;
    const fullYear = y !== undefined ? Number(y) : year;
    if (fullYear === undefined) {
      return {
        ok: false,
        line,
        message: `the date "${written}" has no year: pass --year (e.g. --year 2024)`,
      };
    }
    const date = `${String(fullYear).padStart(4, '0')}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
    if (!isCalendarDate(date))
      return { ok: false, line, message: `"${written}" is not a real calendar day (${date})` };
    if (!isInDateRange(date))
      return {
        ok: false,
        line,
        message: `"${written}" (${date}) is out of range: ${DATE_RANGE_MESSAGE}`,
      };
    return { ok: true, date, line, yearFromText: y !== undefined };
  }
  return {
    ok: false,
    line: fallbackLine,
    message: 'no date found: the body must contain the meeting date as M月D日 or YYYY年M月D日',
  };
}
