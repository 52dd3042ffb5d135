/**
 * One import at a time per articles folder: the lock file `.import.lock` in the folder
 * (src/utils/file-lock.ts says when a lock is stale and replaced).
 */
import { join } from 'node:path';
import {
  acquireLock,
  describeHolder,
  LockBusyError,
  type Lock,
  type LockHolder,
} from '../utils/file-lock.ts';
import type { Steps } from './steps.ts';

export { UNREADABLE_STALE_MS, type Lock } from '../utils/file-lock.ts';
export const LOCK_NAME = '.import.lock';

/** Another import holds the folder. */
export class ArchiveBusyError extends Error {
  override name = 'ArchiveBusyError';
  constructor(
    readonly lockPath: string,
    readonly holder: LockHolder | undefined,
  ) {
    super(
      `another import is writing to this folder (${describeHolder(holder)}); try again when it has finished. If no import is running, delete ${lockPath}`,
    );
  }
}

/** Takes the folder's lock, replacing a stale one; throws ArchiveBusyError when it is held. */
export function acquireArchiveLock(dir: string, steps: Steps): Lock {
  try {
    return acquireLock(join(dir, LOCK_NAME), steps);
  } catch (error) {
    if (error instanceof LockBusyError) throw new ArchiveBusyError(error.lockPath, error.holder);
    throw error;
  }
}
