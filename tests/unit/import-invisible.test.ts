/**
 * Invisible characters (issue 14, item 5) are removed on import and reported with their code
 * point, count and lines; nothing else in the text changes.
 */
import { describe, expect, it } from 'vitest';
import { importBulletin } from '../../src/import/bulletin.ts';
import { describeCodePoint, removeInvisible } from '../../src/import/invisible.ts';
import { lineOf, runImportHere } from '../helpers/importer.ts';

/** The class: zero-width and bidi controls, U+2060–U+2064, U+FEFF, C0 controls but tab and LF. */
const INVISIBLE = [
  ...Array.from({ length: 5 }, (_, i) => 0x200b + i),
  ...Array.from({ length: 5 }, (_, i) => 0x202a + i),
  ...Array.from({ length: 5 }, (_, i) => 0x2060 + i),
  0xfeff,
  ...Array.from({ length: 32 }, (_, i) => i).filter((c) => c !== 0x09 && c !== 0x0a),
].map((c) => String.fromCodePoint(c));

const CLEAN = `# 浙江省民政厅召开会议\n\n3月14日,浙江省民政厅召开会议。\n\n(据浙江省民政厅)\n`;

/** CLEAN with `char` inside the heading, the date, the province name and the credit. */
const sprinkled = (char: string) =>
  CLEAN.replace('# 浙江', `#${char} 浙${char}江`)
    .replace('3月14日', `3${char}月1${char}4日`)
    .replace('(据浙江', `(据浙江${char}`);

describe('invisible characters', () => {
  const expected = importBulletin(CLEAN, { year: 2024 }).articles;

  it.for(INVISIBLE.map((char) => [describeCodePoint(char.codePointAt(0)!), char] as const))(
    '%s is removed wherever it stands, and reported with its lines',
    ([name, char], { expect }) => {
      const text = sprinkled(char);
      const result = importBulletin(text, { year: 2024 });
      expect(result.problems).toEqual([]);
      expect(result.articles).toEqual(expected);
      expect(result.warnings).toEqual([
        {
          line: 1,
          message: `removed ${text.split(char).length - 1} × ${name} (invisible; lines 1, ${lineOf(text, '3')}, ${lineOf(text, '(据')})`,
        },
      ]);
    },
  );

  it('keeps tabs, line feeds and every visible character', () => {
    const text = '甲\t乙\n\u3000丙 丁\u00a0戊\n';
    expect(removeInvisible(text)).toEqual({ text, removed: [], problems: [] });
  });

  it('counts per code point, lists each line once, and shortens long lists', () => {
    const text = Array.from({ length: 15 }, (_, i) => `第${i + 1}行。\u200b\u200b`).join('\n');
    const { removed } = removeInvisible(`${text}\n\u202e末行。`);
    expect(removed).toEqual([
      { codePoint: 0x200b, count: 30, lines: Array.from({ length: 15 }, (_, i) => i + 1) },
      { codePoint: 0x202e, count: 1, lines: [16] },
    ]);
    const result = importBulletin(`# 标题\n${text}\n\u202e末行。`);
    expect(result.warnings.map((w) => w.message)).toEqual([
      'removed 30 × U+200B ZERO WIDTH SPACE (invisible; lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 5 more)',
      'removed 1 × U+202E RIGHT-TO-LEFT OVERRIDE (invisible; line 17)',
    ]);
  });

  it('the command prints the warning with file and line, and writes the clean title', async () => {
    const text = sprinkled('\u200b');
    const result = await runImportHere(['-', '--year', '2024', '--dry-run'], text);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `warning: stdin:1: removed ${text.split('\u200b').length - 1} × U+200B ZERO WIDTH SPACE (invisible; lines 1, ${lineOf(text, '3')}, ${lineOf(text, '(据')})\n`,
    );
    expect(result.stdout).toContain('title: "浙江省民政厅召开会议"\n');
    expect(result.stdout).not.toContain('\u200b');
  });
});
