/**
 * Exact search in the browser. Pagefind looks up the index words of each term (see
 * tokens.ts) and returns their positions; this module checks that the words stand in the
 * term's order, then combines terms, filters, counts and ranks with the catalog, and
 * fetches the display files of the results shown. Filter-only listings need no Pagefind.
 */
import { catalogIndex, catalogIndexFiles, decodeCatalog, type Catalog, type CatalogEntry } from './catalog.ts';
import type { SearchDisplay } from './records.ts';
import { PROVINCE_SLUGS } from '../data/provinces.ts';
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
  /** How many reports match under the filters. */
  total: number;
  /** The matches from `start` to `end` (exclusive), in order. */
  slice(start: number, end: number): CatalogEntry[];
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

/** Positions of one index word. */
interface WordPositions {
  /** Catalog positions of the records that have it. */
  records: number[];
  /** Its positions in each record, by catalog position. */
  positions: (readonly number[] | undefined)[];
}

/** Terms whose matches stay cached. */
const TERM_CACHE_SIZE = 16;

export class SearchEngine {
  private pagefind: Promise<Pagefind> | undefined;
  private readonly catalog: Promise<Catalog>;
  private readonly indexFiles: Promise<Pick<Catalog, 'meta' | 'tag'>>;
  /** The latest terms' matches (changing a filter or the sort searches the same terms again). */
  private readonly termCache = new Map<string, Promise<TermHits>>();
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
    const catalog = await this.catalog.catch((error: unknown) => {
      throw error instanceof IndexUnavailableError ? error : new IndexUnavailableError(String(error));
    });
    // An empty archive has no Pagefind index to ask.
    const hits = catalog.size ? await Promise.all(request.terms.map((term) => this.matchTerm(term))) : [];
    // An unknown province or year (-1, NaN) matches nothing.
    const year = request.year ? Number(request.year) : undefined;
    const province = request.province ? PROVINCE_SLUGS.indexOf(request.province) : undefined;
    const { size, years, provinces } = catalog;
    const provinceTally = new Uint32Array(PROVINCE_SLUGS.length);
    const yearTally = new Map<number, number>();
    // Catalog positions of the matches under both filters, newest first like the catalog.
    const shown: number[] = [];
    reports: for (let i = 0; i < size; i++) {
      for (const hit of hits) if (!hit.occurrences[i]) continue reports;
      const inYear = year === undefined || years[i] === year;
      const inProvince = province === undefined || provinces[i] === province;
      if (inYear) provinceTally[provinces[i]!]!++;
      if (inProvince) yearTally.set(years[i]!, (yearTally.get(years[i]!) ?? 0) + 1);
      if (inYear && inProvince) shown.push(i);
    }
    if (request.sort === 'relevance' && hits.length) {
      // Terms in the title first, then more occurrences; the sort is stable, so ties stay newest first.
      const inTitle = new Uint32Array(size);
      const occurrences = new Float64Array(size);
      for (const hit of hits) {
        for (const i of shown) {
          inTitle[i] = inTitle[i]! + hit.inTitle[i]!;
          occurrences[i] = occurrences[i]! + hit.occurrences[i]!;
        }
      }
      shown.sort((a, b) => inTitle[b]! - inTitle[a]! || occurrences[b]! - occurrences[a]!);
    }
    return {
      total: shown.length,
      slice: (start, end) => shown.slice(start, end).map(catalog.entry),
      provinceCounts: new Map(PROVINCE_SLUGS.flatMap((slug, p) => (provinceTally[p] ? [[slug, provinceTally[p]]] : []))),
      yearCounts: new Map([...yearTally].map(([y, n]) => [String(y), n])),
    };
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

  /** How the reports match a folded term (cached: see termCache). */
  private matchTerm(term: string): Promise<TermHits> {
    let cached = this.termCache.get(term);
    if (!cached) {
      cached = this.findTerm(term);
      this.termCache.set(term, cached);
      cached.catch(() => this.termCache.delete(term));
      // Each entry holds two arrays as long as the catalog: keep the latest few.
      if (this.termCache.size > TERM_CACHE_SIZE) this.termCache.delete(this.termCache.keys().next().value!);
    }
    return cached;
  }

  private async findTerm(term: string): Promise<TermHits> {
    const { size, titleLengths, frequent } = await this.catalog;
    const words = termWords(term, frequent);
    const found = await Promise.all(words.map(({ word }) => this.lookUp(word, size)));
    const hits: TermHits = { occurrences: new Uint32Array(size), inTitle: new Uint8Array(size) };
    // A match has every word: the records of the rarest one are the candidates.
    const rarest = found.reduce((a, b) => (b.records.length < a.records.length ? b : a));
    for (const index of rarest.records) {
      const positions = found.map((word) => word.positions[index]);
      if (!positions.every((list) => list !== undefined)) continue;
      const starts = occurrences(words, positions);
      if (!starts.length) continue;
      hits.occurrences[index] = starts.length;
      // The title comes first in the record.
      hits.inTitle[index] = starts[0]! < titleLengths[index]! ? 1 : 0;
    }
    return hits;
  }

  /**
   * Positions of an index word in every record that has it, by catalog position (Pagefind's
   * page ID is its key, in base 36). The word is stored once per partition of the index (see
   * partitionWord): one search each, all from the same chunk.
   */
  private async lookUp(word: string, size: number): Promise<WordPositions> {
    const [pagefind, { partitions }] = await Promise.all([this.loadPagefind(), this.catalog]);
    const found = await Promise.all(Array.from({ length: partitions }, (_, p) => pagefind.search(partitionWord(word, p, partitions))));
    const records: number[] = [];
    const positions: (readonly number[] | undefined)[] = new Array(size);
    for (const { results } of found) {
      for (const result of results) {
        const index = catalogIndex(result.id);
        // A page ID beyond the catalog would be an index that does not belong to it.
        if (index >= size) continue;
        records.push(index);
        positions[index] = result.words;
      }
    }
    return { records, positions };
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
