/**
 * Content loader for articles: Astro's glob loader plus the checks Astro does not make.
 * Every error names the file and the field or cause, and fails the build.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { glob } from 'astro/loaders';
import { articlePathProblems, articleSchema, formatSchemaIssues } from '../schemas/article.ts';
import { addressConflicts } from './article-addresses.ts';
import { ArticleError } from './article-error.ts';
import { articleEntries, articleId, assertUniqueIds, type DisplayPath } from './article-files.ts';
import { articleTextProblem } from './article-text.ts';

export { ArticleError };

/**
 * Checks the folder and every file's bytes before the glob loader reads them: it would follow
 * links, decode any bytes as UTF-8 and expand YAML aliases without limit.
 */
function checkFiles(baseDir: string, display: DisplayPath): void {
  const entries = articleEntries(baseDir, display);
  assertUniqueIds(entries, display);
  for (const entry of entries) {
    const problem = articleTextProblem(readFileSync(resolve(baseDir, entry)));
    if (problem) throw new ArticleError(`Unreadable article ${display(entry)}: ${problem}`);
  }
}

/** Checks the addresses of all loaded articles, cached ones included. */
function checkAddresses(
  store: LoaderContext['store'],
  root: string,
  entryOf: (path: string) => string,
) {
  const claims = store.values().map((entry) => ({
    file: entryOf(resolve(root, entry.filePath ?? '')),
    id: entry.id,
    formerIds: (entry.data.formerIds as string[] | undefined) ?? [],
  }));
  const conflicts = addressConflicts(claims.sort((a, b) => a.file.localeCompare(b.file)));
  if (conflicts.length)
    throw new ArticleError(`Conflicting article addresses:\n  ${conflicts.join('\n  ')}`);
}

/**
 * Loads `<yyyy>/<yyyy-mm-dd>-<slug>.md` files below `dir` (relative to the project root, or
 * absolute), with the file stem as ID. Fails on a symbolic link, a file that is not UTF-8,
 * YAML aliases, invalid frontmatter, a path that disagrees with the frontmatter, and two files
 * with the same ID or address.
 */
export function articleLoader(dir: string): Loader {
  const display = (entry: string) => `${dir.replace(/\/$/, '')}/${entry}`;
  const inner = glob({
    pattern: '**/*.md',
    base: dir,
    generateId: ({ entry }) => articleId(entry),
    // Bodies are read from the files when needed (src/utils/article-body.ts), not kept in memory.
    retainBody: false,
  });

  return {
    name: 'article-loader',
    async load(context) {
      const baseDir = fileURLToPath(new URL(dir.replace(/\/?$/, '/'), context.config.root));
      const entryOf = (path: string) => relative(baseDir, path).replaceAll('\\', '/');
      checkFiles(baseDir, display);
      await inner.load({
        ...context,
        async parseData(props) {
          const entry = entryOf(props.filePath ?? '');
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
      const root = fileURLToPath(context.config.root);
      checkAddresses(context.store, root, (path) => display(entryOf(path)));
    },
  };
}
