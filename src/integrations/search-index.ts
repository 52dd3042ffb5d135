/**
 * Astro integration: after `astro build`, indexes every article page for exact Chinese
 * search (see src/search/tokens.ts). `npm run build` runs the same indexing in a process of
 * its own instead (scripts/build-search-index.ts, SEARCH_INDEX=separate).
 *
 * The articles are indexed in shards in Pagefind's format, side by side, each in a process of
 * its own (search-shard.ts), which are merged into one index in `<dist>/pagefind/`. For the browser
 * it also writes the catalog (`<dist>/search/catalog.json`), one display file per article
 * (`<dist>/search/docs/<id>.json`: title and text for the excerpt) and the export file
 * (`<dist>/search/export.json`: what an export of results adds to the catalog, see
 * src/search/export-metadata.ts), whole on every build. All is built in
 * `<dist>/.search-index-new/` and replaces the index already there only once complete.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
// htmlparser2 rather than parse5: a third of the time on the pages Astro writes, the same text.
import { load } from 'cheerio/slim';
import { SEARCH_PARTITION_PAGES, SEARCH_SEGMENT_PAGES, SEARCH_SHARD_WORDS } from '../consts.ts';
import { PROVINCE_SLUGS } from '../data/provinces.ts';
import {
  catalogIndex,
  catalogFileName,
  catalogKey,
  catalogOrder,
  encodeCatalog,
  type CatalogLayout,
} from '../search/catalog.ts';
import { encodeExportMetadata, NameList, type ExportRef } from '../search/export-metadata.ts';
import { fold } from '../search/normalize.ts';
import {
  INDEX_FILE_ATTRIBUTES,
  PAGEFIND_WASM,
  partitionSegments,
  SEGMENT_WASM,
  segmentFolder,
  type IndexFileNames,
  type SegmentedPartitioning,
} from '../search/pagefind-index.ts';
import { foldTraditional } from '../search/traditional.ts';
import { codePoints, frequentBigrams, type FrequentBigrams } from '../search/tokens.ts';
import { basePath } from '../utils/base-path.ts';
import { buildStep } from '../utils/build-step.ts';
import { acquireLock, LockBusyError, type Lock } from '../utils/file-lock.ts';
import {
  copyPagefindRuntime,
  INDEX_CHUNK_BYTES,
  mergeShards,
  metadataFile,
  pagefindWasmFile,
  type PagefindEntry,
} from './pagefind-merge.ts';
import {
  cacheOrigin,
  commitCache,
  keepSegment,
  keepShard,
  lockCache,
  newCacheFolderName,
  partialShardFolder,
  restoreSegment,
  shardFolder,
  shardPages,
  type CachedSegment,
  type CachedShard,
  type CacheManifest,
  type CacheOrigin,
} from './search-cache.ts';
import { PageReader } from './search-pages.ts';
import { indexJobs, sideBySide } from './index-jobs.ts';
import {
  indexInProcess,
  readDisplay,
  readDocuments,
  writePagefindRuntime,
} from './search-shard.ts';
import { planIndex, type Changes, type IndexedArticle, type IndexPlan } from './search-plan.ts';
import {
  segmentKey,
  segmentLayout,
  type SegmentLayout,
  type SegmentStart,
} from './search-segments.ts';
import {
  foldedText,
  indexWordCount,
  type SearchDisplay,
  type SearchDocument,
} from '../search/records.ts';

/** A built article page as the index build reads it: its search document, department and source. */
type ArticlePage = SearchDocument & { department: string | undefined; source: string | undefined };

/**
 * A copy of `text`, a piece of a page that htmlparser2 cut out: V8 keeps such a piece as a view
 * of the whole page, so the IDs and names kept of 100,000 reports would hold every page.
 */
const detached = (text: string) => Buffer.from(text).toString();

/** Reads the search document of a built article page; undefined for pages that are not articles. */
export function readSearchDocument(html: string): ArticlePage | undefined {
  const $ = load(html);
  const article = $('article[data-article-id]');
  if (!article.length) return undefined;
  const attribute = (name: string) => {
    const value = article.attr(name);
    return value === undefined ? undefined : detached(value);
  };
  const paragraphs = article
    .find('.body p')
    .map((_, p) => $(p).text().trim())
    .get();
  return {
    id: attribute('data-article-id')!,
    title: detached(article.find('h1').first().text().trim()),
    date: attribute('data-date')!,
    province: attribute('data-province')!,
    text: detached(paragraphs.join('\n')),
    department: attribute('data-department'),
    source: attribute('data-source'),
  };
}

/** What the indexer keeps of an article, with its department and source by number for the export file. */
type ArticleRef = IndexedArticle & ExportRef;

/**
 * Consecutive runs of items of about equal size (`counts`, in index words), as few as the
 * budget per shard allows. A shard can exceed the average by at most one item.
 */
export function splitIntoShards<T>(
  items: readonly T[],
  counts: readonly number[],
  budget: number,
): T[][] {
  const total = counts.reduce((sum, count) => sum + count, 0);
  const shards = Math.max(1, Math.ceil(total / budget));
  const split: T[][] = Array.from({ length: shards }, () => []);
  let before = 0;
  for (const [i, item] of items.entries()) {
    // An item goes to the shard its middle word falls in.
    split[Math.min(shards - 1, Math.floor(((before + counts[i]! / 2) * shards) / total))]!.push(
      item,
    );
    before += counts[i]!;
  }
  const filled = split.filter((shard) => shard.length);
  return filled.length ? filled : [[]];
}

/** How a build went. */
export interface IndexSummary {
  articles: number;
  /** Shards the merged index was made of. */
  shards: number;
  /** Of these, the shards written in this build; the others came from the cache. */
  indexed: number;
  /** Segments of the merged index (search-segments.ts). */
  segments: number;
  /** Of these, the segments merged in this build; the others came from the cache. */
  merged: number;
  /** Why the build was full (search-plan.ts); undefined if it was incremental. */
  fullBecause?: string;
  /** Reports changed since the full build, if the build was incremental. */
  changes?: Changes;
  /** Article pages parsed in this build; the others' documents came from the page cache. */
  parsed: number;
}

export interface IndexOptions {
  shardWords?: number;
  partitionPages?: number;
  segmentPages?: number;
  /** The cache folder between builds (search-cache.ts); without one, every build is full. */
  cacheDir?: string;
  /** Build in full even if the cache could serve. */
  full?: boolean;
  /** For a full build: these frequent bigrams instead of counting them (tests compare builds). */
  frequent?: FrequentBigrams;
  /** For a full build: segments starting here instead of cut anew (tests compare builds). */
  segmentStarts?: SegmentStart[];
  /** Told whom the build waits for when another build holds the cache; defaults to the console. */
  onWait?: (who: string) => void;
}

/** Held in `dist/` while the index is built: a second build into the same site fails at once. */
export const DIST_LOCK = '.search-index.lock';

/**
 * Locks the site, then the cache (always in this order, so two builds never wait for each
 * other); a build of another site sharing the cache waits for it.
 */
async function lockBuild(outDir: string, options: IndexOptions): Promise<Lock[]> {
  let site: Lock;
  try {
    site = acquireLock(join(outDir, DIST_LOCK));
  } catch (error) {
    if (!(error instanceof LockBusyError)) throw error;
    throw new Error(
      `another search index build is writing ${outDir} (${error.message}); nothing was changed`,
    );
  }
  if (!options.cacheDir) return [site];
  const onWait =
    options.onWait ??
    ((who: string) =>
      console.log(
        `search index: waiting for ${who}, which is using the cache ${options.cacheDir}`,
      ));
  try {
    return [site, await lockCache(options.cacheDir, onWait)];
  } catch (error) {
    site.release();
    throw error;
  }
}

/**
 * Builds the index for the article pages below `outDir`. Texts are not kept in memory: each
 * pass reads them back from the display files, so the indexer's own memory stays small
 * however large the archive. With a cache folder, indexes only what changed since the cache's
 * full build, when it can (search-plan.ts), and leaves the shards in the cache for the next.
 */
export async function writeSearchIndex(
  outDir: string,
  base: string,
  options: IndexOptions = {},
): Promise<IndexSummary> {
  const locks = await lockBuild(outDir, options);
  try {
    return await writeLockedIndex(outDir, base, options);
  } finally {
    for (const lock of locks.reverse()) lock.release();
  }
}

/** writeSearchIndex, once it holds the site and the cache. */
async function writeLockedIndex(
  outDir: string,
  base: string,
  options: IndexOptions,
): Promise<IndexSummary> {
  const docsDir = join(outDir, 'search', 'docs');
  const pagefindDir = join(outDir, 'pagefind');
  const exportFile = join(outDir, 'search', 'export.json');
  const searchPage = join(outDir, 'search', 'index.html');
  // Everything is written here first and takes the current index's place only once complete:
  // a page the index cannot take, or a failing Pagefind, leaves the current index as it was.
  const staging = join(outDir, '.search-index-new');
  rmSync(staging, { recursive: true, force: true });
  try {
    const built = await buildIndex(join(outDir, 'articles'), staging, base, options);
    const page =
      built.index && existsSync(searchPage)
        ? nameIndexFilesInSearchPage(searchPage, readFileSync(searchPage, 'utf8'), built.index)
        : undefined;
    // A second run over the same site starts afresh: no index or display file of the previous
    // run stays.
    rmSync(pagefindDir, { recursive: true, force: true });
    rmSync(docsDir, { recursive: true, force: true });
    mkdirSync(join(outDir, 'search'), { recursive: true });
    renameSync(join(staging, 'docs'), docsDir);
    if (built.index) renameSync(join(staging, 'pagefind'), pagefindDir);
    writeCatalog(join(outDir, 'search'), built.catalog);
    writeFileSync(exportFile, built.exportMetadata);
    if (page !== undefined) writeFileSync(searchPage, page);
    // The cache names the new shards only once the index made of them is in place.
    if (options.cacheDir && built.manifest) commitCache(options.cacheDir, built.manifest);
    return built.summary;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Writes the catalog's files (encodeCatalog) into `searchDir`, removing a previous build's others. */
function writeCatalog(searchDir: string, files: readonly string[]): void {
  const names = files.map((_, k) => catalogFileName(k));
  for (const name of readdirSync(searchDir))
    if (/^catalog-\d+\.json$/.test(name) && !names.includes(name)) rmSync(join(searchDir, name));
  for (const [k, file] of files.entries()) writeFileSync(join(searchDir, names[k]!), file);
}

/** SHA-256 of what the index takes of a report: a report whose hash changed was edited. */
const documentHash = (doc: SearchDocument) =>
  createHash('sha256')
    .update(JSON.stringify([doc.id, doc.date, doc.province, doc.title, doc.text]))
    .digest('hex');

/**
 * Reads every article page in `articlesDir` (through `pages`), writes its display file into
 * `docsDir`, and returns what the indexer keeps of each, numbering departments and sources in
 * `names`, oldest first. Fails, naming the file, on a page whose province or date the catalog cannot store (it
 * stores provinces by number and dates as days), or that names no department or source.
 */
function writeDisplayFiles(
  articlesDir: string,
  docsDir: string,
  pages: PageReader<ArticlePage>,
  names: NameList,
): ArticleRef[] {
  mkdirSync(docsDir, { recursive: true });
  const articles: ArticleRef[] = [];
  for (const id of existsSync(articlesDir) ? readdirSync(articlesDir) : []) {
    const file = join(articlesDir, id, 'index.html');
    if (!existsSync(file)) continue;
    const doc = pages.read(file);
    if (!doc) continue;
    if (!PROVINCE_SLUGS.includes(doc.province))
      throw new Error(`${file}: data-province "${doc.province}" is not a province of the archive`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(doc.date ?? ''))
      throw new Error(`${file}: data-date "${doc.date}" is not a YYYY-MM-DD date`);
    for (const field of ['department', 'source'] as const)
      if (!doc[field]) throw new Error(`${file}: the article element has no data-${field}`);
    const display: SearchDisplay = { title: doc.title, text: doc.text };
    writeFileSync(join(docsDir, `${doc.id}.json`), JSON.stringify(display));
    articles.push({
      id: doc.id,
      date: doc.date,
      province: doc.province,
      titleLength: codePoints(fold(doc.title)),
      hash: documentHash(doc),
      indexWords: indexWordCount(doc),
      department: names.number(doc.department!),
      source: names.number(doc.source!),
    });
  }
  // Oldest first, so shards follow time.
  return articles.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
}

/** The folded text of each document, as frequent bigrams are counted on it. */
function* foldedTexts(docs: Iterable<SearchDocument>): Generator<string> {
  for (const doc of docs) yield foldedText(doc);
}

/** A shard the merge reads: written in this build, or taken from the cache. */
interface ShardSource {
  dir: string;
  /** Page name in the shard → article ID. */
  articleOf: Map<string, string>;
  /** Article ID → hash of the document indexed: the page of a report edited or deleted since is left out. */
  indexed: Map<string, string>;
  /** Its entry in the cache's manifest, if the cache keeps it. */
  cached?: CachedShard;
}

/** Where new shards go: a folder of the build, removed after the merge, or the cache. */
interface ShardPlace {
  shardsDir: string;
  cache?: { dir: string; delta: boolean };
}

/** The cached shard as the merge reads it. */
const cachedSource = (cacheDir: string, shard: CachedShard): ShardSource => ({
  dir: shardFolder(cacheDir, shard),
  articleOf: shardPages(cacheDir, shard),
  indexed: new Map(shard.articles),
  cached: shard,
});

/** What every shard of a build is written with. */
interface ShardInput {
  /** The folder of the display files. */
  dir: string;
  frequent: FrequentBigrams;
  /** The entry file of Pagefind's runtime (writePagefindRuntime). */
  runtime: PagefindEntry;
}

/**
 * Indexes shard `n` in a process of its own, into the build's folder or the cache (`place`);
 * undefined if it has no articles.
 */
async function indexShard(
  shard: readonly IndexedArticle[],
  n: number,
  docs: ShardInput,
  place: ShardPlace,
): Promise<ShardSource | undefined> {
  const indexed = new Map(shard.map((article) => [article.id, article.hash]));
  const refs = shard.map(({ id, date, province }) => ({ id, date, province }));
  const { runtime } = docs;
  const write = (dir: string) =>
    indexInProcess({ docsDir: docs.dir, refs, frequent: [...docs.frequent], runtime, dir });
  if (!place.cache) {
    const dir = join(place.shardsDir, String(n));
    const articleOf = await write(dir);
    return articleOf.size ? { dir, articleOf, indexed } : undefined;
  }
  const name = newCacheFolderName();
  const partial = partialShardFolder(place.cache.dir, name);
  const articleOf = await write(partial);
  if (!articleOf.size) {
    rmSync(partial, { recursive: true, force: true });
    return undefined;
  }
  const cached: CachedShard = {
    dir: name,
    files: keepShard(place.cache.dir, name, articleOf),
    delta: place.cache.delta,
    articles: [...indexed],
  };
  return { ...cachedSource(place.cache.dir, cached), articleOf };
}

/** What the catalog and the search page say of the merged index, and what the cache keeps of it. */
type IndexFiles = IndexFileNames &
  Pick<CatalogLayout, 'partitions' | 'provincePartitions' | 'segments'> & {
    /** The merged segments as the cache keeps them (none without a cache). */
    cached: CachedSegment[];
    /** Segments merged in this build; the others were taken from the cache. */
    merged: number;
  };

/** The cache as the merge uses it: segments it may take, and where it keeps the ones it merges. */
interface SegmentCache {
  dir: string;
  /** Merged segments to take if made of the same reports (none in a full build). */
  segments: CachedSegment[];
}

/** How the merged index is laid out, and where its parts come from. */
interface IndexLayout {
  partitionPages: number;
  /** Reports per segment, newest first (search-segments.ts). */
  sizes: number[];
  /** The folder of Pagefind's runtime (writePagefindRuntime). */
  script: string;
  cache: SegmentCache | undefined;
}

/**
 * Merges the shards into `pagefindDir`, one index per segment of `sizes` reports
 * (segmentFolder), pages numbered by position in their segment of the catalog, in partitions
 * by province of at most `partitionPages` reports; takes a segment from the cache instead if
 * it keeps one merged from the same. Fails if a report was left out or Pagefind's WASM is not
 * the one the search page preloads.
 */
async function mergeIndex(
  sources: readonly ShardSource[],
  inCatalogOrder: readonly IndexedArticle[],
  pagefindDir: string,
  { partitionPages, sizes, script, cache }: IndexLayout,
): Promise<IndexFiles> {
  const position = new Map(inCatalogOrder.map((article, i) => [article.id, i]));
  const current = new Map(inCatalogOrder.map((article) => [article.id, article.hash]));
  const layout = partitionSegments(
    inCatalogOrder.map((article) => PROVINCE_SLUGS.indexOf(article.province)),
    PROVINCE_SLUGS.length,
    sizes,
    partitionPages,
  );
  const indexed = new Set<string>();
  /** The catalog position of a shard's page; undefined if edited or deleted since. */
  const positionOf = (n: number, hash: string) => {
    const id = sources[n]!.articleOf.get(hash) ?? '';
    const indexedHash = sources[n]!.indexed.get(id);
    if (indexedHash === undefined)
      throw new Error(`page ${hash} in shard ${n} belongs to no article of the shard`);
    // Edited or deleted since this shard was written: its current version is in another.
    if (current.get(id) !== indexedHash) return undefined;
    indexed.add(id);
    return position.get(id)!;
  };
  const shardPositions = (n: number) =>
    [...sources[n]!.indexed].flatMap(([id, hash]) =>
      current.get(id) === hash ? [position.get(id)!] : [],
    );
  const context = { sources, pagefindDir, positionOf, script, cache };
  const merged = await mergeSegments(shardPositions, inCatalogOrder, layout, context);
  // A segment taken from the cache was made of exactly these reports (segmentKey).
  for (const segment of merged) for (const id of segment.taken) indexed.add(id);
  checkMerged(inCatalogOrder, indexed, pagefindDir);
  const metas = merged.map((segment) => segment.meta);
  return {
    meta: metas[0]!,
    partitions: layout.count,
    provincePartitions: layout.byProvince,
    segments: layout.segments,
    // The metadata files are named by their content, so their names tell one index from another.
    tag: createHash('sha256').update(metas.join('\n')).digest('hex').slice(0, 16),
    cached: merged.flatMap((segment) => (segment.cached ? [segment.cached] : [])),
    merged: merged.filter((segment) => segment.merged).length,
  };
}

/** What every segment's merge reads and writes. */
interface SegmentContext {
  sources: readonly ShardSource[];
  pagefindDir: string;
  /** The catalog position of page `hash` of shard `n`, or undefined to leave it out. */
  positionOf: (n: number, hash: string) => number | undefined;
  /** The folder of Pagefind's script and WASM, for the first segment. */
  script: string;
  cache: SegmentCache | undefined;
}

/** One segment of the merged index, merged or taken from the cache. */
interface MergedSegment {
  meta: string;
  merged: boolean;
  /** The reports of a segment taken from the cache (none if merged). */
  taken: string[];
  /** Its entry in the cache's manifest. */
  cached?: CachedSegment;
}

/**
 * Merges or takes from the cache each segment of `layout` (reports `inCatalogOrder`), one
 * after another, into its folder; `shardPositions(n)` lists the catalog positions of the pages
 * of shard `n` that are not left out.
 */
async function mergeSegments(
  shardPositions: (n: number) => number[],
  inCatalogOrder: readonly IndexedArticle[],
  layout: SegmentedPartitioning,
  context: SegmentContext,
): Promise<MergedSegment[]> {
  const segmentAt = new Int32Array(inCatalogOrder.length);
  const places: SegmentPlace[] = [];
  let start = 0;
  let firstPartition = 0;
  for (const [k, [size, partitions]] of layout.segments.entries()) {
    segmentAt.fill(k, start, start + size);
    const first = firstPartition;
    const partitionOf = (i: number) => layout.ofReport[i]! - first;
    places.push({ k, start, size, partitions, partitionOf, shards: [] });
    start += size;
    firstPartition += partitions;
  }
  for (const n of context.sources.keys())
    for (const k of new Set(shardPositions(n).map((i) => segmentAt[i]!))) places[k]!.shards.push(n);
  // An empty archive still has an index, of its shard without pages.
  if (!places[0]!.shards.length) places[0]!.shards = [...context.sources.keys()];
  const merged: MergedSegment[] = [];
  for (const place of places) merged.push(await writeSegment(place, inCatalogOrder, context));
  return merged;
}

/** Where a segment's reports are: in the catalog, in partitions of its own, in shards. */
interface SegmentPlace {
  k: number;
  /** Catalog position of its first report. */
  start: number;
  size: number;
  partitions: number;
  /** The partition in the segment of the report at a catalog position. */
  partitionOf: (i: number) => number;
  /** The shards that hold its pages. */
  shards: number[];
}

/**
 * Writes segment `place.k` into its folder: taken from the cache if it keeps one merged from
 * the same reports, else merged from its shards (and kept in the cache).
 */
async function writeSegment(
  { k, start, size, partitions, partitionOf, shards }: SegmentPlace,
  inCatalogOrder: readonly IndexedArticle[],
  { sources, pagefindDir, positionOf, script, cache }: SegmentContext,
): Promise<MergedSegment> {
  const outDir = join(pagefindDir, segmentFolder(k), '.');
  const reports = inCatalogOrder.slice(start, start + size);
  const key = segmentKey({
    first: !k,
    chunkBytes: INDEX_CHUNK_BYTES,
    partitions,
    reports: reports.map(({ id, hash }, i) => [id, hash, partitionOf(start + i)]),
  });
  const kept = cache?.segments.find((segment) => segment.key === key);
  // A cached segment whose bytes changed is merged again, from the shards.
  if (kept && restoreSegment(cache!.dir, kept, outDir) === undefined) {
    if (!k) copyPagefindRuntime(script, outDir);
    const taken = reports.map(({ id }) => id);
    return { meta: metadataFile(outDir), merged: false, taken, cached: kept };
  }
  const keyOf = (m: number, hash: string) => {
    const i = positionOf(shards[m]!, hash);
    return i !== undefined && i >= start && i < start + size ? catalogKey(i - start) : undefined;
  };
  const meta = await mergeShards(
    shards.map((n) => sources[n]!.dir),
    outDir,
    keyOf,
    {
      chunkBytes: INDEX_CHUNK_BYTES,
      partitions,
      partitionOf: (pageKey) => partitionOf(start + catalogIndex(pageKey)),
      pageOrder: catalogIndex,
      ...(k ? { wasm: SEGMENT_WASM } : { script }),
    },
  );
  const cached = cache && keepSegment(cache.dir, outDir, key);
  return { meta, merged: true, taken: [], ...(cached ? { cached } : {}) };
}

/** Fails if a report is not in the merged index, or Pagefind's WASM is not the one the search page preloads. */
function checkMerged(
  articles: readonly IndexedArticle[],
  indexed: ReadonlySet<string>,
  pagefindDir: string,
): void {
  // A report left out could never be found: refuse rather than search inexactly.
  const missing = articles.filter((article) => !indexed.has(article.id));
  if (missing.length)
    throw new Error(
      `the search index has no page for ${missing.length} article(s): ${missing
        .slice(0, 5)
        .map((article) => article.id)
        .join(', ')}`,
    );
  // The search page preloads the WASM by this name; another would be fetched twice.
  const wasm = pagefindWasmFile(pagefindDir);
  if (wasm !== PAGEFIND_WASM)
    throw new Error(`Pagefind wrote ${wasm}, not ${PAGEFIND_WASM} (src/search/pagefind-index.ts)`);
}

/** What an index build decided: its frequent bigrams, shards to index and shards to reuse. */
interface Work {
  frequent: FrequentBigrams;
  shards: IndexedArticle[][];
  reused: CachedShard[];
}

/** The work `plan` leaves to do for `articles` (oldest first), with display files in `docsDir`. */
function workOf(
  plan: IndexPlan,
  articles: readonly IndexedArticle[],
  docsDir: string,
  options: IndexOptions,
): Work {
  const frequent = plan.full
    ? (options.frequent ?? frequentBigrams(foldedTexts(readDocuments(docsDir, articles))))
    : plan.frequent;
  const toIndex = plan.full ? articles : plan.toIndex;
  const counts = toIndex.map((article) => article.indexWords);
  const shardWords = options.shardWords ?? SEARCH_SHARD_WORDS;
  // A full build always writes a shard, even of no articles; an incremental one only for changes.
  const shards = plan.full || toIndex.length ? splitIntoShards(toIndex, counts, shardWords) : [];
  return { frequent, shards, reused: plan.full ? [] : plan.reused };
}

/**
 * Writes Pagefind's runtime into `docs.script`, indexes the shards of `work` and lists them
 * with the reused ones, as the merge reads them.
 */
async function shardSources(
  work: Work,
  docs: { dir: string; script: string },
  place: ShardPlace,
): Promise<{ sources: ShardSource[]; indexed: number }> {
  const reused = work.reused.map((shard) => cachedSource(place.cache!.dir, shard));
  const input: ShardInput = {
    dir: docs.dir,
    frequent: work.frequent,
    runtime: await writePagefindRuntime(docs.script),
  };
  const written = await sideBySide(
    work.shards.entries(),
    ([n, shard]) => indexShard(shard, n, input, place),
    indexJobs(),
  );
  const sources = [...reused, ...written.filter((source) => source !== undefined)];
  return { sources, indexed: work.shards.length };
}

/** Reads pages through the cache if the build has one; `--full` reads none of it. */
const pageReader = (origin: CacheOrigin | undefined, options: IndexOptions) =>
  new PageReader(
    readSearchDocument,
    origin && { dir: options.cacheDir!, origin, full: options.full },
  );

/** A build's plan, its segments and the reports in catalog order. */
interface Planned {
  plan: IndexPlan;
  layout: SegmentLayout;
  /** Reports per segment (SEARCH_SEGMENT_PAGES unless the options say). */
  perSegment: number;
  inCatalogOrder: IndexedArticle[];
}

/**
 * The plan for `articles` (search-plan.ts) and its segments (search-segments.ts): a segment of
 * the full build emptied or grown too far, or another segment size, makes the build full.
 */
function planWithSegments(
  articles: readonly IndexedArticle[],
  origin: CacheOrigin | undefined,
  options: IndexOptions,
): Planned {
  const inCatalogOrder = catalogOrder(articles);
  const perSegment = options.segmentPages ?? SEARCH_SEGMENT_PAGES;
  const plan = planIndex(articles, { cacheDir: options.cacheDir, origin, full: options.full });
  const starts = plan.full ? options.segmentStarts : plan.segmentStarts;
  const layout =
    plan.full || plan.segmentPages === perSegment
      ? segmentLayout(inCatalogOrder, perSegment, starts)
      : { problem: `segments of ${plan.segmentPages} reports in the cache, not ${perSegment}` };
  if (!('problem' in layout)) return { plan, layout, perSegment, inCatalogOrder };
  if (plan.full)
    throw new Error(`the segment starts given do not fit the archive: ${layout.problem}`);
  const fresh = segmentLayout(inCatalogOrder, perSegment) as SegmentLayout;
  const full: IndexPlan = { full: true, reason: layout.problem };
  return { plan: full, layout: fresh, perSegment, inCatalogOrder };
}

/**
 * Indexes the shards of `work` (into the cache if the build has one) and merges them with the
 * reused ones into `staging/pagefind/` (none without shards); returns the shards and the index.
 */
async function indexShards(
  { work, plan, layout, inCatalogOrder }: Planned & { work: Work },
  { docsDir, staging }: { docsDir: string; staging: string },
  options: IndexOptions,
) {
  const cacheDir = options.cacheDir;
  const place: ShardPlace = {
    shardsDir: join(staging, 'shards'),
    cache: cacheDir ? { dir: cacheDir, delta: !plan.full } : undefined,
  };
  const script = join(staging, 'pagefind-runtime');
  try {
    const built = await buildStep('search-shards', () =>
      shardSources(work, { dir: docsDir, script }, place),
    );
    if (!built.sources.length) return { built, index: undefined };
    const index = await buildStep('search-merge', () =>
      mergeIndex(built.sources, inCatalogOrder, join(staging, 'pagefind'), {
        partitionPages: options.partitionPages ?? SEARCH_PARTITION_PAGES,
        sizes: layout.sizes,
        script,
        cache: cacheDir ? { dir: cacheDir, segments: plan.full ? [] : plan.segments } : undefined,
      }),
    );
    return { built, index };
  } finally {
    rmSync(place.shardsDir, { recursive: true, force: true });
  }
}

/**
 * Builds the index of the article pages in `articlesDir` into `staging`: display files in
 * `docs/`, the merged Pagefind index in `pagefind/` (none without articles); returns the
 * catalog to write, the index files it names, and the cache's new manifest.
 */
async function buildIndex(
  articlesDir: string,
  staging: string,
  base: string,
  options: IndexOptions,
) {
  const docsDir = join(staging, 'docs');
  // Traditional characters are indexed as Simplified, as the search page folds queries (繁简通搜).
  foldTraditional();
  const names = new NameList();
  const origin = options.cacheDir ? cacheOrigin(base) : undefined;
  const pages = pageReader(origin, options);
  const articles = writeDisplayFiles(articlesDir, docsDir, pages, names);
  const planned = planWithSegments(articles, origin, options);
  const { plan, layout, perSegment } = planned;
  const work = workOf(plan, articles, docsDir, options);
  const { built, index } = await indexShards({ ...planned, work }, { docsDir, staging }, options);
  const manifest: CacheManifest | undefined = origin && {
    ...origin,
    frequent: [...work.frequent].sort(),
    segmentStarts: layout.starts,
    segmentPages: perSegment,
    fullReports: plan.full ? articles.length : plan.fullReports,
    shards: built.sources.map((source) => source.cached!),
    segments: index?.cached ?? [],
    pages: pages.pages,
  };
  const summary: IndexSummary = {
    articles: articles.length,
    shards: built.sources.length,
    indexed: built.indexed,
    segments: layout.sizes.length,
    merged: index?.merged ?? 0,
    parsed: pages.parsed,
    ...(plan.full ? { fullBecause: plan.reason } : { changes: plan.changes }),
  };
  return {
    summary,
    index,
    manifest,
    catalog: encodeCatalog(articles, { ...index, frequent: work.frequent }),
    exportMetadata: encodeExportMetadata(articles, names, (id) => readDisplay(docsDir, id).title),
  };
}

/**
 * The built search page (`html`, from `file`) with the index's metadata file and tag in place
 * of its stand-ins (PENDING_INDEX_FILES), or of an earlier index's, so that the page preloads
 * them and its script knows them at once. The search panel's INDEX_FILE_ATTRIBUTES say which
 * they are; a page without them is refused, naming the file.
 */
function nameIndexFilesInSearchPage(file: string, html: string, index: IndexFileNames): string {
  let named = html;
  for (const [key, attribute] of Object.entries(INDEX_FILE_ATTRIBUTES)) {
    const old = new RegExp(`\\s${attribute}="([^"]+)"`).exec(html)?.[1];
    if (!old)
      throw new Error(
        `${file} has no ${attribute} to name the search index in: was it built without reports, or is it not the search page?`,
      );
    named = named.replaceAll(old, index[key as keyof IndexFileNames]);
  }
  return named;
}

export default function searchIndex(): AstroIntegration {
  let base = '/';
  return {
    name: 'search-index',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = basePath(config.base);
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (process.env.SEARCH_INDEX === 'separate') {
          logger.info('search index left to scripts/build-search-index.ts (SEARCH_INDEX=separate)');
          return;
        }
        const started = performance.now();
        const { articles, shards } = await writeSearchIndex(fileURLToPath(dir), base);
        logger.info(
          `indexed ${articles} articles for search in ${shards} shard(s), ${Math.round(performance.now() - started)} ms`,
        );
      },
    },
  };
}
