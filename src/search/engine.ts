/**
 * Exact search on top of Pagefind, in the browser. Pagefind finds the reports whose token
 * stream contains a term's bigram phrase (exact by construction, see tokens.ts); this module
 * combines terms, filters, counts and ranks, and loads the metadata of the results shown.
 */
import type { SearchMeta } from './records.ts';
import { TITLE_MARK, termLength, termQuery } from './tokens.ts';

interface PagefindResult {
  id: string;
  score: number;
  /** Positions of the matched words in the record. */
  words: number[];
  data(): Promise<{ meta: Record<string, string> }>;
}
interface PagefindResponse {
  results: PagefindResult[];
}
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string | null, options?: { filters?: Record<string, string>; sort?: Record<string, 'asc' | 'desc'> }): Promise<PagefindResponse>;
  filters(): Promise<Record<string, Record<string, number>>>;
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
  /** Matching report IDs, filtered and ordered. */
  ids: string[];
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

/** What is known of every report without loading its metadata. */
interface Catalog {
  /** Report IDs, newest first. */
  newestFirst: string[];
  rank: Map<string, number>;
  province: Map<string, string>;
  year: Map<string, string>;
  /** A Pagefind result per ID, to load metadata from. */
  handle: Map<string, PagefindResult>;
}

export class SearchEngine {
  private catalogPromise: Promise<Catalog> | undefined;
  private readonly termCache = new Map<string, Promise<Map<string, TermHit>>>();
  private readonly metaCache = new Map<string, Promise<SearchMeta>>();

  private constructor(private readonly pagefind: Pagefind) {}

  /** Loads Pagefind from `<base>pagefind/`. */
  static async load(base: string): Promise<SearchEngine> {
    let pagefind: Pagefind;
    try {
      pagefind = (await import(/* @vite-ignore */ `${base}pagefind/pagefind.js`)) as Pagefind;
      await pagefind.options({ basePath: `${base}pagefind/` });
      await pagefind.init();
    } catch (error) {
      throw new IndexUnavailableError(String(error));
    }
    return new SearchEngine(pagefind);
  }

  /** Runs a search; the outcome lists every match (paging is the caller's). */
  async search(request: SearchRequest): Promise<SearchOutcome> {
    const [catalog, hits] = await Promise.all([this.catalog(), Promise.all(request.terms.map((term) => this.matchTerm(term)))]);
    let matching = hits.length ? intersect(hits) : catalog.newestFirst;
    const byYear = request.year ? matching.filter((id) => catalog.year.get(id) === request.year) : matching;
    const byProvince = request.province ? matching.filter((id) => catalog.province.get(id) === request.province) : matching;
    const provinceCounts = count(byYear, catalog.province);
    const yearCounts = count(byProvince, catalog.year);
    matching = byYear.filter((id) => !request.province || catalog.province.get(id) === request.province);

    const newest = (a: string, b: string) => catalog.rank.get(a)! - catalog.rank.get(b)!;
    if (request.sort === 'newest' || !hits.length) {
      matching.sort(newest);
    } else {
      // Reports with the terms in the title first, then more occurrences, then newer.
      const titleHits = (id: string) => hits.reduce((sum, hit) => sum + (hit.get(id)!.inTitle ? 1 : 0), 0);
      const occurrences = (id: string) => hits.reduce((sum, hit) => sum + hit.get(id)!.occurrences, 0);
      const key = new Map(matching.map((id) => [id, [titleHits(id), occurrences(id)] as const]));
      matching.sort((a, b) => key.get(b)![0] - key.get(a)![0] || key.get(b)![1] - key.get(a)![1] || newest(a, b));
    }
    return { ids: matching, provinceCounts, yearCounts };
  }

  /** Metadata of one report (title, date, province, text) for display. */
  async meta(id: string): Promise<SearchMeta> {
    let cached = this.metaCache.get(id);
    if (!cached) {
      cached = this.catalog().then(async (catalog) => (await catalog.handle.get(id)!.data()).meta as unknown as SearchMeta);
      this.metaCache.set(id, cached);
    }
    return cached;
  }

  /** The reports that contain a folded term, with title hits and occurrence counts. */
  private matchTerm(term: string): Promise<Map<string, TermHit>> {
    let cached = this.termCache.get(term);
    if (!cached) {
      cached = this.runTerm(term);
      this.termCache.set(term, cached);
    }
    return cached;
  }

  private async runTerm(term: string): Promise<Map<string, TermHit>> {
    const length = termLength(term);
    const phrase = termQuery(term);
    // One- and two-character terms are a single (prefix) word: its positions are the occurrences.
    // Longer terms: the phrase search is the exact set; the same bigrams unquoted give their positions.
    const [exact, inTitle, spread] = await Promise.all([
      this.pagefind.search(phrase),
      this.pagefind.search(termQuery(term, TITLE_MARK)),
      length > 2 ? this.pagefind.search(phrase.replace(/"/g, '')) : undefined,
    ]);
    const titled = new Set(inTitle.results.map((result) => result.id));
    const positions = new Map((spread ?? exact).results.map((result) => [result.id, result.words]));
    const hits = new Map<string, TermHit>();
    for (const result of exact.results) {
      const occurrences = length > 2 ? countRuns(positions.get(result.id) ?? [], length - 1) : result.words.length;
      hits.set(result.id, { inTitle: titled.has(result.id), occurrences: Math.max(1, occurrences) });
    }
    return hits;
  }

  /** Date order, province and year of every report, from Pagefind's sort and filter data. */
  private catalog(): Promise<Catalog> {
    this.catalogPromise ??= (async () => {
      const [all, filters] = await Promise.all([this.pagefind.search(null, { sort: { date: 'desc' } }), this.pagefind.filters()]);
      const newestFirst = all.results.map((result) => result.id);
      const catalog: Catalog = {
        newestFirst,
        rank: new Map(newestFirst.map((id, i) => [id, i])),
        province: new Map(),
        year: new Map(),
        handle: new Map(all.results.map((result) => [result.id, result])),
      };
      const lookups = (['province', 'year'] as const).flatMap((filter) =>
        Object.keys(filters[filter] ?? {}).map(async (value) => {
          const { results } = await this.pagefind.search(null, { filters: { [filter]: value } });
          for (const result of results) catalog[filter].set(result.id, value);
        }),
      );
      await Promise.all(lookups);
      return catalog;
    })();
    return this.catalogPromise;
  }
}

/** IDs present in every map, in the order of the smallest. */
function intersect(maps: Map<string, TermHit>[]): string[] {
  const [smallest, ...others] = [...maps].sort((a, b) => a.size - b.size);
  return [...smallest!.keys()].filter((id) => others.every((map) => map.has(id)));
}

function count(ids: readonly string[], by: Map<string, string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of ids) {
    const key = by.get(id);
    if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** How many positions start a run of `length` consecutive positions (overlapping runs count). */
export function countRuns(positions: readonly number[], length: number): number {
  const set = new Set(positions);
  let runs = 0;
  for (const start of set) {
    let ok = true;
    for (let i = 1; i < length && ok; i++) ok = set.has(start + i);
    if (ok) runs++;
  }
  return runs;
}
