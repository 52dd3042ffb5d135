/**
 * Step 8: validation, with the site's own rules, before anything is written.
 * The frontmatter is read back with the same parser the site's loader uses and checked
 * with the site's Zod schema; the path is checked against the frontmatter.
 */
import { isDeepStrictEqual } from 'node:util';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import {
  articlePathProblems,
  articleSchema,
  formatSchemaIssues,
  type ArticleData,
} from '../schemas/article.ts';

/** Problems with a serialised article at `relativePath`; [] when the site will accept it as `data`. */
export function articleProblems(
  markdown: string,
  relativePath: string,
  data: ArticleData,
): string[] {
  let frontmatter: unknown;
  try {
    frontmatter = parseFrontmatter(markdown).frontmatter;
  } catch (error) {
    return [`the written frontmatter does not parse: ${(error as Error).message}`];
  }
  const result = articleSchema.safeParse(frontmatter);
  if (!result.success) return formatSchemaIssues(result.error);
  if (!isDeepStrictEqual(result.data, data))
    return ['the written frontmatter reads back differently from what was meant'];
  return articlePathProblems(relativePath, result.data);
}

/** The title of an existing article file, or undefined when it cannot be read as an article. */
export function titleOf(markdown: string): string | undefined {
  try {
    const { frontmatter } = parseFrontmatter(markdown);
    return typeof frontmatter.title === 'string' ? frontmatter.title : undefined;
  } catch {
    return undefined;
  }
}
