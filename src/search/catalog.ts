/**
 * The catalog: what the browser knows of every report without loading it — article ID, date,
 * province and title length — newest first, in a compact JSON file. A report's position in
 * its segment of the index is also its Pagefind page ID.
 */
import { PROVINCE_SLUGS } from '../data/provinces.ts';
import { addDays, daysBetween } from '../utils/dates.ts';
import type { FrequentBigrams } from './tokens.ts';

/**
 * One report in the catalog. Its key is its position in its segment of the catalog (newest
 * first) in base 36 (`catalogKey`): the index build gives its Pagefind page that ID (see
 * src/integrations/pagefind-merge.ts), so a search result's ID and its segment's start lead
 * back to it. Counted within the segment, so that a segment the build does not merge again
 * keeps its bytes when reports are added to others.
 */
export interface CatalogEntry {
  /** Article ID. */
  id: string;
  date: string;
  province: string;
  /** Characters in the folded title: a match starting before this is in the title. */
  titleLength: number;
}

/**
 * A segment's reports as columns: article ID suffixes, provinces, dates as day numbers
 * delta-encoded (newest first, so deltas are ≥ 0; the first is the day itself), title lengths.
 */
interface CatalogColumns {
  ids: string;
  provinces: string;
  days: string;
  titles: string;
}

/**
 * The catalog's first file (`catalog.json`): what every search needs, and the columns of the
 * first segment. Each further segment's columns are a file of their own (SegmentFile).
 */
interface CatalogFile extends CatalogColumns {
  version: 8;
  /** Partitions of the index, numbered segment after segment (see pagefind-index.ts, partitionWord). */
  partitions: number;
  /** The partitions holding each province's reports, by province number; none listed: all. */
  provincePartitions: number[][];
  /** The frequent bigrams, which have trigram words (see tokens.ts), concatenated. */
  frequent: string;
  /**
   * Reports and partitions of each segment, in order (see pagefind-index.ts, segmentSizes), and
   * the day numbers of its newest and oldest report (0 for a segment without reports).
   */
  segments: [reports: number, partitions: number, newest: number, oldest: number][];
}

/** A further segment's columns (`catalog-<k>.json`). */
interface SegmentFile extends CatalogColumns {
  version: 8;
  segment: number;
}

/** The catalog file holding segment `k`'s reports, in the site's search folder. */
export const catalogFileName = (k: number) => (k ? `catalog-${k}.json` : 'catalog.json');

/** Dates are stored as day numbers counted from here. */
const EPOCH = '1970-01-01';
/** A YYYY-MM-DD date as the catalog's day number (`Catalog.days`). */
export const dayNumber = (date: string) => daysBetween(EPOCH, date);
const fromDay = (day: number) => addDays(EPOCH, day);

/** The key of the report at position `i` of its segment. */
export const catalogKey = (i: number) => i.toString(36);
/** The position in its segment of the report with this key. */
export const catalogIndex = (key: string) => parseInt(key, 36);

/** Catalog order: newest first, ties by ID descending like the site's lists. */
export const newestFirst = (
  a: Pick<CatalogEntry, 'date' | 'id'>,
  b: Pick<CatalogEntry, 'date' | 'id'>,
) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id);

/** Reports in catalog order (newestFirst). */
export function catalogOrder<T extends Pick<CatalogEntry, 'date' | 'id'>>(
  entries: readonly T[],
): T[] {
  return [...entries].sort(newestFirst);
}

/** The catalog's structure: the index's partitions and segments, the frequent bigrams. */
export interface CatalogLayout {
  partitions: number;
  /** The partitions holding each province's reports, by province number; none listed: all. */
  provincePartitions: number[][];
  frequent: FrequentBigrams;
  /** Reports and partitions of each segment; none: one segment of every report and partition. */
  segments: [reports: number, partitions: number][];
}

/**
 * Serialises entries (any order) in catalog order, their keys following from it: the files of
 * the catalog, `catalogFileName(k)` for each segment k (one unless `segments` lists several).
 */
export function encodeCatalog(
  entries: readonly CatalogEntry[],
  {
    partitions = 1,
    provincePartitions = [],
    frequent = new Set<string>(),
    segments = [[entries.length, partitions]],
  }: Partial<CatalogLayout> = {},
): string[] {
  const sorted = catalogOrder(entries);
  const total = segments.reduce((sum, [reports]) => sum + reports, 0);
  if (total !== sorted.length)
    throw new Error(`catalog segments hold ${total} reports, not ${sorted.length}`);
  let start = 0;
  const pieces = segments.map(([reports]) => sorted.slice(start, (start += reports)));
  const columns = pieces.map(encodeColumns);
  const day = (entry: CatalogEntry | undefined) => (entry ? dayNumber(entry.date) : 0);
  const head: CatalogFile = {
    version: 8,
    partitions,
    provincePartitions,
    frequent: [...frequent].sort().join(''),
    segments: segments.map(([reports, parts], k) => [
      reports,
      parts,
      day(pieces[k]![0]),
      day(pieces[k]!.at(-1)),
    ]),
    ...columns[0]!,
  };
  return [
    JSON.stringify(head),
    ...columns.slice(1).map((part, k) => JSON.stringify({ version: 8, segment: k + 1, ...part })),
  ];
}

/** The columns of consecutive reports in catalog order. */
function encodeColumns(sorted: readonly CatalogEntry[]): CatalogColumns {
  let previous = sorted[0] ? dayNumber(sorted[0].date) : 0;
  return {
    // The date and province are in the catalog already: keep only the -N suffix of the ID.
    ids: sorted.map((entry) => entry.id.slice(`${entry.date}-${entry.province}`.length)).join(','),
    provinces: sorted.map((entry) => PROVINCE_SLUGS.indexOf(entry.province).toString(36)).join(''),
    days: [
      sorted[0] ? previous : 0,
      ...sorted.slice(1).map((entry) => {
        const day = dayNumber(entry.date);
        const delta = previous - day;
        previous = day;
        return delta;
      }),
    ]
      .map((n) => n.toString(36))
      .join(','),
    titles: sorted.map((entry) => entry.titleLength.toString(36)).join(','),
  };
}

/** Consecutive reports of the catalog, whose index and columns the browser loads together. */
export interface CatalogSegment {
  /** Catalog position of its first report. */
  start: number;
  /** Number of reports. */
  size: number;
  /** The index partitions holding its reports. */
  partitions: number[];
  /** Day numbers (dayNumber) of its newest and oldest report. */
  newest: number;
  oldest: number;
}

/**
 * The catalog as the browser uses it: columns by catalog position, in typed arrays (a search
 * scans every report, thousands of them, on slow phones), and whole entries only on demand.
 * A position's columns hold its report once its segment's rows are decoded.
 */
export interface Catalog {
  /** Partitions of the index: a lookup searches each. */
  partitions: number;
  /** The partitions to search for a province's reports, by province number. */
  provincePartitions: number[][];
  frequent: FrequentBigrams;
  /** Segments, newest reports first. */
  segments: CatalogSegment[];
  /** The segment holding each partition. */
  segmentOfPartition: number[];
  /** Number of reports, in all segments. */
  size: number;
  /** Date of each report, in days from 1970-01-01 (`dayNumber`). */
  days: Int32Array;
  /** Year of each report. */
  years: Uint16Array;
  /** Month of each report, 1–12. */
  months: Uint8Array;
  /** Province of each report, as its index in PROVINCE_SLUGS. */
  provinces: Uint8Array;
  /** Characters in each report's folded title. */
  titleLengths: Uint32Array;
  /** The report at a catalog position. */
  entry(position: number): CatalogEntry;
}

/**
 * A catalog being read back. `segment(k, json)` starts on segment k's columns (`json`: its
 * file, `catalogFileName(k)`; the first segment's are in the first file) and returns a function
 * that fills the columns of a range of its reports, ranges following one another from the
 * segment's start, so that the browser can decode a large catalog a slice at a time (see
 * src/utils/slices.ts).
 */
export interface CatalogDecoder {
  catalog: Catalog;
  segment(k: number, json?: string): (start: number, end: number) => void;
}

/** Starts reading a catalog back from its first file (reports newest first); see CatalogDecoder. */
export function catalogDecoder(json: string): CatalogDecoder {
  const file = JSON.parse(json) as CatalogFile;
  if (file.version !== 8) throw new Error(`catalog version ${String(file.version)} is not 8`);
  const segments = catalogSegments(file.segments);
  const size = segments.reduce((sum, segment) => sum + segment.size, 0);
  const suffixes: string[] = new Array<string>(size);
  const columns = {
    days: new Int32Array(size),
    years: new Uint16Array(size),
    months: new Uint8Array(size),
    provinces: new Uint8Array(size),
    titleLengths: new Uint32Array(size),
  };
  const entry = (position: number): CatalogEntry => {
    const date = fromDay(columns.days[position]!);
    const province = PROVINCE_SLUGS[columns.provinces[position]!]!;
    return {
      id: `${date}-${province}${suffixes[position]!}`,
      date,
      province,
      titleLength: columns.titleLengths[position]!,
    };
  };
  const all = Array.from({ length: file.partitions }, (_, p) => p);
  const catalog: Catalog = {
    partitions: file.partitions,
    provincePartitions: PROVINCE_SLUGS.map((_, p) => file.provincePartitions[p] ?? all),
    frequent: frequentBigramsOf(file.frequent),
    segments,
    segmentOfPartition: segments.flatMap((segment, k) => segment.partitions.map(() => k)),
    size,
    ...columns,
    entry,
  };
  const segment = (k: number, segmentJson?: string) => {
    const part = k ? (JSON.parse(segmentJson ?? 'null') as SegmentFile | null) : file;
    if (!part || part.version !== 8 || (k && (part as SegmentFile).segment !== k))
      throw new Error(`catalog segment ${k}: not the file of version 8 of that segment`);
    const { start, size: rows } = segments[k]!;
    const ids = part.provinces ? part.ids.split(',') : [];
    if (ids.length !== rows)
      throw new Error(`catalog segment ${k}: ${ids.length} reports, not ${rows}`);
    for (const [n, suffix] of ids.entries()) suffixes[start + n] = suffix;
    return rowDecoder(part, start, catalog);
  };
  return { catalog, segment };
}

/** The segments of a catalog file's list: positions and partitions follow one another. */
function catalogSegments(list: CatalogFile['segments']): CatalogSegment[] {
  let start = 0;
  let partition = 0;
  return list.map(([size, partitions, newest, oldest]) => {
    const segment = {
      start,
      size,
      partitions: Array.from({ length: partitions }, (_, p) => partition + p),
      newest,
      oldest,
    };
    start += size;
    partition += partitions;
    return segment;
  });
}

/** Fills the catalog's columns from a segment's, which start at position `offset`. */
function rowDecoder(part: CatalogColumns, offset: number, catalog: Catalog) {
  const { days, years, months, provinces, titleLengths } = catalog;
  const deltas = part.days.split(',');
  const titles = part.titles.split(',');
  // Newest first: the month changes now and then, so dates are computed only there.
  let monthStart = Infinity;
  let year = 0;
  let month = 0;
  return (start: number, end: number) => {
    for (let i = start; i < end; i++) {
      const n = i - offset;
      days[i] = n ? days[i - 1]! - parseInt(deltas[n]!, 36) : parseInt(deltas[0]!, 36);
      if (days[i]! < monthStart) {
        const date = fromDay(days[i]!);
        [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
        monthStart = dayNumber(`${date.slice(0, 7)}-01`);
      }
      years[i] = year;
      months[i] = month;
      provinces[i] = parseInt(part.provinces[n]!, 36);
      titleLengths[i] = parseInt(titles[n]!, 36);
    }
  };
}

/** The frequent bigrams, stored concatenated. */
function frequentBigramsOf(concatenated: string): FrequentBigrams {
  const pairs = [...concatenated];
  return new Set(
    Array.from({ length: pairs.length / 2 }, (_, i) => pairs[2 * i]! + pairs[2 * i + 1]!),
  );
}

/** Reads a catalog back at once from its files (`encodeCatalog`), reports newest first. */
export function decodeCatalog(files: readonly string[]): Catalog {
  const decoder = catalogDecoder(files[0]!);
  for (const [k, segment] of decoder.catalog.segments.entries())
    decoder.segment(k, files[k])(segment.start, segment.start + segment.size);
  return decoder.catalog;
}
