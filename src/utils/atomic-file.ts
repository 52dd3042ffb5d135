/** Files that a reader sees whole or not at all, even if the writer is killed half-way. */
import { renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Writes `data` to `<file>.tmp-<pid>` and renames it to `file`: a rename within a folder is
 * atomic, so `file` holds the old content or the new, never part of it.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const temporary = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
