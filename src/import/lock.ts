/**
 * One import at a time per articles folder. The lock is the file `.import.lock` in the folder,
 * created exclusively (O_EXCL), holding who took it: process ID, host and time.
 *
 * A lock whose process is gone (same host, no such process) is stale: the next import removes
 * it and goes on. So is an unreadable lock (the process died while writing it) older than
 * UNREADABLE_STALE_MS. Removal is guarded by a second exclusive file, `.import.lock.takeover`,
 * and re-reads the lock before deleting it, so two imports that both find a stale lock never
 * delete a live one. A lock from another host is never judged stale: the message tells the
 * editor which file to delete once they are sure no import runs there.
 */
import {
  closeSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Steps } from './steps.ts';

export const LOCK_NAME = '.import.lock';
const TAKEOVER_SUFFIX = '.takeover';
/** A lock file without readable content is this old before it counts as stale. */
export const UNREADABLE_STALE_MS = 10_000;

/** Who holds a lock. */
export interface LockHolder {
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  started: string;
}

/** Another import holds the folder. */
export class ArchiveBusyError extends Error {
  override name = 'ArchiveBusyError';
  constructor(
    readonly lockPath: string,
    readonly holder: LockHolder | undefined,
  ) {
    const who = holder
      ? `process ${holder.pid} on ${holder.host}, since ${holder.started}`
      : 'a process that is still writing the lock';
    super(
      `another import is writing to this folder (${who}); try again when it has finished. If no import is running, delete ${lockPath}`,
    );
  }
}

export interface Lock {
  path: string;
  /** The stale lock this one replaced, to tell the editor. */
  replaced?: LockHolder | 'unreadable';
  release(): void;
}

/** Takes the folder's lock, replacing a stale one; throws ArchiveBusyError when it is held. */
export function acquireLock(dir: string, steps: Steps): Lock {
  const path = join(dir, LOCK_NAME);
  const me: LockHolder = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  const content = `${JSON.stringify(me)}\n`;
  let replaced: Lock['replaced'];
  for (let attempt = 0; attempt < 50; attempt++) {
    if (tryCreate(path, content, steps)) {
      const release = () => {
        if (readText(path) !== content) return; // not ours any more: leave it alone
        steps.before('unlock');
        unlinkSync(path);
      };
      return { path, ...(replaced ? { replaced } : {}), release };
    }
    const seen = readText(path);
    if (seen === undefined) continue; // released in the meantime
    const holder = parseHolder(seen);
    if (!isStale(path, holder)) throw new ArchiveBusyError(path, holder);
    if (removeStale(path, seen)) replaced = holder ?? 'unreadable';
  }
  throw new ArchiveBusyError(path, undefined);
}

/** Creates the lock with its content; false when it exists. */
function tryCreate(path: string, content: string, steps: Steps): boolean {
  steps.before('lock');
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string')
      return { pid: value.pid, host: value.host, started: String(value.started) };
  } catch {
    // unreadable: judged by age
  }
  return undefined;
}

/** True when the lock's process is gone, or the unreadable lock is old. */
function isStale(path: string, holder: LockHolder | undefined): boolean {
  if (!holder) return ageMs(path) > UNREADABLE_STALE_MS;
  if (holder.host !== hostname() || holder.pid === process.pid) return false;
  return !processExists(holder.pid);
}

export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH'; // EPERM: exists, another user's
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Deletes the lock if it still reads `seen`, under the takeover guard; true when it did.
 * A guard left by a process that died while holding it is removed once it is old.
 */
function removeStale(path: string, seen: string): boolean {
  const guard = path + TAKEOVER_SUFFIX;
  let fd: number;
  try {
    fd = openSync(guard, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if (ageMs(guard) > UNREADABLE_STALE_MS) rmSync(guard, { force: true });
    else pause(20);
    return false;
  }
  closeSync(fd);
  try {
    if (readText(path) !== seen) return false;
    unlinkSync(path);
    return true;
  } finally {
    unlinkSync(guard);
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
