/**
 * The importer's property (issue 14): a random bulletin, with random heading forms, credits,
 * dates, page breaks and invisible characters, either imports as exactly its reports, or, when
 * it holds a defect, fails naming the defect's line and writes nothing. Never a crash, never
 * fewer articles than reports with exit 0.
 *
 * Bulletins are built from a model, so the expected articles come from the model, not from the
 * importer. The seed is fixed so that every run checks the same cases; set IMPORT_PROPERTY_SEED
 * (and IMPORT_PROPERTY_RUNS) to explore others.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { PROVINCES, type Province } from '../../src/data/provinces.ts';
import { readTree, runImportHere, tempDir } from '../helpers/importer.ts';

vi.setConfig({ testTimeout: 600_000 });

/** Characters that spell no division's name, no date, no Markdown and no sentence end. */
const ALPHABET = [
  ...'民政工作会议要求加强养老服务和社会救助推进基层治理保障儿童福利慈善事业发展规划落实部署研究讨论',
];
const MEETINGS = ['会议', '党组会议', '专题会', '工作推进会', '座谈会'];
/** Divisions with a department; the Corps and Xinjiang share 新疆, so only one of them is used. */
const DIVISIONS = PROVINCES.filter((p) => p.department && p.slug !== 'xinjiang');
/** Spaces editors' tools put after a heading's hashes. */
const SPACES = [' ', '\t', '\u00a0', '\u3000', '\u2009', '\u202f', '  '];
/** Invisible characters the importer removes (not CR: it is a line end). */
const INVISIBLE = [
  ...'\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\ufeff',
  ...'\u0001\u0007\u000b\u000c\u001b\u001f',
];
const SENTENCE_MARKS = '。！？…；';

interface ReportModel {
  province: Province;
  hashes: string;
  space: string;
  closing: boolean;
  month: number;
  day: number;
  /** Written before the date, else the date takes --year 2024. */
  year: number | undefined;
  /** Paragraph texts, the first holding the date. */
  paragraphs: string[];
  fullWidthCredit: boolean;
  /** The credit ends the last paragraph's line instead of standing alone. */
  creditInline: boolean;
}

const sentence = fc
  .array(fc.constantFrom(...ALPHABET), { minLength: 4, maxLength: 30 })
  .chain((chars) => fc.constantFrom(...SENTENCE_MARKS).map((mark) => chars.join('') + mark));

const report: fc.Arbitrary<ReportModel> = fc.record({
  province: fc.constantFrom(...DIVISIONS),
  hashes: fc
    .array(fc.constantFrom('#', '＃'), { minLength: 1, maxLength: 6 })
    .map((h) => h.join('')),
  space: fc.constantFrom(...SPACES),
  closing: fc.boolean(),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
  year: fc.option(fc.integer({ min: 1950, max: 2099 }), { nil: undefined }),
  paragraphs: fc
    .array(fc.array(sentence, { minLength: 1, maxLength: 3 }), {
      minLength: 1,
      maxLength: 4,
    })
    .map((ps) => ps.map((p) => p.join(''))),
  fullWidthCredit: fc.boolean(),
  creditInline: fc.boolean(),
});

type Defect =
  | { kind: 'none' }
  | {
      kind:
        | 'seven hashes'
        | 'no space'
        | 'mid credit'
        | 'conflict'
        | 'out of range'
        | 'separator'
        | 'inline heading';
      report: number;
    };

const DEFECTS = [
  'seven hashes',
  'no space',
  'mid credit',
  'conflict',
  'out of range',
  'separator',
  'inline heading',
] as const;

interface BulletinModel {
  reports: ReportModel[];
  /** Where each paragraph is broken (fractions of its length) and how many blank lines follow. */
  breaks: number[][];
  blankLines: number[];
  defect: Defect;
  invisible: { at: number; char: string }[];
}

const bulletinModel: fc.Arbitrary<BulletinModel> = fc
  .array(report, { minLength: 1, maxLength: 5 })
  .chain((reports) =>
    fc.record({
      reports: fc.constant(reports),
      breaks: fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 3 }), {
        minLength: 40,
        maxLength: 40,
      }),
      blankLines: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 40, maxLength: 40 }),
      defect: fc.oneof(
        { weight: 2, arbitrary: fc.constant<Defect>({ kind: 'none' }) },
        {
          weight: 1,
          arbitrary: fc.record({
            kind: fc.constantFrom(...DEFECTS),
            report: fc.integer({ min: 0, max: reports.length - 1 }),
          }) as fc.Arbitrary<Defect>,
        },
      ),
      invisible: fc.array(
        fc.record({
          at: fc.double({ min: 0, max: 1, noNaN: true }),
          char: fc.constantFrom(...INVISIBLE),
        }),
        { maxLength: 8 },
      ),
    }),
  );

/** What the bulletin should import as, or the line the importer must name. */
interface Built {
  text: string;
  expected: { title: string; date: string; province: string; source: string; body: string }[];
  defectLine: number | undefined;
}

/** Writes the bulletin of a model, line by line, noting what each report must become. */
function build(model: BulletinModel): Built {
  const lines: string[] = [];
  const expected: Built['expected'] = [];
  let defectLine: number | undefined;
  let cut = 0;
  const blank = () => lines.push(...Array<string>(model.blankLines[cut % 40]!).fill(''));
  model.reports.forEach((r, index) => {
    const defect =
      model.defect.kind !== 'none' && model.defect.report === index ? model.defect.kind : undefined;
    const department = r.province.department!;
    const title = `${department}召开${MEETINGS[index % MEETINGS.length]}第${index + 1}次`;
    const hashes = defect === 'seven hashes' ? '#######' : r.hashes;
    const space = defect === 'no space' ? '' : r.space;
    lines.push(`${hashes}${space}${title}${r.closing ? ` ${r.hashes}` : ''}`);
    if (defect === 'seven hashes' || defect === 'no space' || defect === 'conflict')
      defectLine = lines.length;
    lines.push('');
    const year = defect === 'out of range' ? 2100 + index : r.year;
    const date = `${year ?? ''}${year ? '年' : ''}${r.month}月${r.day}日`;
    const paragraphs = [`${date},${department}召开会议。`, ...r.paragraphs];
    paragraphs.forEach((paragraph, p) => {
      if (p === 0 && defect === 'out of range') defectLine = lines.length + 1;
      for (const fragment of breakUp(paragraph, model.breaks[cut % 40]!)) {
        lines.push(fragment);
        blank();
      }
      cut++;
      lines.push('');
      if (p === 0 && defect === 'mid credit') {
        lines.push(`(据${department})`, '');
        defectLine = lines.length - 1;
      }
    });
    const creditDepartment =
      defect === 'conflict'
        ? DIVISIONS[(DIVISIONS.indexOf(r.province) + 1) % DIVISIONS.length]!.department!
        : department;
    const credit = r.fullWidthCredit ? `（据${creditDepartment}）` : `(据${creditDepartment})`;
    if (r.creditInline) lines[lastText(lines)] += credit;
    else lines.push(credit);
    if (defect === 'inline heading') {
      lines[lastText(lines)] += `# ${department}召开另一次会议`;
      defectLine = lastText(lines) + 1;
    }
    if (defect === 'separator') {
      const at = lastText(lines) - 1;
      const target = lines[at] ? at : lastText(lines);
      lines[target] = `${lines[target]}\u2028`;
      defectLine = target + 1;
    }
    lines.push('');
    expected.push({
      title,
      date: `${year ?? 2024}-${String(r.month).padStart(2, '0')}-${String(r.day).padStart(2, '0')}`,
      province: r.province.slug,
      source: department,
      body: paragraphs.join('\n\n'),
    });
  });
  return { text: sprinkle(lines.join('\n'), model.invisible), expected, defectLine };
}

/** Index of the last non-blank line. */
const lastText = (lines: readonly string[]) => lines.findLastIndex((line) => line !== '');

/** A paragraph cut at the given fractions of its length, never right after a sentence mark. */
function breakUp(paragraph: string, fractions: readonly number[]): string[] {
  const cuts = [...new Set(fractions.map((f) => Math.floor(f * (paragraph.length - 1)) + 1))]
    .filter((i) => i < paragraph.length && !SENTENCE_MARKS.includes(paragraph[i - 1]!))
    .sort((a, b) => a - b);
  return [0, ...cuts].map((start, i) => paragraph.slice(start, cuts[i] ?? paragraph.length));
}

/** Inserts invisible characters at the given fractions of the text (never inside a line end). */
function sprinkle(text: string, inserts: readonly { at: number; char: string }[]): string {
  let result = text;
  for (const { at, char } of inserts) {
    const i = Math.floor(at * result.length);
    result = result.slice(0, i) + char + result.slice(i);
  }
  return result;
}

/** The articles in `out`, as the reader gets them. */
function articlesIn(out: string) {
  return Object.entries(readTree(out)).map(([path, content]) => {
    const { frontmatter, content: body } = parseFrontmatter(content);
    return { path, frontmatter, body: body.replace(/^\n+/, '').replace(/\n$/, '') };
  });
}

describe('random bulletins', () => {
  it("import as exactly their reports, or fail at the defect's line writing nothing", async () => {
    const seen = { imported: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(bulletinModel, async (model) => {
        const { text, expected, defectLine } = build(model);
        const out = join(tempDir('property-'), 'articles');
        const run = await runImportHere(['-', '--out', out, '--year', '2024'], text);
        expect(run.stderr).not.toContain('internal error');
        if (defectLine === undefined) {
          expect(run.stderr.replace(/^warning: .*\n/gm, '')).toBe('');
          expect(run.code).toBe(0);
          const articles = articlesIn(out);
          expect(articles).toHaveLength(expected.length);
          for (const want of expected) {
            const got = articles.find((a) => a.frontmatter.title === want.title);
            expect(got, want.title).toBeDefined();
            expect(got!.frontmatter).toMatchObject({
              date: want.date,
              province: want.province,
              source: want.source,
            });
            expect(
              got!.path.startsWith(`${want.date.slice(0, 4)}/${want.date}-${want.province}`),
            ).toBe(true);
            expect(got!.body).toBe(want.body);
          }
          seen.imported++;
        } else {
          expect(run.code).toBe(1);
          expect(run.stderr).toMatch(new RegExp(`^  stdin:${defectLine}[ :]`, 'm'));
          expect(run.stderr).toContain('nothing was written');
          expect(existsSync(out)).toBe(false);
          seen.refused++;
        }
      }),
      {
        seed: Number(process.env.IMPORT_PROPERTY_SEED ?? 20_240_314),
        numRuns: Number(process.env.IMPORT_PROPERTY_RUNS ?? 300),
      },
    );
    // Both kinds of case were tried.
    expect(seen.imported).toBeGreaterThan(50);
    expect(seen.refused).toBeGreaterThan(50);
  });
});
