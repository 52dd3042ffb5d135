/**
 * Which files below the articles folder are articles, and the rules for the folder itself: no
 * symbolic links, one file per ID.
 */
import { existsSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { parseArticlePath } from '../schemas/article.ts';
import { ArticleError } from './article-error.ts';

/** Shows a path relative to the articles folder as the editor knows it (with the folder's name). */
export type DisplayPath = (entry: string) => string;

/** The article ID of a path relative to the articles folder: its file stem. */
export const articleId = (entry: string) =>
  parseArticlePath(entry)?.id ?? entry.replace(/\.md$/, '').split('/').pop()!;

/**
 * Where a symbolic link points, for the message that refuses it. Links are refused whether
 * they stay inside the folder or not: a link inside publishes one report twice, under an ID
 * and a path the file itself does not have, and can leave the archive when the files move.
 */
function symlinkProblem(baseDir: string, entry: string): string {
  const target = readlinkSync(join(baseDir, entry));
  let resolved: string;
  try {
    resolved = realpathSync(join(baseDir, entry));
  } catch {
    return `is a symbolic link to ${target}, which does not exist`;
  }
  const inside = relative(realpathSync(baseDir), resolved);
  const where =
    inside.startsWith('..') || isAbsolute(inside)
      ? 'outside the articles folder'
      : 'inside the articles folder';
  return `is a symbolic link to ${target}, ${where}: the build follows no links; put the file itself here (an old address is kept with formerIds)`;
}

/**
 * The Markdown files below `baseDir` that the glob loader reads (hidden files and folders are
 * skipped as it skips them), as sorted paths relative to `baseDir`. Throws on a symbolic link.
 */
export function articleEntries(baseDir: string, display: DisplayPath): string[] {
  if (!existsSync(baseDir))
    throw new ArticleError(
      `The articles folder ${baseDir} does not exist (set ARTICLES_DIR or create it)`,
    );
  const entries: string[] = [];
  const walk = (folder: string) => {
    for (const dirent of readdirSync(join(baseDir, folder), { withFileTypes: true })) {
      if (dirent.name.startsWith('.')) continue;
      const entry = folder ? `${folder}/${dirent.name}` : dirent.name;
      if (dirent.isSymbolicLink())
        throw new ArticleError(`${display(entry)} ${symlinkProblem(baseDir, entry)}`);
      if (dirent.isDirectory()) walk(entry);
      else if (dirent.name.endsWith('.md')) entries.push(entry);
    }
  };
  walk('');
  return entries.sort();
}

/** Throws when two files would get the same ID (Astro itself would silently keep only one). */
export function assertUniqueIds(entries: readonly string[], display: DisplayPath): void {
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

/** The IDs of the articles in `baseDir`, from their file names, without reading the files. */
export function articleIdsIn(baseDir: string): Set<string> {
  return new Set(articleEntries(baseDir, (entry) => entry).map(articleId));
}
