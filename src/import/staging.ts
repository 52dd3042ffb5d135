/**
 * All or nothing on disk, even when the import is killed at any moment:
 *   1. stage: every file to write goes into `.import-staging/` inside the articles folder
 *      (the same file system, so the renames below are atomic);
 *   2. commit point: the journal `.import-staging/journal.json`, written under another name and
 *      renamed, lists each staged file, its target and the target's checksum before and after;
 *   3. each staged file is renamed over its target: a reader sees the old file or the new one,
 *      never part of one;
 *   4. the journal is deleted, then the staging folder.
 * The next import into the folder (under the lock, see lock.ts) settles what a crash left:
 * staging without a journal is deleted (rolled back); with a journal, the renames not yet done
 * are done (completed), after checking that no target changed since.
 *
 * The site never reads staging as content: the folder's name starts with a dot (the content
 * glob `**\/*.md` skips dot-folders) and no file in it ends in `.md`.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArticlePath } from '../schemas/article.ts';
import { ArchiveError } from './fs-errors.ts';
import type { Steps } from './steps.ts';

export const STAGING_NAME = '.import-staging';
const JOURNAL = 'journal.json';
/** Staged files end so: never `.md`, whatever the loader's pattern. */
export const STAGED_SUFFIX = '.staged';

/** A file the import writes. */
export interface FileToWrite {
  /** Relative to the articles folder, e.g. 2024/2024-03-14-zhejiang.md. */
  path: string;
  content: string;
  /** The content it replaces; undefined for a new file. */
  replaces?: string;
}

interface JournalEntry {
  /** Relative to the staging folder. */
  staged: string;
  /** Relative to the articles folder. */
  target: string;
  /** SHA-256 of the target before (null: no such file) and after. */
  before: string | null;
  after: string;
}

export interface Journal {
  started: string;
  entries: JournalEntry[];
}

const sha256 = (content: string | Buffer) => createHash('sha256').update(content).digest('hex');

/** Writes every file into the staging folder, then the journal: the import's commit point. */
export function stageFiles(out: string, files: readonly FileToWrite[], steps: Steps): Journal {
  const staging = join(out, STAGING_NAME);
  steps.before('stage folder');
  mkdirSync(staging);
  const entries = files.map((file, index): JournalEntry => {
    const staged = `${index}-${basename(file.path)}${STAGED_SUFFIX}`;
    steps.before('stage open');
    const fd = openSync(join(staging, staged), 'wx');
    try {
      steps.before('stage write');
      writeSync(fd, file.content);
    } finally {
      closeSync(fd);
    }
    const before = file.replaces === undefined ? null : sha256(file.replaces);
    return { staged, target: file.path, before, after: sha256(file.content) };
  });
  const journal: Journal = { started: new Date().toISOString(), entries };
  steps.before('journal write');
  writeFileSync(join(staging, `${JOURNAL}.tmp`), JSON.stringify(journal, null, 1));
  steps.before('journal commit');
  renameSync(join(staging, `${JOURNAL}.tmp`), join(staging, JOURNAL));
  return journal;
}

/** Renames the staged files over their targets, then removes the journal and the staging folder. */
export function commitJournal(
  out: string,
  journal: Journal,
  steps: Steps,
  progress: (done: number, target: string) => void = () => {},
): void {
  const staging = join(out, STAGING_NAME);
  journal.entries.forEach((entry, index) => {
    const staged = join(staging, entry.staged);
    if (existsSync(staged)) {
      const target = join(out, entry.target);
      steps.before('year folder');
      mkdirSync(dirname(target), { recursive: true });
      steps.before('rename');
      renameSync(staged, target);
    }
    progress(index + 1, entry.target);
  });
  steps.before('journal remove');
  unlinkSync(join(staging, JOURNAL));
  discardStaging(out, steps);
}

/** Deletes the staging folder and all in it (nothing there is committed without a journal). */
export function discardStaging(out: string, steps: Steps): void {
  const staging = join(out, STAGING_NAME);
  if (!existsSync(staging)) return;
  steps.before('staging remove');
  rmSync(staging, { recursive: true, force: true });
}

/** What the start of an import found of an earlier, interrupted one. */
export type Recovery =
  | { kind: 'none' }
  | { kind: 'rolled back' }
  | { kind: 'completed'; started: string; files: number };

/** Settles what an interrupted import left (rules in the module comment). Call under the lock. */
export function recoverStaging(out: string, steps: Steps): Recovery {
  const staging = join(out, STAGING_NAME);
  if (!existsSync(staging)) return { kind: 'none' };
  const journalPath = join(staging, JOURNAL);
  if (!existsSync(journalPath)) {
    // Empty: a finished import was stopped while cleaning up. Else staging had not finished.
    const staged = readdirSync(staging).length;
    discardStaging(out, steps);
    return staged ? { kind: 'rolled back' } : { kind: 'none' };
  }
  const journal = readJournal(journalPath);
  const pending = journal.entries.filter((entry) => checkEntry(out, staging, entry, journal));
  commitJournal(out, journal, steps);
  return { kind: 'completed', started: journal.started, files: pending.length };
}

function readJournal(path: string): Journal {
  let journal: Journal;
  try {
    journal = JSON.parse(readFileSync(path, 'utf8')) as Journal;
  } catch (error) {
    throw new ArchiveError(
      `${path}: the journal of an interrupted import does not read (${(error as Error).message}); delete ${dirname(path)} to abandon that import`,
    );
  }
  const valid =
    Array.isArray(journal.entries) &&
    journal.entries.every(
      (e) =>
        typeof e.staged === 'string' &&
        basename(e.staged) === e.staged &&
        typeof e.target === 'string' &&
        parseArticlePath(e.target) !== undefined,
    );
  if (!valid)
    throw new ArchiveError(
      `${path}: the journal of an interrupted import is not one this importer wrote; delete ${dirname(path)} to abandon that import`,
    );
  return journal;
}

/**
 * True when the entry's rename is still to do. Throws when the target is neither as the
 * interrupted import found it nor as it left it: someone changed it since, and an editor
 * must look.
 */
function checkEntry(out: string, staging: string, entry: JournalEntry, journal: Journal): boolean {
  const staged = join(staging, entry.staged);
  const target = join(out, entry.target);
  const now = existsSync(target) ? sha256(readFileSync(target)) : null;
  const pending = existsSync(staged);
  const fine = pending
    ? sha256(readFileSync(staged)) === entry.after && (now === entry.before || now === entry.after)
    : now === entry.after;
  if (!fine)
    throw new ArchiveError(
      `cannot complete the import interrupted at ${journal.started}: ${target} changed since. Check it, then delete ${staging} to abandon the rest of that import, and run again`,
    );
  return pending;
}
