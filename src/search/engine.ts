/**
 * Exact search in the browser. Pagefind looks up the index words of each term (see
 * tokens.ts) and returns their positions; this module checks that the words stand in the
 * term's order, then combines terms, filters, counts and ranks with the catalog, and
 * fetches the display files of the results shown. Filter-only listings need no Pagefind.
 */
import { decodeCatalog, type Catalog, type CatalogEntry } from './catalog.ts';
import type { SearchDisplay } from './records.ts';
import { shardFolder } from './shards.ts';
import { occurrences, termWords } from './tokens.ts';

interface PagefindResult {
  id: string;
  /** Positions of the matched word in the record. */
  words: number[];
}
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string): Promise<{ results: PagefindResult[] }>;
  mergeIndex(indexPath: string, options?: Record<string, unknown>): Promise<void>;
}

/** Raised when the index cannot be loaded (e.g. `astro dev`, where it does not exist). */
export class IndexUnavailableError extends Error {
  override name = 'IndexUnavailableError';
}

export type SortOrder = 'relevance' | 'newest';

export interface SearchRequest {
  /** Folded terms; all must occur. Empty: list by filters alone. */
  terms: string[];
  province?: string | undefined;
  year?: string | undefined;
  sort: SortOrder;
}

export interface SearchOutcome {
  /** Matching reports, filtered and ordered. */
  entries: CatalogEntry[];
  /** Matches per province, under the query and the year filter. */
  provinceCounts: Map<string, number>;
  /** Matches per year, under the query and the province filter. */
  yearCounts: Map<string, number>;
}

/** How one report matches one term. */
interface TermHit {
  inTitle: boolean;
  occurrences: number;
}

export class SearchEngine {
  private pagefind: Promise<Pagefind> | undefined;
  private readonly catalog: Promise<Catalog>;
  /** Title length per catalog page key, for telling title hits apart. */
  private readonly titleLengths: Promise<Map<string, number>>;
  private readonly lookUpCache = new Map<string, Promise<Map<string, readonly number[]>>>();
  private readonly displayCache = new Map<string, Promise<SearchDisplay>>();

  /** `hasReports`: false for an empty archive, which has no index to load (the page knows it when it is built). */
  constructor(
    private readonly base: string,
    private readonly hasReports = true,
  ) {
    this.catalog = fetch(`${base}search/catalog.json`, { cache: 'no-cache' }).then(async (response) => {
      if (!response.ok) throw new IndexUnavailableError(`catalog: HTTP ${response.status}`);
      return decodeCatalog(await response.text());
    });
    this.titleLengths = this.catalog.then(({ entries }) => new Map(entries.map((entry) => [entry.page, entry.titleLength])));
    this.catalog.catch(() => undefined);
    this.titleLengths.catch(() => undefined);
  }

  /** Runs a search; the outcome lists every match (paging is the caller's). */
  async search(request: SearchRequest): Promise<SearchOutcome> {
    if (request.terms.length) this.warmUp();
    const { entries: catalog } = await this.catalog.catch((error: unknown) => {
      throw error instanceof IndexUnavailableError ? error : new IndexUnavailableError(String(error));
    });
    // An empty archive has no Pagefind index to ask.
    const hits = catalog.length ? await Promise.all(request.terms.map((term) => this.matchTerm(term))) : request.terms.map(() => new Map<string, TermHit>());
    const matching = hits.length ? catalog.filter((entry) => hits.every((hit) => hit.has(entry.page))) : catalog;
    const inYear = (entry: CatalogEntry) => !request.year || entry.date.startsWith(request.year);
    const inProvince = (entry: CatalogEntry) => !request.province || entry.province === request.province;
    const provinceCounts = count(matching.filter(inYear), (entry) => entry.province);
    const yearCounts = count(matching.filter(inProvince), (entry) => entry.date.slice(0, 4));
    // The catalog is newest first, so filtering keeps that order.
    const entries = matching.filter((entry) => inYear(entry) && inProvince(entry));
    if (request.sort === 'relevance' && hits.length) {
      // Terms in the title first, then more occurrences, ties newest first (catalog order).
      const ranked = entries.map((entry, order) => {
        const perTerm = hits.map((hit) => hit.get(entry.page)!);
        return { entry, order, inTitle: perTerm.filter((hit) => hit.inTitle).length, occurrences: perTerm.reduce((sum, hit) => sum + hit.occurrences, 0) };
      });
      ranked.sort((a, b) => b.inTitle - a.inTitle || b.occurrences - a.occurrences || a.order - b.order);
      return { entries: ranked.map(({ entry }) => entry), provinceCounts, yearCounts };
    }
    return { entries, provinceCounts, yearCounts };
  }

  /** Starts loading Pagefind (script, WASM, metadata) ahead of the first term search. */
  warmUp(): void {
    this.loadPagefind().catch(() => undefined);
  }

  /** Title and text of one report, for its result. */
  display(entry: CatalogEntry): Promise<SearchDisplay> {
    let cached = this.displayCache.get(entry.id);
    if (!cached) {
      cached = fetch(`${this.base}search/docs/${entry.id}.json`).then(async (response) => {
        if (!response.ok) throw new IndexUnavailableError(`display ${entry.id}: HTTP ${response.status}`);
        return (await response.json()) as SearchDisplay;
      });
      this.displayCache.set(entry.id, cached);
      cached.catch(() => this.displayCache.delete(entry.id));
    }
    return cached;
  }

  /** The reports containing a folded term, by catalog key. */
  private async matchTerm(term: string): Promise<Map<string, TermHit>> {
    const words = termWords(term, (await this.catalog).frequent);
    const found = await Promise.all(words.map(({ word }) => this.lookUp(word)));
    const titleLength = await this.titleLengths;
    const hits = new Map<string, TermHit>();
    const [smallest] = [...found].sort((a, b) => a.size - b.size);
    for (const page of smallest!.keys()) {
      if (!found.every((positions) => positions.has(page))) continue;
      const starts = occurrences(words, found.map((positions) => positions.get(page)!));
      if (!starts.length) continue;
      // The title comes first in the record.
      hits.set(page, { inTitle: starts[0]! < (titleLength.get(page) ?? 0), occurrences: starts.length });
    }
    return hits;
  }

  /** Positions of an index word in every record that has it, by catalog key (Pagefind's page ID). */
  private lookUp(query: string): Promise<Map<string, readonly number[]>> {
    let cached = this.lookUpCache.get(query);
    if (!cached) {
      cached = this.loadPagefind()
        .then((pagefind) => pagefind.search(query))
        .then(({ results }) => new Map(results.map((result) => [result.id, result.words])));
      this.lookUpCache.set(query, cached);
      cached.catch(() => this.lookUpCache.delete(query));
    }
    return cached;
  }

  private loadPagefind(): Promise<Pagefind> {
    this.pagefind ??= (async () => {
      try {
        // An empty archive has no index: Pagefind would only report that it found none.
        if (!this.hasReports) throw new IndexUnavailableError('the archive has no reports');
        const folder = `${this.base}pagefind/`;
        const [pagefind, { shards, tag }] = await Promise.all([import(/* @vite-ignore */ `${folder}pagefind.js`) as Promise<Pagefind>, this.catalog]);
        // Everything else Pagefind is about to fetch, at once (the page preloads its WASM): each
        // shard's entry file (its URL is known given the tag) and metadata. Pagefind would fetch
        // them in rounds, the merged shards' only once the first is ready.
        for (const [n, file] of shards.entries()) {
          preload(`${folder}${shardFolder(n)}pagefind-entry.json?ts=${tag}`);
          preload(`${folder}${file}`);
        }
        // No web worker: copying thousands of results with their positions back from a worker
        // cost more than the search itself (results 25–30% sooner without; see README, Benchmark).
        await pagefind.options({ basePath: folder, noWorker: true, metaCacheTag: tag });
        await pagefind.init();
        // Merged shards share the first one's WASM; a search runs on all of them at once.
        await Promise.all(shards.slice(1).map((_, i) => pagefind.mergeIndex(`${folder}${shardFolder(i + 1)}`, { metaCacheTag: tag })));
        return pagefind;
      } catch (error) {
        this.pagefind = undefined;
        throw new IndexUnavailableError(String(error));
      }
    })();
    return this.pagefind;
  }
}

/** Starts fetching a file that Pagefind will ask for, so that its own request finds it ready. */
function preload(href: string): void {
  const link = Object.assign(document.createElement('link'), { rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', href });
  document.head.append(link);
}

function count(entries: readonly CatalogEntry[], key: (entry: CatalogEntry) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of entries) counts.set(key(entry), (counts.get(key(entry)) ?? 0) + 1);
  return counts;
}
