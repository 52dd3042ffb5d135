/**
 * Exact search in the browser. Pagefind looks up the index words of each term (see
 * tokens.ts) and returns their positions; this module checks that the words stand in the
 * term's order, then combines terms, filters, counts and ranks with the catalog, and
 * fetches the display files of the results shown. Filter-only listings need no Pagefind.
 */
import {
  catalogDecoder,
  catalogFileName,
  catalogIndex,
  dayNumber,
  type Catalog,
  type CatalogDecoder,
  type CatalogEntry,
  type CatalogSegment,
} from './catalog.ts';
import type { SearchDisplay } from './records.ts';
import { PROVINCE_SLUGS } from '../data/provinces.ts';
import { inSlices, slice, sortInSlices } from '../utils/slices.ts';
import { partitionWord, segmentFolder } from './pagefind-index.ts';
import { termsToFind, type SearchQuery } from './query.ts';
import { occurrences, termWords } from './tokens.ts';

/**
 * The bounds of the search's slices (see src/utils/slices.ts), by slice name: the steps that go
 * over reports handle at most `rows` of them a slice (SEARCH_SLICE_ROWS, which the page
 * names), each Pagefind call is a slice of its own.
 */
export function searchSliceBounds(rows: number) {
  return {
    /** Catalog rows decoded. */
    'search:catalog': rows,
    /** Pagefind start-up steps: loading its script, its options, init, ready. */
    'search:pagefind': 1,
    /** Pagefind searches started (one index word in one partition). */
    'search:lookup': 1,
    /** Pagefind results read back. */
    'search:results': rows,
    /** Reports whose index words are checked for the term's order. */
    'search:words': rows,
    /** A partition's matches of a term gathered. */
    'search:hits': rows,
    /** Reports scanned against the terms and filters. */
    'search:match': rows,
    /** Matches ranked, or placed by the relevance sort. */
    'search:rank': rows,
    /** Reports counted per province. */
    'search:counts': rows,
  };
}

type SliceBounds = ReturnType<typeof searchSliceBounds>;

/** Runs `run` over `[0, count)` in the slices of step `name`. */
const sliced = (
  bounds: SliceBounds,
  name: keyof SliceBounds,
  count: number,
  run: (start: number, end: number) => void,
) => inSlices(name, count, bounds[name], run);

interface PagefindResult {
  id: string;
  /** Positions of the matched word in the record. */
  words: number[];
}
interface Pagefind {
  init(): Promise<void>;
  search(term: string): Promise<{ results: PagefindResult[] }>;
}
/** Pagefind's script: one instance per segment of the index, all on one WASM. */
interface PagefindScript {
  createInstance(options: Record<string, unknown>): Pagefind;
}

/** Raised when the index cannot be loaded (e.g. `astro dev`, where it does not exist). */
export class IndexUnavailableError extends Error {
  override name = 'IndexUnavailableError';
}

/** Rethrows a failure to load the index as an IndexUnavailableError. */
const unavailable = (error: unknown): never => {
  throw error instanceof IndexUnavailableError ? error : new IndexUnavailableError(String(error));
};

export type SortOrder = 'relevance' | 'newest';

export interface SearchRequest {
  /** What a report must and must not contain (parseSearch); nothing: list by filters alone. */
  query: SearchQuery;
  /** Province slug. */
  province?: string | undefined;
  /** YYYY. */
  year?: string | undefined;
  /** The first day of the period, YYYY-MM-DD, inclusive. */
  from?: string | undefined;
  /** The last day of the period, YYYY-MM-DD, inclusive. */
  to?: string | undefined;
  sort: SortOrder;
}

export interface SearchOutcome {
  /**
   * False for a first screen (SearchProgress): the matches in the newest segments searched so
   * far, ranked among themselves. True once every segment is searched: the total is exact.
   */
  complete: boolean;
  /** How many reports match under the filters. */
  total: number;
  /** The matches from `start` to `end` (exclusive), in order. */
  slice(start: number, end: number): CatalogEntry[];
  /** The occurrences of the query's terms (not the excluded ones) in the same matches, summed. */
  occurrences(start: number, end: number): number[];
  /** Matches per year (YYYY), under every filter but the year. */
  yearCounts: Map<string, number>;
  /** Matches per month (YYYY-MM), under every filter. */
  monthCounts: Map<string, number>;
  /**
   * Matches per province, under every filter but the province. Under a province filter only
   * that province's partitions were searched: the others are searched when this is called,
   * so that the results come first.
   */
  provinceCounts(): Promise<Map<string, number>>;
}

/**
 * A first screen of results before the search is complete: once the segments searched so far
 * (newest first) hold `results` matches, `show` gets their outcome, and the search goes on.
 */
export interface SearchProgress {
  results: number;
  show(outcome: SearchOutcome): void;
  /** False once the search is no longer wanted: it stops at the next segment. */
  wanted(): boolean;
}

/** The filters as catalog columns hold them; undefined: no filter. */
interface Filters {
  /** Province number (PROVINCE_SLUGS); -1 for an unknown slug, which matches nothing. */
  province: number | undefined;
  year: number | undefined;
  /** Day numbers (dayNumber), inclusive. */
  from: number | undefined;
  to: number | undefined;
}

/**
 * How the reports match one term, by catalog position (typed arrays: a common term matches
 * thousands of reports, and phones are slow). Reports outside the partitions searched count
 * as not matching.
 */
interface TermHits {
  /** Occurrences in the report; 0: no match. */
  occurrences: Uint32Array;
  /** 1 where an occurrence is in the title. */
  inTitle: Uint8Array;
}

/** How the reports of one partition match a term: the matching ones only. */
interface PartitionHits {
  /** Catalog positions of the matching reports. */
  records: number[];
  /** Occurrences in each. */
  occurrences: number[];
  /** Whether the first occurrence is in the title, for each. */
  inTitle: boolean[];
}

/**
 * Partition matches that stay cached (changing a filter or the sort searches the same terms
 * again): the latest 16 terms of an index of 16 partitions.
 */
const CACHED_PARTITION_HITS = 256;

export class SearchEngine {
  private script: Promise<PagefindScript> | undefined;
  /** Pagefind on each segment's index, by segment. */
  private readonly indexes = new Map<number, Promise<Pagefind>>();
  /** The catalog, its first segment's rows decoded. */
  private readonly catalog: Promise<CatalogDecoder>;
  /** Each segment's rows decoded, by segment. */
  private readonly rows = new Map<number, Promise<void>>();
  /** The latest terms' matches, by term and partition. */
  private readonly hitsCache = new Map<string, Promise<PartitionHits>>();
  private readonly displayCache = new Map<string, Promise<SearchDisplay>>();

  private readonly bounds: SliceBounds;

  /**
   * `indexTag`: the index's tag, which the index build writes into the built page; none where
   * there is no index (an empty archive, `astro dev`). `sliceRows`: reports a slice goes over
   * (see searchSliceBounds).
   */
  constructor(
    private readonly base: string,
    private readonly indexTag: string | undefined,
    sliceRows: number,
  ) {
    this.bounds = searchSliceBounds(sliceRows);
    this.catalog = this.loadCatalog();
    this.catalog.catch(() => undefined);
  }

  /**
   * Runs a search, segment after segment, newest first; the outcome lists every match (paging
   * is the caller's). With `progress`, a first screen may come before it.
   */
  async search(request: SearchRequest, progress?: SearchProgress): Promise<SearchOutcome> {
    const terms = queryTerms(request.query);
    if (terms.length) this.warmUp();
    const { catalog } = await this.catalog.catch(unavailable);
    const filters = filtersOf(request);
    const all = catalog.segments.flatMap((segment) => segment.partitions);
    // Only a province's partitions can hold its reports.
    const searched = new Set(
      filters.province === undefined ? all : (catalog.provincePartitions[filters.province] ?? []),
    );
    const termHits = terms.map(() => emptyHits(catalog.size));
    const hits = queryHits(request.query, new Map(terms.map((term, k) => [term, termHits[k]!])));
    const outcome = (done: readonly CatalogSegment[]) =>
      this.outcome(catalog, { hits, filters, sort: request.sort, done }, async () =>
        searched.size === all.length ? hits : await this.matchQuery(request.query, all),
      );
    const order = searchOrder(catalog, filters);
    let first = progress;
    let found = 0;
    const done: CatalogSegment[] = [];
    for (const [n, k] of order.entries()) {
      // No longer wanted: what was found so far, marked incomplete.
      if (progress && !progress.wanted()) return outcome(done);
      // The next segment loads while this one is searched, but only once the first screen is
      // shown (or none is asked for): until then, it is this segment's bytes alone.
      const next = order[n + 1];
      if (next !== undefined && !first) this.prefetch(next, terms.length > 0);
      const segment = catalog.segments[k]!;
      await this.segmentRows(k);
      const partitions = segment.partitions.filter((partition) => searched.has(partition));
      await this.matchTerms(terms, partitions, termHits);
      done.push(segment);
      if (!first || done.length === order.length) continue;
      // Each segment's matches are counted once; ranked only once there are enough to show.
      const scope = { hits, filters, done: [segment] };
      found += (await matches(this.bounds, catalog, scope)).shown.length;
      if (found < first.results) continue;
      first.show(await outcome(done));
      first = undefined;
    }
    return outcome(done);
  }

  /** Starts loading Pagefind (script, WASM, metadata) ahead of the first term search. */
  warmUp(): void {
    this.segmentIndex(0).catch(() => undefined);
  }

  /** Title and text of one report, for its result. */
  display(entry: CatalogEntry): Promise<SearchDisplay> {
    let cached = this.displayCache.get(entry.id);
    if (!cached) {
      cached = fetch(`${this.base}search/docs/${entry.id}.json`).then(async (response) => {
        if (!response.ok)
          throw new IndexUnavailableError(`display ${entry.id}: HTTP ${response.status}`);
        return (await response.json()) as SearchDisplay;
      });
      this.displayCache.set(entry.id, cached);
      cached.catch(() => this.displayCache.delete(entry.id));
    }
    return cached;
  }

  /** The outcome of the segments searched so far (`done`), complete once they are all. */
  private async outcome(
    catalog: Catalog,
    scope: { hits: QueryHits; filters: Filters; sort: SortOrder; done: readonly CatalogSegment[] },
    allHits: () => Promise<QueryHits>,
  ): Promise<SearchOutcome> {
    const { bounds } = this;
    const { hits, filters, done } = scope;
    const { shown, yearCounts, monthCounts } = await matches(bounds, catalog, scope);
    const ordered =
      scope.sort === 'relevance' && hits.ranked
        ? await byRelevance(bounds, catalog.size, shown, hits)
        : shown;
    return {
      complete: done.length === catalog.segments.length,
      total: ordered.length,
      slice: (start, end) => ordered.slice(start, end).map(catalog.entry),
      occurrences: (start, end) => ordered.slice(start, end).map(hits.occurrences),
      yearCounts,
      monthCounts,
      provinceCounts: async () => countProvinces(bounds, catalog, await allHits(), filters),
    };
  }

  /** Starts loading segment `k`'s rows, and its index if the search has terms. */
  private prefetch(k: number, index: boolean): void {
    this.segmentRows(k).catch(() => undefined);
    if (index) this.segmentIndex(k).catch(() => undefined);
  }

  /** Fetches the catalog's first file and decodes its rows (the first segment's) in slices. */
  private async loadCatalog(): Promise<CatalogDecoder> {
    const decoder = catalogDecoder(await this.catalogFile(0));
    const [first] = decoder.catalog.segments;
    await sliced(this.bounds, 'search:catalog', first!.size, decoder.segment(0));
    return decoder;
  }

  /** The text of the catalog's file of segment `k`. */
  private async catalogFile(k: number): Promise<string> {
    const name = catalogFileName(k);
    const response = await fetch(`${this.base}search/${name}`, { cache: 'no-cache' });
    if (!response.ok) throw new IndexUnavailableError(`${name}: HTTP ${response.status}`);
    return response.text();
  }

  /** Resolves once segment `k`'s rows are decoded (fetched and decoded once). */
  private segmentRows(k: number): Promise<void> {
    let loaded = this.rows.get(k);
    if (!loaded) {
      loaded = this.catalog.then(async (decoder) => {
        if (!k) return;
        const decodeRows = decoder.segment(k, await this.catalogFile(k));
        const { start, size } = decoder.catalog.segments[k]!;
        await sliced(this.bounds, 'search:catalog', size, (from, to) =>
          decodeRows(start + from, start + to),
        );
      });
      this.rows.set(k, loaded);
      loaded.catch(() => this.rows.delete(k));
    }
    return loaded;
  }

  /** How the reports in `partitions` match a query. */
  private async matchQuery(query: SearchQuery, partitions: readonly number[]): Promise<QueryHits> {
    const { catalog } = await this.catalog;
    const terms = queryTerms(query);
    const found = terms.map(() => emptyHits(catalog.size));
    const segments = new Set(partitions.map((partition) => catalog.segmentOfPartition[partition]!));
    await Promise.all([...segments].map((k) => this.segmentRows(k)));
    await this.matchTerms(terms, partitions, found);
    return queryHits(query, new Map(terms.map((term, k) => [term, found[k]!])));
  }

  /** Adds how the reports in `partitions` match each folded term to its hits. */
  private async matchTerms(
    terms: readonly string[],
    partitions: readonly number[],
    hits: readonly TermHits[],
  ): Promise<void> {
    const { catalog } = await this.catalog;
    // An empty archive has no index to ask.
    if (!catalog.size) return;
    await Promise.all(
      terms.map(async (term, k) => {
        const found = await Promise.all(
          partitions.map((partition) => this.partitionHits(term, partition)),
        );
        const { occurrences, inTitle } = hits[k]!;
        for (const { records, occurrences: counts, inTitle: titled } of found) {
          await sliced(this.bounds, 'search:hits', records.length, (start, end) => {
            for (let n = start; n < end; n++) {
              occurrences[records[n]!] = counts[n]!;
              inTitle[records[n]!] = titled[n] ? 1 : 0;
            }
          });
        }
      }),
    );
  }

  /** How the reports of one partition match a folded term (cached: see hitsCache). */
  private partitionHits(term: string, partition: number): Promise<PartitionHits> {
    const key = `${term}\n${partition}`;
    let cached = this.hitsCache.get(key);
    if (!cached) {
      cached = this.findInPartition(term, partition);
      this.hitsCache.set(key, cached);
      cached.catch(() => this.hitsCache.delete(key));
      // The oldest entries go first.
      for (const old of this.hitsCache.keys()) {
        if (this.hitsCache.size <= CACHED_PARTITION_HITS) break;
        this.hitsCache.delete(old);
      }
    }
    return cached;
  }

  private async findInPartition(term: string, partition: number): Promise<PartitionHits> {
    const { titleLengths, frequent } = (await this.catalog).catalog;
    const words = termWords(term, frequent);
    const found = await Promise.all(words.map(({ word }) => this.lookUp(word, partition)));
    const hits: PartitionHits = { records: [], occurrences: [], inTitle: [] };
    // A match has every word: the records of the rarest one are the candidates.
    const candidates = [...found.reduce((a, b) => (b.size < a.size ? b : a)).keys()];
    await sliced(this.bounds, 'search:words', candidates.length, (start, end) => {
      for (const record of candidates.slice(start, end)) {
        const positions = found.map((word) => word.get(record));
        if (!positions.every((list) => list !== undefined)) continue;
        const starts = occurrences(words, positions);
        if (!starts.length) continue;
        hits.records.push(record);
        hits.occurrences.push(starts.length);
        // The title comes first in the record.
        hits.inTitle.push(starts[0]! < titleLengths[record]!);
      }
    });
    return hits;
  }

  /**
   * Positions of an index word in each record of a partition that has it, by catalog position
   * (Pagefind's page ID is its position in its segment, in base 36). The word is stored once
   * per partition of its segment (see partitionWord): one search each, all from the same chunk.
   */
  private async lookUp(word: string, partition: number): Promise<Map<number, readonly number[]>> {
    const { catalog } = await this.catalog;
    const k = catalog.segmentOfPartition[partition]!;
    const { start, size, partitions } = catalog.segments[k]!;
    const pagefind = await this.segmentIndex(k);
    const { results } = await slice('search:lookup', 1, this.bounds['search:lookup'], () =>
      pagefind.search(partitionWord(word, partition - partitions[0]!, partitions.length)),
    );
    const positions = new Map<number, readonly number[]>();
    await sliced(this.bounds, 'search:results', results.length, (from, to) => {
      for (const result of results.slice(from, to)) {
        const record = catalogIndex(result.id);
        // A page ID beyond the segment would belong to another index.
        if (record < size) positions.set(start + record, result.words);
      }
    });
    return positions;
  }

  /**
   * Pagefind on segment `k`'s index (loaded once). The first segment's loads Pagefind's WASM;
   * the others wait for it, so that the browser fetches it once (see SEGMENT_WASM).
   */
  private segmentIndex(k: number): Promise<Pagefind> {
    let index = this.indexes.get(k);
    if (!index) {
      const after = k ? this.segmentIndex(0) : Promise.resolve(undefined);
      index = after.then(() => this.startPagefind(k));
      this.indexes.set(k, index);
      index.catch(() => this.indexes.delete(k));
    }
    return index.catch(unavailable);
  }

  /** Loads Pagefind on segment `k`'s index (script, WASM, metadata), a step a slice. */
  private async startPagefind(k: number): Promise<Pagefind> {
    // The page preloads Pagefind's files, named by the index build, which writes the tag in.
    if (!this.indexTag) throw new IndexUnavailableError('the page names no search index');
    const step = <T>(run: () => T) =>
      slice('search:pagefind', 1, this.bounds['search:pagefind'], run);
    const folder = `${this.base}pagefind/`;
    const loading = (this.script ??= step(
      () => import(/* @vite-ignore */ `${folder}pagefind.js`) as Promise<PagefindScript>,
    ).then((script) => script));
    loading.catch(() => {
      if (this.script === loading) this.script = undefined;
    });
    const script = await loading;
    // No web worker: copying thousands of results with their positions back from a worker
    // cost more than the search itself (results 25–30% sooner without; see README, Benchmark).
    // The tag is Pagefind's metaCacheTag: it makes the URL of its entry file known in advance.
    const pagefind = await step(() =>
      script.createInstance({
        basePath: `${folder}${segmentFolder(k)}`,
        noWorker: true,
        metaCacheTag: this.indexTag,
      }),
    );
    await step(() => pagefind.init());
    await step(() => whenReady(pagefind));
    return pagefind;
  }
}

/** No report matches yet. */
const emptyHits = (size: number): TermHits => ({
  occurrences: new Uint32Array(size),
  inTitle: new Uint8Array(size),
});

/** The distinct terms a query looks up: those to find and those to exclude. */
const queryTerms = (query: SearchQuery) => [...new Set([...termsToFind(query), ...query.excluded])];

/**
 * The order to search the segments in: newest first, but those that hold days of the
 * requested period (year, from, to) before those that cannot, so that a first screen of an
 * older period needs no newer segment.
 */
function searchOrder(catalog: Catalog, { year, from, to }: Filters): number[] {
  const periodStart = Math.max(from ?? -Infinity, year ? dayNumber(`${year}-01-01`) : -Infinity);
  const periodEnd = Math.min(to ?? Infinity, year ? dayNumber(`${year}-12-31`) : Infinity);
  const inPeriod = ({ newest, oldest }: CatalogSegment) =>
    oldest <= periodEnd && newest >= periodStart;
  const segments = [...catalog.segments.keys()];
  return [
    ...segments.filter((k) => inPeriod(catalog.segments[k]!)),
    ...segments.filter((k) => !inPeriod(catalog.segments[k]!)),
  ];
}

/** The request's filters as catalog columns hold them. */
function filtersOf({ province, year, from, to }: SearchRequest): Filters {
  return {
    province: province ? PROVINCE_SLUGS.indexOf(province) : undefined,
    year: year ? Number(year) : undefined,
    from: from ? dayNumber(from) : undefined,
    to: to ? dayNumber(to) : undefined,
  };
}

/** How the reports match a query, by catalog position. */
interface QueryHits {
  /** True when the report at `i` matches the query (the filters aside). */
  matches(i: number): boolean;
  /** Occurrences in the report at `i` of the terms to find, summed. */
  occurrences(i: number): number;
  /** How many of the terms to find occur in the title of the report at `i`. */
  inTitle(i: number): number;
  /** The query has terms to find, so matches can be ranked. */
  ranked: boolean;
}

/** A query's hits from its terms' hits: every group has a term, no excluded term occurs. */
function queryHits(query: SearchQuery, byTerm: ReadonlyMap<string, TermHits>): QueryHits {
  const groups = query.groups.map((group) => group.map((term) => byTerm.get(term)!));
  const excluded = query.excluded.map((term) => byTerm.get(term)!);
  const found = [...new Set(groups.flat())];
  return {
    matches: (i) =>
      groups.every((group) => group.some((hit) => hit.occurrences[i])) &&
      !excluded.some((hit) => hit.occurrences[i]),
    occurrences: (i) => found.reduce((sum, hit) => sum + hit.occurrences[i]!, 0),
    inTitle: (i) => found.reduce((sum, hit) => sum + hit.inTitle[i]!, 0),
    ranked: found.length > 0,
  };
}

/** True when the report at `i` is within the period and the province (not the year). */
const inScope = (catalog: Catalog, filters: Filters, i: number) =>
  (filters.province === undefined || catalog.provinces[i] === filters.province) &&
  (filters.from === undefined || catalog.days[i]! >= filters.from) &&
  (filters.to === undefined || catalog.days[i]! <= filters.to);

/** Adds one to a tally. */
const tally = <K>(counts: Map<K, number>, key: K) => counts.set(key, (counts.get(key) ?? 0) + 1);

/**
 * Catalog positions of the matches in the segments `done` under every filter, newest first
 * like the catalog; the matches per year under every filter but the year, and per month under
 * all of them.
 */
async function matches(
  bounds: SliceBounds,
  catalog: Catalog,
  { hits, filters, done }: { hits: QueryHits; filters: Filters; done: readonly CatalogSegment[] },
): Promise<{ shown: number[]; yearCounts: Map<string, number>; monthCounts: Map<string, number> }> {
  const { years, months } = catalog;
  const yearTally = new Map<number, number>();
  // Keyed year × 100 + month: numbers, not strings, in the loop.
  const monthTally = new Map<number, number>();
  const shown: number[] = [];
  // In catalog order, whatever order the segments were searched in.
  for (const { start: first, size } of [...done].sort((a, b) => a.start - b.start)) {
    await sliced(bounds, 'search:match', size, (start, end) => {
      for (let i = first + start; i < first + end; i++) {
        if (!inScope(catalog, filters, i) || !hits.matches(i)) continue;
        tally(yearTally, years[i]!);
        if (filters.year !== undefined && years[i] !== filters.year) continue;
        tally(monthTally, years[i]! * 100 + months[i]!);
        shown.push(i);
      }
    });
  }
  const monthKey = (key: number) =>
    `${Math.floor(key / 100)}-${String(key % 100).padStart(2, '0')}`;
  return {
    shown,
    yearCounts: new Map([...yearTally].map(([y, n]) => [String(y), n])),
    monthCounts: new Map([...monthTally].map(([key, n]) => [monthKey(key), n])),
  };
}

/**
 * Matches by relevance: terms in the title first, then more occurrences; the sort is stable,
 * so ties stay newest first.
 */
async function byRelevance(
  bounds: SliceBounds,
  size: number,
  shown: readonly number[],
  hits: QueryHits,
): Promise<number[]> {
  const inTitle = new Uint32Array(size);
  const occurrences = new Float64Array(size);
  await sliced(bounds, 'search:rank', shown.length, (start, end) => {
    for (const i of shown.slice(start, end)) {
      inTitle[i] = hits.inTitle(i);
      occurrences[i] = hits.occurrences(i);
    }
  });
  return sortInSlices(
    'search:rank',
    shown,
    (a, b) => inTitle[b]! - inTitle[a]! || occurrences[b]! - occurrences[a]!,
    bounds['search:rank'],
  );
}

/** Matches per province, under every filter but the province. */
async function countProvinces(
  bounds: SliceBounds,
  catalog: Catalog,
  hits: QueryHits,
  filters: Filters,
): Promise<Map<string, number>> {
  const { years, provinces } = catalog;
  const counts = new Uint32Array(PROVINCE_SLUGS.length);
  const scope = { ...filters, province: undefined };
  await sliced(bounds, 'search:counts', catalog.size, (start, end) => {
    for (let i = start; i < end; i++) {
      if (filters.year !== undefined && years[i] !== filters.year) continue;
      if (inScope(catalog, scope, i) && hits.matches(i)) counts[provinces[i]!]!++;
    }
  });
  return new Map(PROVINCE_SLUGS.flatMap((slug, p) => (counts[p] ? [[slug, counts[p]]] : [])));
}

/** Pagefind checks every 50 ms whether it is ready: this many checks staggered over that time check every 5. */
const READY_PROBES = 10;

/**
 * Resolves once Pagefind has loaded its WASM and metadata (rejects if it cannot). Its `init`
 * does not wait for that, and a search asked earlier waits for its next check, every 50 ms
 * (`getPtr`): up to 50 ms lost on the first search. An empty search answers as soon as
 * Pagefind is ready; a few of them, staggered, tell within 5 ms.
 */
function whenReady(pagefind: Pagefind): Promise<void> {
  return new Promise((resolve, reject) => {
    for (let i = 0; i < READY_PROBES; i++) {
      setTimeout(() => pagefind.search('').then(() => resolve(), reject), (i * 50) / READY_PROBES);
    }
  });
}
