/**
 * An article's Markdown body, read from its file as the glob loader reads it. The content store
 * keeps no bodies (`retainBody: false` in src/loaders/article-loader.ts): they were a third of
 * `astro build`'s memory, which grows with the archive (docs/scaling.md).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import type { Article } from './articles.ts';

/** The project root, which the store's file paths are relative to (astro.config.mjs defines it). */
const projectRoot = () => import.meta.env.PROJECT_ROOT;

/** The article's Markdown body, without frontmatter, trimmed; an article made in code brings its own. */
export function articleBody(article: Pick<Article, 'id' | 'body' | 'filePath'>): string {
  if (article.body !== undefined) return article.body;
  if (!article.filePath || !projectRoot())
    throw new Error(`article ${article.id}: no body and no file to read it from`);
  const file = resolve(projectRoot()!, article.filePath);
  return parseFrontmatter(readFileSync(file, 'utf8'), {
    frontmatter: 'empty-with-spaces',
  }).content.trim();
}
