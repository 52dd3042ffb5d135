/**
 * One shard of the search index: its reports indexed by Pagefind into a folder of their own
 * (merged afterwards, pagefind-merge.ts). Each shard is indexed in a Node process of its own
 * (search-shard-process.ts), with a Pagefind process of its own: Pagefind's indexer writes a
 * shard on one core, so shards side by side use the machine's cores, and a shard's memory is
 * given back when its processes exit.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { INDEX_LANGUAGE } from '../search/pagefind-index.ts';
import { searchRecord, type SearchDisplay, type SearchDocument } from '../search/records.ts';
import type { FrequentBigrams } from '../search/tokens.ts';
import { articleIdOfUrl } from '../utils/article-url.ts';
import { processTable } from '../utils/processes.ts';
import { runInChild } from './child-task.ts';
import { unzipPagefindData } from './pagefind-merge.ts';

/** What a shard's search documents are made of: the report's ID, date and province, and its display file. */
export type DocumentRef = Pick<SearchDocument, 'id' | 'date' | 'province'>;

/** The display file of article `id` in `docsDir`. */
export const readDisplay = (docsDir: string, id: string) =>
  JSON.parse(readFileSync(join(docsDir, `${id}.json`), 'utf8')) as SearchDisplay;

/** The search documents of `refs`, each read back from its display file in `docsDir` when reached. */
export function* readDocuments(
  docsDir: string,
  refs: readonly DocumentRef[],
): Generator<SearchDocument> {
  for (const { id, date, province } of refs)
    yield { id, date, province, ...readDisplay(docsDir, id) };
}

/** Pagefind page hash → article ID, read back from the URLs in the fragments Pagefind wrote. */
export function pageArticles(pagefindDir: string, base: string): Map<string, string> {
  const articles = new Map<string, string>();
  const fragments = join(pagefindDir, 'fragment');
  for (const file of existsSync(fragments) ? readdirSync(fragments) : []) {
    const { url } = JSON.parse(unzipPagefindData(join(fragments, file)).toString('utf8')) as {
      url: string;
    };
    articles.set(file.replace(/\.pf_fragment$/, ''), articleIdOfUrl(url, base));
  }
  return articles;
}

/**
 * Resolves once no Pagefind process of ours runs any more. `pagefind.close()` only signals its
 * process, whose memory must be free before this process reports the shard done.
 * Looks in /proc (Linux); elsewhere it resolves at once.
 */
async function pagefindExited(): Promise<void> {
  const running = () =>
    [...processTable().values()].some(
      ({ name, parent }) => name.startsWith('pagefind') && parent === process.pid,
    );
  for (let waited = 0; running() && waited < 10_000; waited += 50)
    await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Records sent to Pagefind before the first of them is answered. */
const RECORDS_IN_FLIGHT = 16;

/**
 * Indexes `docs` into `dir` in a Pagefind process, which exits afterwards. Returns Pagefind's
 * page hash → article ID; empty if Pagefind wrote no index (no articles).
 */
export async function writeShard(
  docs: Iterable<SearchDocument>,
  dir: string,
  base: string,
  frequent: FrequentBigrams,
): Promise<Map<string, string>> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: INDEX_LANGUAGE });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    // Records go to Pagefind while it indexes the ones before: its process and this one work
    // side by side instead of waiting for each other.
    const pending: { id: string; added: ReturnType<typeof index.addCustomRecord> }[] = [];
    const settle = async () => {
      const { id, added } = pending.shift()!;
      const { errors } = await added;
      if (errors.length) throw new Error(`Pagefind rejected article ${id}: ${errors.join('; ')}`);
    };
    for (const doc of docs) {
      const added = index.addCustomRecord(searchRecord(doc, base, INDEX_LANGUAGE, frequent));
      added.catch(() => undefined);
      pending.push({ id: doc.id, added });
      if (pending.length >= RECORDS_IN_FLIGHT) await settle();
    }
    while (pending.length) await settle();
    const written = await index.writeFiles({ outputPath: dir });
    if (written.errors.length)
      throw new Error(`Pagefind could not write its files: ${written.errors.join('; ')}`);
  } finally {
    await pagefind.close();
    await pagefindExited();
  }
  return readdirSync(dir).some((file) => file.endsWith('.pf_meta'))
    ? pageArticles(dir, base)
    : new Map();
}

/** A shard's pages: Pagefind's page hash and the article ID of each. */
export type ShardPages = [hash: string, id: string][];

/** One shard to index, as its process receives it. */
export interface ShardJob {
  /** The folder of the display files. */
  docsDir: string;
  refs: DocumentRef[];
  base: string;
  frequent: string[];
  /** Where Pagefind writes the shard. */
  dir: string;
}

/** Indexes one shard in a Node process of its own (search-shard-process.ts); resolves with its pages. */
export async function indexInProcess(job: ShardJob): Promise<Map<string, string>> {
  const entry = new URL('./search-shard-process.ts', import.meta.url);
  return new Map(await runInChild<ShardJob, ShardPages>(entry, job, `indexing shard ${job.dir}`));
}
