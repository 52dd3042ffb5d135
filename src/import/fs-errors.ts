/**
 * File-system errors as one line an editor can act on: the path and the cause in words,
 * with the system's code for searching (`/srv/articles: permission denied (EACCES)`).
 */

/** A problem with the articles folder, already worded for the editor: printed as it is. */
export class ArchiveError extends Error {
  override name = 'ArchiveError';
}

const CAUSES: Record<string, string> = {
  EACCES: 'permission denied: this user may not write there',
  EPERM: 'operation not permitted for this user',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'is a folder, not a file',
  ENOENT: 'does not exist',
  EEXIST: 'already exists',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'too many symbolic links in the path',
  EIO: 'input/output error on the device',
};

/** True for an error the file system raised (it has a code such as ENOENT). */
export function isFsError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

/** `path: cause (CODE)` for a file-system error; the message of anything else. */
export function describeFsError(error: unknown, path?: string): string {
  if (!isFsError(error)) return error instanceof Error ? error.message : String(error);
  const code = error.code!;
  const where = path ?? error.path ?? '';
  const cause = CAUSES[code] ?? error.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*$/, '');
  return `${where ? `${where}: ` : ''}${cause} (${code})`;
}
