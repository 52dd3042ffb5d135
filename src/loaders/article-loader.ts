/**
 * Content loader for articles: Astro's glob loader plus the checks Astro does not make.
 * Every error names the file and the field, and fails the build.
 */
import { existsSync, readdirSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { glob } from 'astro/loaders';
import {
  articlePathProblems,
  articleSchema,
  formatSchemaIssues,
  parseArticlePath,
} from '../schemas/article.ts';

/** Thrown for an article that cannot be published; the message names file and field. */
export class ArticleError extends Error {
  override name = 'ArticleError';
}

/** The article ID of a path relative to the articles folder: its file stem. */
const articleId = (entry: string) =>
  parseArticlePath(entry)?.id ?? entry.replace(/\.md$/, '').split('/').pop()!;

/** Throws when two files would get the same ID (Astro itself would silently keep only one). */
function assertUniqueIds(baseDir: string, display: (entry: string) => string): void {
  if (!existsSync(baseDir))
    throw new ArticleError(
      `The articles folder ${baseDir} does not exist (set ARTICLES_DIR or create it)`,
    );
  const entries = (readdirSync(baseDir, { recursive: true }) as string[])
    .map((entry) => entry.replaceAll('\\', '/'))
    .filter((entry) => entry.endsWith('.md'))
    .sort();
  const seen = new Map<string, string>();
  for (const entry of entries) {
    const id = articleId(entry);
    const other = seen.get(id);
    if (other)
      throw new ArticleError(
        `Duplicate article ID "${id}": ${display(other)} and ${display(entry)} (file names must be unique across year folders)`,
      );
    seen.set(id, entry);
  }
}

/**
 * Loads `<yyyy>/<yyyy-mm-dd>-<slug>.md` files below `dir` (relative to the project root, or
 * absolute),
 * with the file stem as ID. Fails on invalid frontmatter, a path that disagrees with the
 * frontmatter, and two files with the same ID.
 */
export function articleLoader(dir: string): Loader {
  const display = (entry: string) => `${dir.replace(/\/$/, '')}/${entry}`;
  const inner = glob({
    pattern: '**/*.md',
    base: dir,
    generateId: ({ entry }) => articleId(entry),
  });

  return {
    name: 'article-loader',
    async load(context) {
      const baseDir = fileURLToPath(new URL(dir.replace(/\/?$/, '/'), context.config.root));
      assertUniqueIds(baseDir, display);
      await inner.load({
        ...context,
        async parseData(props) {
          const entry = relative(baseDir, props.filePath ?? '').replaceAll('\\', '/');
          const file = display(entry);
          const result = articleSchema.safeParse(props.data);
          if (!result.success) {
            throw new ArticleError(
              `Invalid article ${file}:\n  ${formatSchemaIssues(result.error).join('\n  ')}`,
            );
          }
          const pathProblems = articlePathProblems(entry, result.data);
          if (pathProblems.length)
            throw new ArticleError(`Misplaced article ${file}:\n  ${pathProblems.join('\n  ')}`);
          return context.parseData(props);
        },
      });
    },
  };
}
