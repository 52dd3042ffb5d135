/** Reads the archive's articles and the source bulletins the way the tests need them. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { articleSchema, parseArticlePath, type ArticleData } from '../../src/schemas/article.ts';
import { ARTICLES, BULLETIN } from './paths.ts';

export interface ArticleFile {
  id: string;
  data: ArticleData;
  body: string;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? markdownFiles(join(dir, entry.name))
      : entry.name.endsWith('.md')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** Every article below `dir`, parsed with the site's schema, newest first (the site's order). */
export function readArticles(dir = ARTICLES): ArticleFile[] {
  return markdownFiles(dir)
    .map((file) => {
      const { frontmatter, content } = parseFrontmatter(readFileSync(file, 'utf8'));
      return {
        id: parseArticlePath(relative(dir, file))!.id,
        data: articleSchema.parse(frontmatter),
        body: content,
      };
    })
    .sort((a, b) => b.data.date.localeCompare(a.data.date) || b.id.localeCompare(a.id));
}

export interface BulletinReport {
  title: string;
  /** Body text without the (据…) credit. */
  text: string;
  credit: string;
}

/**
 * Splits a bulletin into reports with plain regular expressions: an oracle for fidelity
 * tests that shares no code with the site or the importer.
 */
export function readBulletin(file = BULLETIN): BulletinReport[] {
  const source = readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n');
  const parts = source.split(/^#{1,3}[ \t]*(.+?)[ \t]*$/m).slice(1);
  const reports: BulletinReport[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const body = parts[i + 1]!.trim();
    const credit = /[(（]据([^()（）]+)[)）]\s*$/.exec(body);
    if (!credit) throw new Error(`no credit in report "${parts[i]}"`);
    reports.push({
      title: parts[i]!.trim(),
      text: body.slice(0, credit.index),
      credit: credit[1]!,
    });
  }
  return reports;
}

/** Text with all whitespace (including U+3000) removed, for whitespace-blind comparison. */
export const squash = (text: string) => text.replace(/[\s\u3000]+/g, '');
