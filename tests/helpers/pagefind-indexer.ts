/**
 * Pagefind's own indexer, as the reference that the index build's shards (written by
 * src/integrations/pagefind-shard.ts) are held to, and as a writer of shards for the merge's
 * tests: records of index words separated by spaces, as Pagefind custom records.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { unzipPagefindData } from '../../src/integrations/pagefind-merge.ts';
import { INDEX_LANGUAGE } from '../../src/search/pagefind-index.ts';

/** A record for Pagefind: an ID (its URL is `/articles/<id>/`) and its index words. */
export interface IndexerRecord {
  id: string;
  content: string;
}

/** Pagefind page hash → article ID, read back from the URLs in the fragments Pagefind wrote. */
function pageArticles(dir: string): Map<string, string> {
  const articles = new Map<string, string>();
  const fragments = join(dir, 'fragment');
  for (const file of existsSync(fragments) ? readdirSync(fragments) : []) {
    const { url } = JSON.parse(unzipPagefindData(join(fragments, file)).toString('utf8')) as {
      url: string;
    };
    articles.set(file.replace(/\.pf_fragment$/, ''), url.replace(/^\/articles\/|\/$/g, ''));
  }
  return articles;
}

/** Indexes `records` with Pagefind's indexer into `dir`, in their order; returns Pagefind page hash → ID. */
export async function indexWithPagefind(
  records: readonly IndexerRecord[],
  dir: string,
): Promise<Map<string, string>> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: INDEX_LANGUAGE });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    for (const { id, content } of records) {
      const added = await index.addCustomRecord({
        url: `/articles/${id}/`,
        content,
        language: INDEX_LANGUAGE,
      });
      if (added.errors.length) throw new Error(added.errors.join('; '));
    }
    await index.writeFiles({ outputPath: dir });
  } finally {
    await pagefind.close();
  }
  return pageArticles(dir);
}
