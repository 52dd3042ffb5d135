/** Reading pages and files of a built site. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import { DIST } from './paths.ts';

/** The page at a site path such as `/articles/x/`, parsed. */
export function page(path: string, root = DIST): CheerioAPI {
  const file = join(root, path, path.endsWith('/') ? 'index.html' : '');
  if (!existsSync(file)) throw new Error(`no page ${path} in ${root}`);
  return load(readFileSync(file, 'utf8'));
}

/** Every HTML file of a build, as site paths (`/`, `/articles/x/`, `/404.html`). */
export function allPages(root = DIST): string[] {
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.html'))
    .map((file) => `/${file.replaceAll('\\', '/')}`.replace(/index\.html$/, ''))
    .sort();
}

/** Texts of the matched elements, trimmed. */
export const texts = ($: CheerioAPI, selector: string) =>
  $(selector)
    .map((_, el) => $(el).text().trim())
    .get();

/** Relative path (with `/`) → SHA-256 of every file below `dir`. */
export function fileHashes(dir: string): Map<string, string> {
  const files = (readdirSync(dir, { recursive: true }) as string[])
    .filter((file) => statSync(join(dir, file)).isFile())
    .sort();
  return new Map(
    files.map((file) => [
      file.replaceAll('\\', '/'),
      createHash('sha256')
        .update(readFileSync(join(dir, file)))
        .digest('hex'),
    ]),
  );
}
