/**
 * Step 1b: invisible characters. They are not words, and unseen they break headings, dates
 * and province names, so they are removed and each removal is reported (code point, count,
 * lines):
 *   - format characters (Unicode Cf): zero-width space, joiners and marks U+200B–U+200F,
 *     bidi controls U+202A–U+202E and U+2066–U+2069, U+2060–U+2064, U+FEFF inside the text,
 *     the soft hyphen U+00AD …;
 *   - control characters (Unicode Cc) other than tab and line feed (CR is already a line end).
 * U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR are refused instead: some editors show
 * them as line breaks and others do not, so no line number could be right for everyone.
 * Removing never changes line numbers: line feeds stay.
 */
import type { Problem } from './problems.ts';

const INVISIBLE = /(?![\t\n])[\p{Cf}\p{Cc}]/gu;
const SEPARATOR = /[\u2028\u2029]/u;

/** Names of the invisible characters bulletins actually contain; others get their category. */
const NAMES: Record<number, string> = {
  0x00ad: 'SOFT HYPHEN',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x2060: 'WORD JOINER',
  0x2061: 'FUNCTION APPLICATION',
  0x2062: 'INVISIBLE TIMES',
  0x2063: 'INVISIBLE SEPARATOR',
  0x2064: 'INVISIBLE PLUS',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE (BOM)',
};

/** `U+200B ZERO WIDTH SPACE`, for messages. */
export function describeCodePoint(codePoint: number): string {
  const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
  const name =
    NAMES[codePoint] ??
    (/\p{Cc}/u.test(String.fromCodePoint(codePoint)) ? 'control character' : 'format character');
  return `U+${hex} ${name}`;
}

/** One kind of removed character. */
export interface Removal {
  codePoint: number;
  count: number;
  /** Lines it was removed from, ascending, each once. */
  lines: number[];
}

export interface CleanText {
  text: string;
  /** By code point, in order of first appearance. */
  removed: Removal[];
  /** One per line holding U+2028 or U+2029. */
  problems: Problem[];
}

/** Removes invisible characters (rules in the module comment), in one pass over the text. */
export function removeInvisible(text: string): CleanText {
  const removals = new Map<number, Removal>();
  const problems: Problem[] = [];
  const lines = text.split('\n').map((line, index) => {
    const number = index + 1;
    const separator = SEPARATOR.exec(line);
    if (separator)
      problems.push({
        line: number,
        message: `${describeCodePoint(separator[0].codePointAt(0)!)} in the line: editors disagree whether it breaks the line; replace it with a real line break (or delete it)`,
      });
    return line.replace(INVISIBLE, (char) => {
      const codePoint = char.codePointAt(0)!;
      let removal = removals.get(codePoint);
      if (!removal) removals.set(codePoint, (removal = { codePoint, count: 0, lines: [] }));
      removal.count++;
      if (removal.lines.at(-1) !== number) removal.lines.push(number);
      return '';
    });
  });
  return { text: lines.join('\n'), removed: [...removals.values()], problems };
}

/** Lines listed in a message before "and N more". */
const LINES_SHOWN = 10;

/** A warning per removed code point: `removed 3 × U+200B ZERO WIDTH SPACE (lines 3, 7, 9)`. */
export function removalWarnings(removed: readonly Removal[]): Problem[] {
  return removed.map(({ codePoint, count, lines }) => {
    const shown = lines.slice(0, LINES_SHOWN).join(', ');
    const more = lines.length > LINES_SHOWN ? ` and ${lines.length - LINES_SHOWN} more` : '';
    const where = lines.length === 1 ? `line ${shown}` : `lines ${shown}${more}`;
    return {
      line: lines[0]!,
      message: `removed ${count} × ${describeCodePoint(codePoint)} (invisible; ${where})`,
    };
  });
}
