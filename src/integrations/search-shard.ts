/**
 * One shard of the search index: its reports indexed into a folder of their own in Pagefind's
 * format (pagefind-shard.ts), merged afterwards (pagefind-merge.ts). Each shard is indexed in a
 * Node process of its own (search-shard-process.ts): shards side by side use the machine's
 * cores, and a shard's memory is given back when its process exits.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { INDEX_LANGUAGE } from '../search/pagefind-index.ts';
import { documentTokens, type SearchDisplay, type SearchDocument } from '../search/records.ts';
import type { FrequentBigrams } from '../search/tokens.ts';
import { processTable } from '../utils/processes.ts';
import { runInChild } from './child-task.ts';
import { ENTRY_FILE, isPagefindRuntime, readEntry, type PagefindEntry } from './pagefind-merge.ts';
import { writePagefindShard } from './pagefind-shard.ts';

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

/**
 * Resolves once no Pagefind process of ours runs any more. `pagefind.close()` only signals its
 * process, which must be gone before the build goes on (tests count them).
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

/**
 * Has Pagefind write an index of no pages into `dir`: its script, its WASM and an entry file,
 * which the merged index takes (mergeShards, `script`); returns the entry file's content.
 */
export async function writePagefindRuntime(dir: string): Promise<PagefindEntry> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: INDEX_LANGUAGE });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    const written = await index.writeFiles({ outputPath: dir });
    if (written.errors.length)
      throw new Error(`Pagefind could not write its files: ${written.errors.join('; ')}`);
  } finally {
    await pagefind.close();
    await pagefindExited();
  }
  // Its UIs and worker the site does not use.
  for (const file of readdirSync(dir))
    if (!isPagefindRuntime(file) && file !== ENTRY_FILE)
      rmSync(join(dir, file), { recursive: true, force: true });
  return readEntry(dir);
}

/**
 * Indexes `docs` into `dir` (pagefind-shard.ts). Returns the page name → article ID of the
 * shard's pages; empty, and nothing written, if there are no documents.
 */
export function writeShard(
  docs: Iterable<SearchDocument>,
  dir: string,
  frequent: FrequentBigrams,
  runtime: PagefindEntry,
): Map<string, string> {
  const records = (function* () {
    for (const doc of docs) yield { id: doc.id, tokens: documentTokens(doc, frequent) };
  })();
  return new Map(writePagefindShard(records, dir, runtime).map((id) => [id, id]));
}

/** A shard's pages: the page's name in the shard and the article ID of each. */
export type ShardPages = [hash: string, id: string][];

/** One shard to index, as its process receives it. */
export interface ShardJob {
  /** The folder of the display files. */
  docsDir: string;
  refs: DocumentRef[];
  frequent: string[];
  /** The entry file of Pagefind's runtime (writePagefindRuntime). */
  runtime: PagefindEntry;
  /** Where the shard is written. */
  dir: string;
}

/** Indexes one shard in a Node process of its own (search-shard-process.ts); resolves with its pages. */
export async function indexInProcess(job: ShardJob): Promise<Map<string, string>> {
  const entry = new URL('./search-shard-process.ts', import.meta.url);
  return new Map(await runInChild<ShardJob, ShardPages>(entry, job, `indexing shard ${job.dir}`));
}
