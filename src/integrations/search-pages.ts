/**
 * The index build's page cache (docs/search.md, "Incremental builds"): what the build read from
 * each article page, kept in the search index's cache folder (search-cache.ts) under a key of
 * the page's bytes, so that a later build parses only the pages whose key is not there.
 * `astro build` writes every page anew, but a report's page keeps its bytes, up to the end of
 * its article element, until the report or the site's code changes; what follows the article
 * (上一篇/下一篇, related reports) changes with other reports and is not part of the key.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../utils/atomic-file.ts';
import type { SearchDocument } from '../search/records.ts';
import {
  cachedPageFile,
  cachedPagesFolder,
  readCache,
  type CachedPage,
  type CacheOrigin,
} from './search-cache.ts';

const sha1 = (data: string | Uint8Array) => createHash('sha1').update(data).digest('hex');

/**
 * The key of an article page: SHA-1 of the page up to its last `</article>`, the part that
 * readSearchDocument reads (an element closed there cannot change with what follows), or of
 * the whole page if an article element may start or end after it.
 */
export function pageKey(html: string): string {
  const close = html.lastIndexOf('</article>');
  const end = close + '</article>'.length;
  if (close < 0 || /<\/?article/i.test(html.slice(end))) return sha1(html);
  return sha1(html.slice(0, end));
}

/** A page's document as the cache stores it: the display file's title and text apart. */
const fieldsOf = ({ title: _title, text: _text, ...fields }: SearchDocument) =>
  fields as unknown as Record<string, string>;

/** The display file's JSON of a document, as the index build writes it. */
const displayJson = (doc: SearchDocument) => JSON.stringify({ title: doc.title, text: doc.text });

/**
 * Reads article pages through the cache in `cacheDir` (none: every page is parsed). Pages
 * whose key the cache holds, with their display file whole, are not parsed; every page read
 * is recorded for the cache's next manifest (`pages`). `Doc` is what `parse` reads of a page:
 * the cache keeps all its fields, title and text in the display file and the rest as strings.
 */
export class PageReader<Doc extends SearchDocument = SearchDocument> {
  /** Pages parsed in this build, the rest came from the cache. */
  parsed = 0;
  private readonly known: Map<string, CachedPage>;
  private readonly kept = new Map<string, CachedPage>();

  constructor(
    private readonly parse: (html: string) => Doc | undefined,
    private readonly cache: { dir: string; origin: CacheOrigin; full?: boolean } | undefined,
  ) {
    const read = cache && !cache.full ? readCache(cache.dir, cache.origin) : undefined;
    const pages = read && 'manifest' in read ? read.manifest.pages : [];
    this.known = new Map(pages.map((page) => [page.key, page]));
    if (cache) mkdirSync(cachedPagesFolder(cache.dir), { recursive: true });
  }

  /** The search document of the page in `file`; undefined if it is not an article page. */
  read(file: string): Doc | undefined {
    const html = readFileSync(file, 'utf8');
    const key = pageKey(html);
    const cached = this.fromCache(key);
    if (cached) return cached;
    this.parsed++;
    const doc = this.parse(html);
    if (doc && this.cache) this.keep(key, doc);
    return doc;
  }

  /** The pages read, as the cache's manifest lists them. */
  get pages(): CachedPage[] {
    return [...this.kept.values()];
  }

  /** The cached document of a page with `key`, if its display file is there and whole. */
  private fromCache(key: string): Doc | undefined {
    const page = this.known.get(key);
    if (!page) return undefined;
    const file = cachedPageFile(this.cache!.dir, page.display);
    if (!existsSync(file)) return undefined;
    const bytes = readFileSync(file);
    if (sha1(bytes) !== page.display) return undefined;
    const { title, text } = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    if (typeof title !== 'string' || typeof text !== 'string') return undefined;
    this.kept.set(key, page);
    return { ...(page.fields as unknown as Doc), title, text };
  }

  /** Records a parsed page in the cache: its display file, named by its SHA-1, and its fields. */
  private keep(key: string, doc: Doc): void {
    const json = displayJson(doc);
    const display = sha1(json);
    const file = cachedPageFile(this.cache!.dir, display);
    writeFileAtomic(file, json);
    this.kept.set(key, { key, display, fields: fieldsOf(doc) });
  }
}
