/**
 * Astro integration: after `astro build`, indexes every article page for exact Chinese
 * search (see src/search/tokens.ts). Writes Pagefind's files to `<dist>/pagefind/`, and for
 * the browser the catalog (`<dist>/search/catalog.json`) and one display file per article
 * (`<dist>/search/docs/<id>.json`: title and text for the excerpt).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { AstroIntegration } from 'astro';
import { load } from 'cheerio';
import * as pagefind from 'pagefind';
import { encodeCatalog, type CatalogEntry } from '../search/catalog.ts';
import { fold } from '../search/normalize.ts';
import { searchRecord, type SearchDisplay, type SearchDocument } from '../search/records.ts';

/** Pagefind files the site does not use (its ready-made UIs). */
const UNUSED_PAGEFIND_FILES = /^pagefind-(component-ui|modular-ui|ui|highlight)\./;

/** Reads the search document of a built article page; undefined for pages that are not articles. */
export function readSearchDocument(html: string): SearchDocument | undefined {
  const $ = load(html);
  const article = $('article[data-article-id]');
  if (!article.length) return undefined;
  const paragraphs = article.find('.body p').map((_, p) => $(p).text().trim()).get();
  return {
    id: article.attr('data-article-id')!,
    title: article.find('h1').first().text().trim(),
    date: article.attr('data-date')!,
    province: article.attr('data-province')!,
    text: paragraphs.join('\n'),
  };
}

/** Pagefind page ID → article ID, read back from the fragments Pagefind wrote. */
function pageIds(pagefindDir: string): Map<string, string> {
  const ids = new Map<string, string>();
  const fragments = join(pagefindDir, 'fragment');
  for (const file of existsSync(fragments) ? readdirSync(fragments) : []) {
    const json = gunzipSync(readFileSync(join(fragments, file))).toString('utf8');
    const fragment = JSON.parse(json.slice(json.indexOf('{'))) as { meta: { id: string } };
    ids.set(fragment.meta.id, file.replace(/\.pf_fragment$/, ''));
  }
  return ids;
}

/** Builds the index for the article pages below `outDir`; returns how many were indexed. */
export async function writeSearchIndex(outDir: string, base: string): Promise<number> {
  const articlesDir = join(outDir, 'articles');
  const docsDir = join(outDir, 'search', 'docs');
  const pagefindDir = join(outDir, 'pagefind');
  mkdirSync(docsDir, { recursive: true });

  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'zh' });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  const docs: SearchDocument[] = [];
  for (const id of existsSync(articlesDir) ? readdirSync(articlesDir).sort() : []) {
    const file = join(articlesDir, id, 'index.html');
    if (!existsSync(file)) continue;
    const doc = readSearchDocument(readFileSync(file, 'utf8'));
    if (!doc) continue;
    const added = await index.addCustomRecord(searchRecord(doc, `${base}articles/${doc.id}/`));
    if (added.errors.length) throw new Error(`Pagefind rejected ${file}: ${added.errors.join('; ')}`);
    const display: SearchDisplay = { title: doc.title, text: doc.text };
    writeFileSync(join(docsDir, `${doc.id}.json`), JSON.stringify(display));
    docs.push(doc);
  }
  const written = await index.writeFiles({ outputPath: pagefindDir });
  if (written.errors.length) throw new Error(`Pagefind could not write its files: ${written.errors.join('; ')}`);
  await pagefind.close();

  for (const file of readdirSync(pagefindDir)) if (UNUSED_PAGEFIND_FILES.test(file)) rmSync(join(pagefindDir, file));
  const pages = pageIds(pagefindDir);
  const entries: CatalogEntry[] = docs.map((doc) => {
    const page = pages.get(doc.id);
    if (!page) throw new Error(`Pagefind wrote no fragment for article ${doc.id}`);
    return { page, id: doc.id, date: doc.date, province: doc.province, titleLength: [...fold(doc.title)].length };
  });
  writeFileSync(join(outDir, 'search', 'catalog.json'), encodeCatalog(entries));
  return docs.length;
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
