/**
 * The articles folder an import writes into: opened (created if need be, locked, with what an
 * interrupted import left settled), read, written all or nothing (staging.ts), and closed (the
 * lock released; a folder this run created and left empty removed again, so a failed import
 * leaves nothing behind).
 */
import {
  accessSync,
  constants,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArticlePath } from '../schemas/article.ts';
import { ArchiveError, describeFsError, isFsError } from './fs-errors.ts';
import { acquireArchiveLock, type Lock } from './lock.ts';
import type { ExistingFile } from './plan.ts';
import { recoverStaging, type Recovery } from './staging.ts';
import type { Steps } from './steps.ts';

/** Temporary files an importer that wrote `<file>.md.import-<pid>.tmp` beside its targets left. */
const LEFTOVER = /\.md\.import-[0-9]+\.tmp$/;
const YEAR_FOLDER = /^[0-9]{4}$/;

export interface Archive {
  /** The folder, absolute. */
  dir: string;
  lock: Lock;
  recovery: Recovery;
  /** Leftover temporary files removed. */
  leftovers: number;
  close(): void;
}

/** Throws ArchiveError when `dir` exists and is not a folder (or cannot be looked at). */
export function checkFolder(dir: string): void {
  try {
    if (!statSync(dir).isDirectory())
      throw new ArchiveError(
        `${dir}: not a folder (it is a file); --out names the articles folder`,
      );
  } catch (error) {
    if (isFsError(error) && error.code === 'ENOENT') return;
    if (isFsError(error)) throw new ArchiveError(describeFsError(error, dir));
    throw error;
  }
}

/** Creates (if missing) and locks the folder, then settles an interrupted import. */
export function openArchive(out: string, steps: Steps): Archive {
  const dir = resolve(out);
  checkFolder(dir);
  let created: string | undefined;
  let lock: Lock;
  try {
    steps.before('create folder');
    created = mkdirSync(dir, { recursive: true });
    lock = acquireArchiveLock(dir, steps);
  } catch (error) {
    if (created) removeEmptyFolders(created, dir);
    if (isFsError(error))
      throw new ArchiveError(`cannot write to the articles folder ${describeFsError(error, dir)}`);
    throw error;
  }
  const close = () => {
    lock.release();
    if (created) removeEmptyFolders(created, dir);
  };
  try {
    const recovery = recoverStaging(dir, steps);
    const leftovers = removeLeftovers(dir, steps);
    return { dir, lock, recovery, leftovers, close };
  } catch (error) {
    close();
    throw error;
  }
}

/** Removes `dir` and its parents up to `top` (the first folder this run created), while empty. */
function removeEmptyFolders(top: string, dir: string): void {
  for (let current = dir; current.startsWith(top); current = dirname(current)) {
    try {
      rmdirSync(current);
    } catch {
      return; // not empty, or gone: stop
    }
    if (current === top) return;
  }
}

/** Deletes leftover temporary files from imports that wrote beside their targets. */
function removeLeftovers(dir: string, steps: Steps): number {
  let removed = 0;
  for (const year of readdirSync(dir).filter((name) => YEAR_FOLDER.test(name))) {
    const folder = join(dir, year);
    if (!statSync(folder).isDirectory()) continue;
    for (const name of readdirSync(folder).filter((n) => LEFTOVER.test(n))) {
      steps.before('remove leftover');
      unlinkSync(join(folder, name));
      removed++;
    }
  }
  return removed;
}

/** The files already in the folder for these `date|province` keys (a missing year folder has none). */
export function existingFiles(dir: string, keys: ReadonlySet<string>): ExistingFile[] {
  const years = new Set([...keys].map((key) => key.slice(0, 4)));
  const files: ExistingFile[] = [];
  for (const year of years) {
    let entries: string[];
    try {
      entries = readdirSync(join(dir, year));
    } catch (error) {
      if (isFsError(error) && error.code === 'ENOENT') continue;
      throw new ArchiveError(describeFsError(error, join(dir, year)));
    }
    for (const entry of entries) {
      const path = `${year}/${entry}`;
      const info = parseArticlePath(path);
      if (info && keys.has(`${info.date}|${info.province}`))
        files.push({ path, content: readFileSync(join(dir, path), 'utf8') });
    }
  }
  return files;
}

/**
 * Throws ArchiveError naming the first existing folder among the targets' that this user cannot
 * write, before anything is staged (the folder itself is writable: the lock is in it).
 */
export function checkWritable(dir: string, paths: readonly string[]): void {
  for (const folder of new Set(paths.map((path) => dirname(join(dir, path))))) {
    try {
      accessSync(folder, constants.W_OK);
    } catch (error) {
      if (isFsError(error) && error.code === 'ENOENT') continue; // created when written
      throw new ArchiveError(`cannot write to ${describeFsError(error, folder)}`);
    }
  }
}
