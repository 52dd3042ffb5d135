/** Listing the files a command-line tool was pointed at. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** `path` itself if it is a file, else every file below it whose name `accept`s, sorted. */
export function filesBelow(path: string, accept: (name: string) => boolean): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? filesBelow(join(path, entry.name), accept)
        : accept(entry.name)
          ? [join(path, entry.name)]
          : [],
    )
    .sort();
}
