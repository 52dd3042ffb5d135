/**
 * The importer's pipeline, from bulletin text to validated articles. Pure: no file access.
 *
 *   text ──removeInvisible──▶ splitReports ──▶ reports ──takeCredit──▶ joinParagraphs
 *        ──findDate / detectProvince──▶ frontmatter (+ proposeTopics) ──serializeArticle──▶
 * Markdown ──articleProblems──▶ validated article
 *
 * Where the files go (sequence numbers, existing files, --force) is decided by plan.ts.
 */
import { findProvince } from '../data/provinces.ts';
import {
  articlePath,
  articleSchema,
  formatSchemaIssues,
  type ArticleData,
} from '../schemas/article.ts';
import { proposeTopics } from '../utils/topics.ts';
import { endsWithCredit, takeCredit } from './credit.ts';
import { findDate } from './date.ts';
import { removalWarnings, removeInvisible } from './invisible.ts';
import { serializeArticle } from './markdown.ts';
import { joinParagraphs, type Paragraph } from './paragraphs.ts';
import type { Problem } from './problems.ts';
import { chooseProvince, detectProvince, type ProvinceResult } from './province.ts';
import { splitReports, type RawReport } from './split.ts';
import { articleProblems } from './validate.ts';

export interface ImportOptions {
  /** Year for dates written without one (`--year`). */
  year?: number;
  /** Source for reports without a (据…) credit (`--source`); a written credit wins. */
  source?: string;
  /** The editor's choice of division, by the line of a report's heading (`--province LINE=SLUG`). */
  provinces?: ReadonlyMap<number, string>;
}

/** One report turned into an article that passed the site's checks. */
export interface ImportedArticle {
  /** Line of the report's heading in the bulletin. */
  line: number;
  data: ArticleData;
  /** Paragraph texts, unescaped, as the reader will see them. */
  paragraphs: string[];
  /** The complete file content. */
  markdown: string;
}

export interface BulletinResult {
  articles: ImportedArticle[];
  /** Any problem means nothing may be written. */
  problems: Problem[];
  /** Worth telling the editor, but not wrong. */
  warnings: Problem[];
  /** Number of headings found. */
  reportCount: number;
}

/** Turns a normalised bulletin (see text.ts) into articles, or lists every problem. */
export function importBulletin(text: string, options: ImportOptions = {}): BulletinResult {
  const clean = removeInvisible(text);
  const { reports, problems } = splitReports(clean.text);
  problems.push(...clean.problems);
  const warnings: Problem[] = removalWarnings(clean.removed);
  const articles: ImportedArticle[] = [];
  for (const report of reports) {
    if (!report.title) continue; // already reported by splitReports
    const article = importReport(report, options, problems, warnings);
    if (article) articles.push(article);
  }
  const headings = new Set(reports.map((r) => r.line));
  for (const [line, slug] of options.provinces ?? [])
    if (!headings.has(line))
      problems.push({
        line,
        message: `--province ${line}=${slug}: line ${line} is not a report's heading`,
      });
  problems.sort((a, b) => a.line - b.line);
  return { articles, problems, warnings, reportCount: reports.length };
}

/** One report → its article, or undefined after adding its problems. */
function importReport(
  report: RawReport,
  options: ImportOptions,
  problems: Problem[],
  warnings: Problem[],
): ImportedArticle | undefined {
  const note = (list: Problem[]) => (line: number, message: string) =>
    list.push({ line, report: report.title, message });
  const problem = note(problems);
  const credit = takeCredit(report.fragments);
  const midCredits = credit.fragments.filter((fragment) => endsWithCredit(fragment.text));
  for (const fragment of midCredits)
    problem(
      fragment.line,
      'a (据…) credit ends this line but the report goes on after it: a credit ends a report, so the next heading is probably missing or not recognised',
    );
  const { paragraphs, unterminated } = joinParagraphs(credit.fragments);
  if (paragraphs.length === 0) {
    problem(report.line, 'empty report: there is no text under the heading');
    return undefined;
  }
  if (unterminated)
    note(warnings)(
      unterminated.line,
      `the last paragraph does not end a sentence ("…${unterminated.text.slice(-10)}"); kept as it is`,
    );
  const source = credit.credit ?? options.source;
  if (source === undefined)
    problem(
      paragraphs.at(-1)!.line,
      'no credit: the report must end with (据…) or （据…）, or pass --source',
    );
  const date = findDate(paragraphs, options.year, report.line);
  if (!date.ok) problem(date.line, date.message);
  else if (
    date.yearFromText &&
    options.year !== undefined &&
    !date.date.startsWith(`${options.year}-`)
  )
    note(warnings)(
      date.line,
      `the text writes the year ${date.date.slice(0, 4)}, which wins over --year ${options.year}`,
    );
  const place = placeOf(report, credit.credit, paragraphs, options, credit.line);
  if (!place.ok) problem(report.line, place.message);
  if (!date.ok || !place.ok || source === undefined || midCredits.length) return undefined; // each reported above
  return buildArticle(report, { date: date.date, place, source, paragraphs }, problem);
}

/** The report's division: the editor's choice when there is one, else what the text says. */
function placeOf(
  report: RawReport,
  credit: string | undefined,
  paragraphs: readonly Paragraph[],
  options: ImportOptions,
  creditLine: number | undefined,
): ProvinceResult {
  const text = { title: report.title, ...(credit ? { credit } : {}), paragraphs };
  const chosen = options.provinces?.get(report.line);
  if (chosen !== undefined) {
    const province = findProvince(chosen);
    if (!province)
      return {
        ok: false,
        message: `--province: "${chosen}" is not a province slug`,
        candidates: [],
      };
    return chooseProvince(text, province);
  }
  const place = detectProvince(text);
  if (place.ok || !place.candidates.length) return place;
  const where = creditLine === undefined ? '' : ` (credit at line ${creditLine})`;
  const choices = [...new Set(place.candidates.map((p) => p.slug))]
    .map((slug) => `--province ${report.line}=${slug}`)
    .join(' or ');
  return {
    ...place,
    message: `${place.message}${where}: correct the bulletin, or if the text is right choose with ${choices}`,
  };
}

interface Decided {
  date: string;
  place: Extract<ProvinceResult, { ok: true }>;
  source: string;
  paragraphs: readonly Paragraph[];
}

/** The article's frontmatter and file, checked with the site's own schema and parser. */
function buildArticle(
  report: RawReport,
  { date, place, source, paragraphs }: Decided,
  problem: (line: number, message: string) => void,
): ImportedArticle | undefined {
  const texts = paragraphs.map((p) => p.text);
  const candidate = {
    title: report.title,
    date,
    province: place.province.slug,
    department: place.department,
    source,
    // The vocabulary's proposal (src/utils/topics.ts), the same one scripts/propose-topics.ts
    // makes.
    topics: proposeTopics(report.title, texts),
  };
  const parsed = articleSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of formatSchemaIssues(parsed.error)) problem(report.line, issue);
    return undefined;
  }
  const markdown = serializeArticle(parsed.data, texts);
  const path = articlePath(parsed.data.date, parsed.data.province);
  const checks = articleProblems(markdown, path, parsed.data);
  for (const issue of checks) problem(report.line, issue);
  if (checks.length) return undefined;
  return { line: report.line, data: parsed.data, paragraphs: texts, markdown };
}
