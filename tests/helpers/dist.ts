/** Reading pages of a built site. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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
export const texts = ($: CheerioAPI, selector: string) => $(selector).map((_, el) => $(el).text().trim()).get();
