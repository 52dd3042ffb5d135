/**
 * Exact search in the browser. Pagefind looks up the index words of each term (see
 * tokens.ts) and returns their positions; this module checks that the words stand in the
 * term's order, then combines terms, filters, counts and ranks with the catalog, and
 * fetches the display files of the results shown. Filter-only listings need no Pagefind.
 */
import { catalogIndex, catalogIndexFiles, decodeCatalog, type Catalog, type CatalogEntry } from './catalog.ts';
import type { SearchDisplay } from './records.ts';
import { partitionWord } from './pagefind-index.ts';
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

/**
 * How the reports match one term, by catalog index (typed arrays: a common term matches
 * thousands of reports, and phones are slow).
 */
interface TermHits {
  /** Occurrences in the report; 0: no match. */
  occurrences: Uint32Array;
  /** 1 where an occurrence is in the title. */
  inTitle: Uint8Array;
}

export class SearchEngine {
  private pagefind: Promise<Pagefind> | undefined;
  private readonly catalog: Promise<Catalog>;
  private readonly indexFiles: Promise<Pick<Catalog, 'meta' | 'tag'>>;
  private readonly lookUpCache = new Map<string, Promise<Map<number, readonly number[]>>>();
  private readonly displayCache = new Map<string, Promise<SearchDisplay>>();

  /** `hasReports`: false for an empty archive, which has no index to load (the page knows it when it is built). */
  constructor(
    private readonly base: string,
    private readonly hasReports = true,
  ) {
    const text = fetch(`${base}search/catalog.json`, { cache: 'no-cache' }).then(async (response) => {
      if (!response.ok) throw new IndexUnavailableError(`catalog: HTTP ${response.status}`);
      return response.text();
    });
    this.indexFiles = text.then(catalogIndexFiles);
    // Decoding thousands of entries takes a while on a phone: Pagefind's files are asked for first.
    this.catalog = this.indexFiles.then(() => text).then(decodeCatalog);
    this.indexFiles.catch(() => undefined);
    this.catalog.catch(() => undefined);
  }

  /** Runs a search; the outcome lists every match (paging is the caller's). */
  async search(request: SearchRequest): Promise<SearchOutcome> {
    if (request.terms.length) this.warmUp();
    const { entries: catalog } = await this.catalog.catch((error: unknown) => {
      throw error instanceof IndexUnavailableError ? error : new IndexUnavailableError(String(error));
    });
    // An empty archive has no Pagefind index to ask.
    const hits = catalog.length ? await Promise.all(request.terms.map((term) => this.matchTerm(term))) : [];
    const inYear = (entry: CatalogEntry) => !request.year || entry.date.startsWith(request.year);
    const inProvince = (entry: CatalogEntry) => !request.province || entry.province === request.province;
    const provinceCounts = new Map<string, number>();
    const yearCounts = new Map<string, number>();
    // Catalog indices of the matches under both filters, newest first like the catalog.
    const shown: number[] = [];
    for (const [i, entry] of catalog.entries()) {
      if (!hits.every((hit) => hit.occurrences[i])) continue;
      const year = inYear(entry);
      const province = inProvince(entry);
      if (year) provinceCounts.set(entry.province, (provinceCounts.get(entry.province) ?? 0) + 1);
      if (province) yearCounts.set(entry.date.slice(0, 4), (yearCounts.get(entry.date.slice(0, 4)) ?? 0) + 1);
      if (year && province) shown.push(i);
    }
    if (request.sort === 'relevance' && hits.length) {
      // Terms in the title first, then more occurrences; the sort is stable, so ties stay newest first.
      const inTitle = new Uint32Array(catalog.length);
      const occurrences = new Float64Array(catalog.length);
      for (const hit of hits) {
        for (const i of shown) {
          inTitle[i] = inTitle[i]! + hit.inTitle[i]!;
          occurrences[i] = occurrences[i]! + hit.occurrences[i]!;
        }
      }
      shown.sort((a, b) => inTitle[b]! - inTitle[a]! || occurrences[b]! - occurrences[a]!);
    }
    return { entries: shown.map((i) => catalog[i]!), provinceCounts, yearCounts };
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

  /** How the reports match a folded term. */
  private async matchTerm(term: string): Promise<TermHits> {
    const { entries, frequent } = await this.catalog;
    const words = termWords(term, frequent);
    const found = await Promise.all(words.map(({ word }) => this.lookUp(word)));
    const hits: TermHits = { occurrences: new Uint32Array(entries.length), inTitle: new Uint8Array(entries.length) };
    const [smallest] = [...found].sort((a, b) => a.size - b.size);
    for (const index of smallest!.keys()) {
      const positions = found.map((word) => word.get(index));
      if (!positions.every((list) => list !== undefined)) continue;
      const starts = occurrences(words, positions);
      if (!starts.length || !entries[index]) continue;
      hits.occurrences[index] = starts.length;
      // The title comes first in the record.
      hits.inTitle[index] = starts[0]! < entries[index].titleLength ? 1 : 0;
    }
    return hits;
  }

  /**
   * Positions of an index word in every record that has it, by catalog index (Pagefind's page
   * ID is its key, in base 36). The word is stored once per partition of the index (see
   * partitionWord): one search each, all from the same chunk.
   */
  private lookUp(query: string): Promise<Map<number, readonly number[]>> {
    let cached = this.lookUpCache.get(query);
    if (!cached) {
      cached = Promise.all([this.loadPagefind(), this.catalog]).then(async ([pagefind, { partitions }]) => {
        const found = await Promise.all(Array.from({ length: partitions }, (_, p) => pagefind.search(partitionWord(query, p, partitions))));
        return new Map(found.flatMap(({ results }) => results.map((result) => [catalogIndex(result.id), result.words] as const)));
      });
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
        // What else Pagefind is about to fetch, as soon as the catalog names it, while its script
        // and WASM still load (the page preloads those): its entry file (its URL is known given
        // the tag) and metadata. Pagefind would fetch them one after the other, after its WASM.
        const script = import(/* @vite-ignore */ `${folder}pagefind.js`) as Promise<Pagefind>;
        script.catch(() => undefined);
        const { meta, tag } = await this.indexFiles;
        preload(`${folder}pagefind-entry.json?ts=${tag}`);
        preload(`${folder}${meta}`);
        const pagefind = await script;
        // No web worker: copying thousands of results with their positions back from a worker
        // cost more than the search itself (results 25–30% sooner without; see README, Benchmark).
        await pagefind.options({ basePath: folder, noWorker: true, metaCacheTag: tag });
        await pagefind.init();
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
