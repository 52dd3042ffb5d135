/**
 * A private copy of the site's sources in another folder, sharing node_modules, so a build
 * there cannot collide with builds in the repository (Astro keeps build temporaries in
 * `<root>/.astro/`).
 */
import { cpSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;

/** Copies the build inputs into `dir` and returns it, for `astro build --root dir`. */
export function copyProject(dir: string): string {
  for (const entry of ['src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
    cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}
