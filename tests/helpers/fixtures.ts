/** Small generated archives in temporary folders, for build tests. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { articlePath, type ArticleInput } from '../../src/schemas/article.ts';

/** Frontmatter as the importer writes it: JSON-quoted strings. */
export function articleSource(
  data: Record<string, unknown>,
  body = '会议指出，要做好民政工作。',
): string {
  const lines = Object.entries(data).map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
  return `---\n${lines.join('\n')}\n---\n\n${body}\n`;
}

/** A valid article's frontmatter for a province and date. */
export function articleData(
  province: string,
  date: string,
  title = `${province} ${date} 会议`,
): ArticleInput {
  return { title, date, province, department: '某省民政厅', source: '某省民政厅', topics: [] };
}

/** Writes files (relative path → content) into a new temporary articles folder and returns it. */
export function writeArchive(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'articles-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** A valid article file entry placed where the schema wants it. */
export function validArticle(province: string, date: string, sequence = 1): [string, string] {
  return [
    articlePath(date, province, sequence),
    articleSource(articleData(province, date, `${province} ${date} 第${sequence}次会议`)),
  ];
}
