/**
 * Astro integration: after `astro build`, indexes every article page for exact Chinese
 * search (see src/search/tokens.ts) and writes Pagefind's files to `<dist>/pagefind/`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { load } from 'cheerio';
import * as pagefind from 'pagefind';
import { searchRecord, type SearchDocument } from '../search/records.ts';

/** Reads the search document of a built article page; undefined for pages that are not articles. */
export function readSearchDocument(html: string, url: string): SearchDocument | undefined {
  const $ = load(html);
  const article = $('article[data-article-id]');
  if (!article.length) return undefined;
  const paragraphs = article.find('.body p').map((_, p) => $(p).text().trim()).get();
  return {
    id: article.attr('data-article-id')!,
    url,
    title: article.find('h1').first().text().trim(),
    date: article.attr('data-date')!,
    province: article.attr('data-province')!,
    text: paragraphs.join('\n'),
  };
}

/** Builds the index for the article pages below `outDir` and writes it to `<outDir>/pagefind/`. */
export async function writeSearchIndex(outDir: string, base: string): Promise<number> {
  const articlesDir = join(outDir, 'articles');
  const ids = existsSync(articlesDir) ? readdirSync(articlesDir).sort() : [];
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'zh' });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  let count = 0;
  for (const id of ids) {
    const file = join(articlesDir, id, 'index.html');
    if (!existsSync(file)) continue;
    const doc = readSearchDocument(readFileSync(file, 'utf8'), `${base}articles/${id}/`);
    if (!doc) continue;
    const added = await index.addCustomRecord(searchRecord(doc));
    if (added.errors.length) throw new Error(`Pagefind rejected ${file}: ${added.errors.join('; ')}`);
    count++;
  }
  const written = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
  if (written.errors.length) throw new Error(`Pagefind could not write its files: ${written.errors.join('; ')}`);
  await pagefind.close();
  return count;
}

export default function searchIndex(): AstroIntegration {
  let base = '/';
  return {
    name: 'search-index',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base.replace(/\/?$/, '/');
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const count = await writeSearchIndex(fileURLToPath(dir), base);
        logger.info(`indexed ${count} articles for search in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
