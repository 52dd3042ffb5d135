/**
 * Stock Pagefind's view of the benchmark's built site. The site's article pages carry no
 * Pagefind attributes (its own index is built from the pages by src/integrations/); the
 * benchmark adds them to its copy, so that stock Pagefind indexes the article text only, with
 * province and year filters, as a site using it would.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ARTICLE_TAG = /<article\b[^>]*>/;
const META_LIST = '<dl class="meta"';

/** An article page with stock Pagefind's body, filter and sort attributes; throws, naming `file`, if it is not one. */
export function withStockPagefindAttributes(html: string, file: string): string {
  const tag = ARTICLE_TAG.exec(html)?.[0] ?? '';
  const date = /\bdata-date="(\d{4}-\d{2}-\d{2})"/.exec(tag)?.[1];
  const province = /\bdata-province="([a-z]+)"/.exec(tag)?.[1];
  if (!date || !province || !html.includes(META_LIST))
    throw new Error(`${file}: no <article> with data-date and data-province, or no ${META_LIST}>`);
  const body = `<article data-pagefind-body data-pagefind-filter="province:${province}" data-pagefind-sort="date:${date}"`;
  return html
    .replace(ARTICLE_TAG, (found) => found.replace('<article', body))
    .replace(META_LIST, `${META_LIST} data-pagefind-filter="year:${date.slice(0, 4)}"`);
}

/** Adds stock Pagefind's attributes to every article page of the built site in `dist`; returns how many. */
export function markArticlesForStockPagefind(dist: string): number {
  const articles = join(dist, 'articles');
  let marked = 0;
  for (const id of readdirSync(articles)) {
    const file = join(articles, id, 'index.html');
    if (!existsSync(file)) continue;
    writeFileSync(file, withStockPagefindAttributes(readFileSync(file, 'utf8'), file));
    marked++;
  }
  return marked;
}
