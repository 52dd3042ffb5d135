/**
 * A larger archive for the tests of the search page's and the highlighter's slices: synthetic
 * reports (scripts/lib/synthetic-archive.ts) and two long ones made of the real articles'
 * paragraphs, repeated: one of many paragraphs, one of a single paragraph.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { articlePath } from '../../src/schemas/article.ts';
import { syntheticArticles } from './archive-build.ts';
import { readArticles } from './content.ts';
import { articleData, articleSource } from './fixtures.ts';

/** The long reports: before the synthetic ones (2015–2025), so their IDs are their own. */
export const LONG_REPORTS = {
  /** About 1 MB in paragraphs of the real articles. */
  paragraphs: { date: '2014-06-02', province: 'beijing', bytes: 1_000_000 },
  /** About 466 kB in one paragraph. */
  oneParagraph: { date: '2014-06-01', province: 'tianjin', bytes: 466_000 },
} as const;

/** A report whose 民 of every 民政 is in bold: places that span text nodes. */
export const INLINE_REPORT = { date: '2014-06-03', province: 'hebei' } as const;

/** The real articles' paragraphs, Markdown lines as the importer wrote them. */
const realParagraphs = () =>
  readArticles().flatMap((article) =>
    article.body
      .split(/\n{2,}/)
      .map((line) => line.trim())
      .filter(Boolean),
  );

/** The real articles' paragraphs, repeated to `bytes`. */
function repeatedParagraphs(bytes: number): string[] {
  const paragraphs = realParagraphs();
  const out: string[] = [];
  for (let size = 0; size < bytes; size += Buffer.byteLength(out.at(-1)!))
    out.push(paragraphs[out.length % paragraphs.length]!);
  return out;
}

/** Writes `count` synthetic reports, the LONG_REPORTS and the INLINE_REPORT into a new articles folder; returns it. */
export function writeLargeArchive(count: number): string {
  const dir = syntheticArticles(count);
  for (const [kind, { date, province, bytes }] of Object.entries(LONG_REPORTS)) {
    const paragraphs = repeatedParagraphs(bytes);
    const body = kind === 'oneParagraph' ? paragraphs.join('') : paragraphs.join('\n\n');
    const file = join(dir, articlePath(date, province));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, articleSource(articleData(province, date), body));
  }
  const { date, province } = INLINE_REPORT;
  const body = realParagraphs().map((line) => line.replaceAll('民政', '**民**政'));
  writeFileSync(
    join(dir, articlePath(date, province)),
    articleSource(articleData(province, date), body.join('\n\n')),
  );
  return dir;
}
