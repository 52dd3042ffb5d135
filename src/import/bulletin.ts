/**
 * The importer's pipeline, from bulletin text to validated articles. Pure: no file access.
 *
 *   text ──splitReports──▶ reports ──takeCredit──▶ joinParagraphs ──findDate / detectProvince
 *        ──▶ frontmatter (+ proposeTopics) ──serializeArticle──▶ Markdown ──articleProblems──▶
 * validated article
 *
 * Where the files go (sequence numbers, existing files, --force) is decided by plan.ts.
 */
import {
  articlePath,
  articleSchema,
  formatSchemaIssues,
  type ArticleData,
} from '../schemas/article.ts';
import { proposeTopics } from '../utils/topics.ts';
import { takeCredit } from './credit.ts';
import { findDate } from './date.ts';
import { serializeArticle } from './markdown.ts';
import { joinParagraphs } from './paragraphs.ts';
import type { Problem } from './problems.ts';
import { detectProvince } from './province.ts';
import { splitReports } from './split.ts';
import { articleProblems } from './validate.ts';

export interface ImportOptions {
  /** Year for dates written without one (`--year`). */
  year?: number;
  /** Source for reports without a (据…) credit (`--source`); a written credit wins. */
  source?: string;
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
  const { reports, problems } = splitReports(text);
  const warnings: Problem[] = [];
  const articles: ImportedArticle[] = [];

  for (const report of reports) {
    if (!report.title) continue; // already reported by splitReports
    const problem = (line: number, message: string) =>
      problems.push({ line, report: report.title, message });

    const credit = takeCredit(report.fragments);
    const { paragraphs, unterminated } = joinParagraphs(credit.fragments);
    if (paragraphs.length === 0) {
      problem(report.line, 'empty report: there is no text under the heading');
      continue;
    }
    if (unterminated) {
      const ending = unterminated.text.slice(-10);
      warnings.push({
        line: unterminated.line,
        report: report.title,
        message: `the last paragraph does not end a sentence ("…${ending}"); kept as it is`,
      });
    }
    const source = credit.credit ?? options.source;
    if (source === undefined) {
      problem(
        paragraphs.at(-1)!.line,
        'no credit: the report must end with (据…) or （据…）, or pass --source',
      );
    }
    const date = findDate(paragraphs, options.year, report.line);
    if (!date.ok) problem(date.line, date.message);
    else if (
      date.yearFromText &&
      options.year !== undefined &&
      Number(date.date.slice(0, 4)) !== options.year
    ) {
      warnings.push({
        line: date.line,
        report: report.title,
        message: `the text writes the year ${date.date.slice(0, 4)}, which wins over --year ${options.year}`,
      });
    }
    const place = detectProvince({
      title: report.title,
      ...(credit.credit ? { credit: credit.credit } : {}),
      paragraphs,
    });
    if (!place.ok) problem(report.line, place.message);
    if (!date.ok || !place.ok || source === undefined) continue; // each already reported above

    const texts = paragraphs.map((p) => p.text);
    const candidate = {
      title: report.title,
      date: date.date,
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
      continue;
    }
    const markdown = serializeArticle(parsed.data, texts);
    const checks = articleProblems(
      markdown,
      articlePath(parsed.data.date, parsed.data.province),
      parsed.data,
    );
    if (checks.length) {
      for (const issue of checks) problem(report.line, issue);
      continue;
    }
    articles.push({ line: report.line, data: parsed.data, paragraphs: texts, markdown });
  }

  return { articles, problems, warnings, reportCount: reports.length };
}
