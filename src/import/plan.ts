/**
 * Step 9: where each article goes. Pure: the caller passes the existing files.
 *
 * A report is identified by its province, its day and its title. For each article, in
 * bulletin order, looking at the files already there for that province and day
 * (`2024-03-14-zhejiang.md`, `-2.md`, `-3.md` …):
 *   1. a file with exactly the same content      → "unchanged", nothing written;
 *      also when only its `topics` line differs: topics are the editors' to curate, and
 *      their choice is kept (even with --force);
 *   2. a file with the same title, other content → the same report, edited since: an error,
 *      unless --force, which overwrites that file;
 *   3. otherwise it is another report of that day → a new file, numbered one past the
 *      highest number taken (by files or by earlier reports of this bulletin): the first
 *      report of a day has no suffix, the next gets -2, then -3. Numbers of deleted files
 *      are not reused, so an old URL never points to a different report.
 * Two reports with the same province, day and title in one bulletin are an error.
 * --force never replaces a report with a different title: nothing already archived is lost.
 */
import { articlePath, articlePathProblems, parseArticlePath } from '../schemas/article.ts';
import { withoutTopics } from '../utils/topics-line.ts';
import type { ImportedArticle } from './bulletin.ts';
import type { Problem } from './problems.ts';
import { titleOf } from './validate.ts';

/** A file already in the articles folder. */
export interface ExistingFile {
  /** Relative to the articles folder, e.g. 2024/2024-03-14-zhejiang.md. */
  path: string;
  content: string;
}

export type Action = 'write' | 'overwrite' | 'unchanged';

export interface PlannedFile {
  article: ImportedArticle;
  /** Relative to the articles folder. */
  path: string;
  action: Action;
  /** For an overwrite: the content it replaces. */
  replaces?: string;
}

export interface Plan {
  files: PlannedFile[];
  problems: Problem[];
}

/** Decides a path and an action for every article (rules in the module comment). */
export function planFiles(
  articles: readonly ImportedArticle[],
  existing: readonly ExistingFile[],
  options: { force?: boolean } = {},
): Plan {
  const files: PlannedFile[] = [];
  const problems: Problem[] = [];
  const known = existing.flatMap((file) => {
    const info = parseArticlePath(file.path);
    return info ? [{ ...file, info, title: titleOf(file.content) }] : [];
  });
  /** Sequence numbers taken per `date|province`, by existing files and by this run. */
  const taken = new Map<string, Set<number>>();
  for (const file of known)
    takenFor(taken, file.info.date, file.info.province).add(file.info.sequence);
  const claimed = new Set<string>();
  const seenTitles = new Map<string, ImportedArticle>();

  for (const article of articles) {
    const { date, province, title } = article.data;
    const problem = (message: string) =>
      problems.push({ line: article.line, report: title, message });

    const identity = `${date}|${province}|${title}`;
    const twin = seenTitles.get(identity);
    if (twin) {
      problem(
        `a second report with the same title, province and day as the report at line ${twin.line}`,
      );
      continue;
    }
    seenTitles.set(identity, article);

    const sameDay = known.filter(
      (f) => f.info.date === date && f.info.province === province && !claimed.has(f.path),
    );
    const match = matchExisting(article, sameDay, options.force === true);
    if (match) {
      claimed.add(match.path);
      if (typeof match.planned === 'string') problem(match.planned);
      else files.push(match.planned);
      continue;
    }
    const numbers = takenFor(taken, date, province);
    const sequence = numbers.size ? Math.max(...numbers) + 1 : 1;
    numbers.add(sequence);
    const path = articlePath(date, province, sequence);
    const misplaced = articlePathProblems(path, article.data);
    if (misplaced.length) misplaced.forEach(problem);
    else files.push({ article, path, action: 'write' });
  }
  return { files, problems };
}

/**
 * The existing file of that province and day that holds this report (rules 1 and 2 of the
 * module comment): its plan, or the problem; undefined when none does.
 */
function matchExisting(
  article: ImportedArticle,
  sameDay: readonly (ExistingFile & { title: string | undefined })[],
  force: boolean,
): { path: string; planned: PlannedFile | string } | undefined {
  const identical = sameDay.find(
    (f) => withoutTopics(f.content) === withoutTopics(article.markdown),
  );
  if (identical)
    return {
      path: identical.path,
      planned: { article, path: identical.path, action: 'unchanged' },
    };
  const sameReport = sameDay.find((f) => f.title === article.data.title);
  if (!sameReport) return undefined;
  const { path, content } = sameReport;
  return {
    path,
    planned: force
      ? { article, path, action: 'overwrite', replaces: content }
      : `${path} already holds this report (same title) with different content; pass --force to overwrite it`,
  };
}

function takenFor(taken: Map<string, Set<number>>, date: string, province: string): Set<number> {
  const key = `${date}|${province}`;
  let numbers = taken.get(key);
  if (!numbers) taken.set(key, (numbers = new Set()));
  return numbers;
}
