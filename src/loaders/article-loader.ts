/**
 * Content loader for articles: Astro's glob loader plus the checks Astro does not make.
 * Every error names the file and the field, and fails the build.
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { glob } from 'astro/loaders';
import { articlePathProblems, articleSchema, formatSchemaIssues, parseArticlePath } from '../schemas/article.ts';

/** Thrown for an article that cannot be published; the message names file and field. */
export class ArticleError extends Error {
  override name = 'ArticleError';
}

/**
 * Loads `<yyyy>/<yyyy-mm-dd>-<slug>.md` files below `dir` (relative to the project root),
 * with the file stem as ID. Fails on invalid frontmatter, a path that disagrees with
 * the frontmatter, and two files with the same ID (Astro would silently keep one).
 */
export function articleLoader(dir: string): Loader {
  const filesById = new Map<string, string>();
  const display = (entry: string) => `${dir.replace(/\/$/, '')}/${entry}`;

  const inner = glob({
    pattern: '**/*.md',
    base: dir,
    generateId({ entry }) {
      const id = parseArticlePath(entry)?.id ?? entry.replace(/\.md$/, '').split('/').pop()!;
      const other = filesById.get(id);
      if (other && other !== entry) {
        throw new ArticleError(`Duplicate article ID "${id}": ${display(other)} and ${display(entry)} (file names must be unique across years)`);
      }
      filesById.set(id, entry);
      return id;
    },
  });

  return {
    name: 'article-loader',
    async load(context) {
      const baseDir = fileURLToPath(new URL(dir.replace(/\/?$/, '/'), context.config.root));
      await inner.load({
        ...context,
        async parseData(props) {
          const entry = relative(baseDir, props.filePath ?? '').replaceAll('\\', '/');
          const file = display(entry);
          const result = articleSchema.safeParse(props.data);
          if (!result.success) {
            throw new ArticleError(`Invalid article ${file}:\n  ${formatSchemaIssues(result.error).join('\n  ')}`);
          }
          const pathProblems = articlePathProblems(entry, result.data);
          if (pathProblems.length) throw new ArticleError(`Misplaced article ${file}:\n  ${pathProblems.join('\n  ')}`);
          return context.parseData(props);
        },
      });
    },
  };
}
