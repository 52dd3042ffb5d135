/**
 * One writer at a time: a lock is a file created exclusively (O_EXCL), holding who took it:
 * process ID, host and time. The importer locks the articles folder with it (src/import/lock.ts),
 * the index build its cache folder (src/integrations/search-cache.ts).
 *
 * A lock whose process is gone (same host, no such process) is stale: the next writer removes
 * it and goes on. So is an unreadable lock (the process died while writing it) older than
 * UNREADABLE_STALE_MS. Removal is guarded by a second exclusive file, `<lock>.takeover`, and
 * re-reads the lock before deleting it, so two writers that both find a stale lock never
 * delete a live one. A lock from another host is never judged stale: the message says which
 * file to delete once no writer runs there.
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

/** Who holds a lock, in words. */
export const describeHolder = (holder: LockHolder | undefined) =>
  holder
    ? `process ${holder.pid} on ${holder.host}, since ${holder.started}`
    : 'a process that is still writing the lock';

/** Another process holds the lock. */
export class LockBusyError extends Error {
  override name = 'LockBusyError';
  constructor(
    readonly lockPath: string,
    readonly holder: LockHolder | undefined,
  ) {
    super(`${lockPath} is held by ${describeHolder(holder)}`);
  }
}

/** Called just before the lock file is created or removed (the importer's crash tests stop there). */
export interface LockSteps {
  before(label: 'lock' | 'unlock'): void;
}

export interface Lock {
  path: string;
  /** The stale lock this one replaced, to tell the editor. */
  replaced?: LockHolder | 'unreadable';
  release(): void;
}

/** Takes the lock file `path`, replacing a stale one; throws LockBusyError when it is held. */
export function acquireLock(path: string, steps: LockSteps = { before() {} }): Lock {
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
    if (!isStale(path, holder)) throw new LockBusyError(path, holder);
    if (removeStale(path, seen)) replaced = holder ?? 'unreadable';
  }
  throw new LockBusyError(path, undefined);
}

/** Creates the lock with its content; false when it exists. */
function tryCreate(path: string, content: string, steps: LockSteps): boolean {
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
