/**
 * The search index's cache between builds (docs/search.md, "Incremental builds"): the Pagefind
 * shards of the last build, as much of them as the merge needs, its merged segments, and what
 * it read of each article page (search-pages.ts), kept outside `dist/` (which `astro build`
 * empties), and a manifest of what each shard indexes and with which frequent bigrams and
 * segment starts, of the segments and of the pages. The manifest is
 * written last and atomically, and names only complete shard folders and page files, so a build
 * killed half-way leaves the previous cache usable; anything the manifest does not vouch for
 * (another schema, Pagefind version, base path or indexing code, a shard or page file whose
 * bytes changed) is not used.
 */
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostname } from 'node:os';
import { writeFileAtomic } from '../utils/atomic-file.ts';
import { acquireLock, describeHolder, LockBusyError, type Lock } from '../utils/file-lock.ts';

/** The cache folder unless SEARCH_INDEX_CACHE or `--cache` names another (relative to the working folder). */
export const DEFAULT_SEARCH_CACHE = 'node_modules/.cache/search-index';

/** Changes whenever the manifest's shape or the meaning of its fields changes. */
const SCHEMA = 3;
const MANIFEST = 'manifest.json';
/** Held by the build using the cache: two builds sharing one cache take turns. */
export const CACHE_LOCK = '.lock';
/** How often a build waiting for the cache looks again. */
const LOCK_POLL_MS = 500;
/** Page name → article ID, written into each cached shard. */
const PAGES = 'pages.json';

/** One shard of the cache. */
export interface CachedShard {
  /** Its folder below `<cache>/shards/`. */
  dir: string;
  /** SHA-256 of its files' names and bytes: a shard whose files differ is not used. */
  files: string;
  /** Whether it holds reports changed since the full build (else the full build wrote it). */
  delta: boolean;
  /** The reports it indexes: article ID and the hash of the search document it indexed. */
  articles: [id: string, hash: string][];
}

/** A merged segment of the index (search-segments.ts), as much of it as is not Pagefind's runtime. */
export interface CachedSegment {
  /** Its folder below `<cache>/segments/`. */
  dir: string;
  /** segmentKey of what it was merged from. */
  key: string;
  /** SHA-256 of its files' names and bytes: a segment whose files differ is not used. */
  files: string;
}

/** An article page the index build read (search-pages.ts): its key, and what it read of it. */
export interface CachedPage {
  /** SHA-1 of the page up to the end of its article element (pageKey). */
  key: string;
  /** SHA-1 of its display file (title and text), kept as `<cache>/pages/<display>.json`. */
  display: string;
  /** The rest of its search document: article ID, date, province (and any other field read). */
  fields: Record<string, string>;
}

/** What the cached shards were made with: shards made otherwise cannot be merged with new ones. */
export interface CacheOrigin {
  schema: number;
  /** Pagefind's version: its shards' format. */
  pagefind: string;
  /** The site's base path, in every record's URL. */
  base: string;
  /** SHA-256 of the code that turns a page into index words (see indexingCode). */
  code: string;
}

export interface CacheManifest extends CacheOrigin {
  /** The frequent bigrams (tokens.ts), frozen at the full build. */
  frequent: string[];
  /** Where the segments start (search-segments.ts), frozen at the full build. */
  segmentStarts: [date: string, id: string][];
  /** Reports per segment (SEARCH_SEGMENT_PAGES) the starts were cut for. */
  segmentPages: number;
  /** Reports at the full build: how far later builds may drift from it is a share of these. */
  fullReports: number;
  shards: CachedShard[];
  /** The merged segments of the build that wrote the manifest. */
  segments: CachedSegment[];
  /** Every article page of the build that wrote the manifest. */
  pages: CachedPage[];
}

/** Source files whose change changes the index words of a page. */
const INDEXING_CODE = [
  '../search/',
  './search-index.ts',
  './search-pages.ts',
  './search-shard.ts',
  './pagefind-shard.ts',
  './cbor-buffer.ts',
  // The merged segments' bytes.
  './search-segments.ts',
  './pagefind-merge.ts',
  './pagefind-merge-range.ts',
  './pagefind-chunk.ts',
];

/** SHA-256 over the sources that decide a page's index words (every file of src/search/, …). */
function indexingCode(): string {
  const hash = createHash('sha256');
  for (const path of INDEXING_CODE) {
    const place = fileURLToPath(new URL(path, import.meta.url));
    const files = statSync(place).isDirectory()
      ? readdirSync(place)
          .sort()
          .map((file) => join(place, file))
      : [place];
    for (const file of files) hash.update(`${relative(place, file)}\0`).update(readFileSync(file));
  }
  return hash.digest('hex');
}

/** The origin of shards this build writes, for a site with base path `base`. */
export function cacheOrigin(base: string): CacheOrigin {
  const packageFile = fileURLToPath(new URL('../package.json', import.meta.resolve('pagefind')));
  const { version } = JSON.parse(readFileSync(packageFile, 'utf8')) as { version: string };
  return { schema: SCHEMA, pagefind: version, base, code: indexingCode() };
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isSha1 = (value: unknown) => isString(value) && /^[0-9a-f]{40}$/.test(value);

/** Whether `value` has the shape of a cached page. */
function isCachedPage(value: unknown): value is CachedPage {
  const page = value as Partial<CachedPage> | null;
  const fields = page?.fields as Record<string, unknown> | undefined;
  return (
    typeof page === 'object' &&
    page !== null &&
    isSha1(page.key) &&
    isSha1(page.display) &&
    typeof fields === 'object' &&
    fields !== null &&
    ['id', 'date', 'province'].every((field) => field in fields) &&
    Object.values(fields).every(isString)
  );
}

/** Whether `value` has the manifest's shape (a file of another program or schema has not). */
function isManifest(value: unknown): value is CacheManifest {
  const manifest = value as Partial<CacheManifest> | null;
  return (
    typeof manifest === 'object' &&
    manifest !== null &&
    manifest.schema === SCHEMA &&
    [manifest.pagefind, manifest.base, manifest.code].every(isString) &&
    Array.isArray(manifest.frequent) &&
    manifest.frequent.every(isString) &&
    Number.isInteger(manifest.fullReports) &&
    Array.isArray(manifest.shards) &&
    manifest.shards.every(
      (shard) =>
        isString(shard?.dir) &&
        /^[\w-]+$/.test(shard.dir) &&
        isString(shard.files) &&
        typeof shard.delta === 'boolean' &&
        Array.isArray(shard.articles) &&
        shard.articles.every(
          (entry) => Array.isArray(entry) && entry.length === 2 && entry.every(isString),
        ),
    ) &&
    Number.isInteger(manifest.segmentPages) &&
    Array.isArray(manifest.segmentStarts) &&
    manifest.segmentStarts.every(
      (start) => Array.isArray(start) && start.length === 2 && start.every(isString),
    ) &&
    Array.isArray(manifest.segments) &&
    manifest.segments.every(
      (segment) =>
        isString(segment?.dir) &&
        /^[\w-]+$/.test(segment.dir) &&
        [segment.key, segment.files].every(isString),
    ) &&
    Array.isArray(manifest.pages) &&
    manifest.pages.every(isCachedPage)
  );
}

/** How the cache's origin differs from this build's, in words; undefined if it does not. */
function originDifference(cached: CacheOrigin, now: CacheOrigin): string | undefined {
  if (cached.pagefind !== now.pagefind)
    return `made by Pagefind ${cached.pagefind}, not ${now.pagefind}`;
  if (cached.base !== now.base) return `made for base path ${cached.base}, not ${now.base}`;
  if (cached.code !== now.code) return 'made by other indexing code (src/search/ changed)';
  return undefined;
}

/** The cache in `dir` if this build can use it, else why not. Shards are checked by verifyShard. */
export function readCache(
  dir: string,
  origin: CacheOrigin,
): { manifest: CacheManifest } | { problem: string } {
  const file = join(dir, MANIFEST);
  if (!existsSync(file)) return { problem: `none in ${dir}` };
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { problem: `${file} is not JSON (${(error as Error).message})` };
  }
  if (!isManifest(manifest))
    return { problem: `${file} is not a manifest of schema ${SCHEMA} of this program` };
  const difference = originDifference(manifest, origin);
  return difference ? { problem: difference } : { manifest };
}

/** The folder of a cached shard. */
export const shardFolder = (cacheDir: string, shard: Pick<CachedShard, 'dir'>) =>
  join(cacheDir, 'shards', shard.dir);

/** SHA-256 over the names and bytes of every file below `dir`. */
function folderHash(dir: string): string {
  const hash = createHash('sha256');
  const files = (readdirSync(dir, { recursive: true }) as string[])
    .filter((file) => statSync(join(dir, file)).isFile())
    .sort();
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(join(dir, file)));
  return hash.digest('hex');
}

/** Why a cached shard cannot be used (missing, or its files changed); undefined if it can. */
export function verifyShard(cacheDir: string, shard: CachedShard): string | undefined {
  const dir = shardFolder(cacheDir, shard);
  if (!existsSync(join(dir, PAGES))) return `shard ${shard.dir} is missing`;
  if (folderHash(dir) !== shard.files) return `shard ${shard.dir} was changed or damaged`;
  return undefined;
}

/** Page name → article ID of a cached shard. */
export function shardPages(cacheDir: string, shard: Pick<CachedShard, 'dir'>): Map<string, string> {
  const pages = JSON.parse(
    readFileSync(join(shardFolder(cacheDir, shard), PAGES), 'utf8'),
  ) as Record<string, string>;
  return new Map(Object.entries(pages));
}

let shardsMade = 0;

/**
 * A new folder name for a shard or a merged segment, unique to this process:
 * `<cache>/shards/<name>.partial` (or `segments/`) is where it is written.
 */
export function newCacheFolderName(): string {
  shardsMade += 1;
  return `${Date.now().toString(36)}-${process.pid}-${shardsMade}`;
}

/** What the merge reads of a shard (pagefind-merge.ts). */
const KEPT = /^(pagefind-entry\.json|pagefind\..+\.pf_meta|index)$/;

/**
 * Keeps the shard written into `<cache>/shards/<name>.partial`: drops what the merge
 * does not read, records its pages (`pages`: page name → article ID), and moves it
 * to its place. Returns the hash of its files.
 */
export function keepShard(cacheDir: string, name: string, pages: Map<string, string>): string {
  const partial = join(cacheDir, 'shards', `${name}.partial`);
  for (const file of readdirSync(partial))
    if (!KEPT.test(file)) rmSync(join(partial, file), { recursive: true, force: true });
  writeFileSync(join(partial, PAGES), JSON.stringify(Object.fromEntries(pages)));
  const files = folderHash(partial);
  renameSync(partial, join(cacheDir, 'shards', name));
  return files;
}

/** The folder of a cached merged segment. */
const segmentCacheFolder = (cacheDir: string, segment: Pick<CachedSegment, 'dir'>) =>
  join(cacheDir, 'segments', segment.dir);

/**
 * Keeps a copy of the merged segment in `dir` in the cache, without Pagefind's runtime and
 * other segments' folders (what a shard keeps, KEPT); returns its manifest entry.
 */
export function keepSegment(cacheDir: string, dir: string, key: string): CachedSegment {
  const name = newCacheFolderName();
  const partial = join(cacheDir, 'segments', `${name}.partial`);
  mkdirSync(partial, { recursive: true });
  for (const file of readdirSync(dir))
    if (KEPT.test(file)) cpSync(join(dir, file), join(partial, file), { recursive: true });
  const files = folderHash(partial);
  renameSync(partial, segmentCacheFolder(cacheDir, { dir: name }));
  return { dir: name, key, files };
}

/**
 * Copies a cached segment into `outDir`, which must not exist, and checks the copy's bytes;
 * returns why it cannot be used (and leaves no `outDir`), or undefined.
 */
export function restoreSegment(
  cacheDir: string,
  segment: CachedSegment,
  outDir: string,
): string | undefined {
  const dir = segmentCacheFolder(cacheDir, segment);
  if (!existsSync(dir)) return `segment ${segment.dir} is missing`;
  cpSync(dir, outDir, { recursive: true, errorOnExist: true, force: false });
  if (folderHash(outDir) === segment.files) return undefined;
  rmSync(outDir, { recursive: true, force: true });
  return `segment ${segment.dir} was changed or damaged`;
}

/** The folder a shard `name` is written into before keepShard. */
export function partialShardFolder(cacheDir: string, name: string): string {
  mkdirSync(join(cacheDir, 'shards'), { recursive: true });
  return join(cacheDir, 'shards', `${name}.partial`);
}

/** The folder of the cached pages' display files. */
export const cachedPagesFolder = (cacheDir: string) => join(cacheDir, 'pages');

/** The cached display file whose SHA-1 is `display`. */
export const cachedPageFile = (cacheDir: string, display: string) =>
  join(cachedPagesFolder(cacheDir), `${display}.json`);

/** Removes every file of `dir` (if there) whose name `keep` refuses. */
function removeOthers(dir: string, keep: (name: string) => boolean): void {
  for (const name of existsSync(dir) ? readdirSync(dir) : [])
    if (!keep(name)) rmSync(join(dir, name), { recursive: true, force: true });
}

/**
 * Writes the manifest (atomically: the previous one stays whole until the new one replaces
 * it), then removes every shard and segment folder and page file it does not name (earlier
 * ones, and those of a build that was killed) and manifests that a killed build left
 * half-written.
 */
export function commitCache(cacheDir: string, manifest: CacheManifest): void {
  writeFileAtomic(join(cacheDir, MANIFEST), JSON.stringify(manifest));
  removeOthers(cacheDir, (file) => !file.startsWith(`${MANIFEST}.tmp-`));
  const shards = new Set(manifest.shards.map((shard) => shard.dir));
  removeOthers(join(cacheDir, 'shards'), (dir) => shards.has(dir));
  const segments = new Set(manifest.segments.map((segment) => segment.dir));
  removeOthers(join(cacheDir, 'segments'), (dir) => segments.has(dir));
  const pages = new Set(manifest.pages.map((page) => `${page.display}.json`));
  removeOthers(cachedPagesFolder(cacheDir), (file) => pages.has(file));
}

/**
 * Takes the cache's lock, waiting while another build on this machine holds it (`onWait` is
 * told once whom it waits for); a stale lock (its process gone) is replaced. A lock held on
 * another host is never judged stale: that fails, naming the file to delete.
 */
export async function lockCache(cacheDir: string, onWait: (who: string) => void): Promise<Lock> {
  mkdirSync(cacheDir, { recursive: true });
  const path = join(cacheDir, CACHE_LOCK);
  for (let told = false; ; told = true) {
    try {
      return acquireLock(path);
    } catch (error) {
      if (!(error instanceof LockBusyError)) throw error;
      if (error.holder && error.holder.host !== hostname())
        throw new Error(
          `the search index cache ${cacheDir} is held by ${describeHolder(error.holder)}; if no build runs there, delete ${path}`,
        );
      if (!told) onWait(describeHolder(error.holder));
    }
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
}
