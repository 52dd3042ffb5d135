/**
 * The catalog: what the browser knows of every report without loading it — article ID, date,
 * province and title length — newest first, in a compact JSON file. A report's position in
 * it is also its Pagefind page ID.
 */
import { PROVINCE_SLUGS } from '../data/provinces.ts';
import { addDays, daysBetween } from '../utils/dates.ts';
import type { FrequentBigrams } from './tokens.ts';

/**
 * One report in the catalog. Its key is its position in the catalog (newest first) in base 36
 * (`catalogKey`): the index build gives its Pagefind page that ID (see
 * src/integrations/pagefind-merge.ts), so a search result's ID leads back to it.
 */
export interface CatalogEntry {
  /** Article ID. */
  id: string;
  date: string;
  province: string;
  /** Characters in the folded title: a match starting before this is in the title. */
  titleLength: number;
}

/** The file's shape: parallel columns, dates as day numbers delta-encoded (newest first, so deltas are ≥ 0). */
interface CatalogFile {
  version: 6;
  /** Partitions of the index (see pagefind-index.ts, partitionWord). */
  partitions: number;
  /** The partitions holding each province's reports, by province number; none listed: all. */
  provincePartitions: number[][];
  /** The frequent bigrams, which have trigram words (see tokens.ts), concatenated. */
  frequent: string;
  ids: string;
  provinces: string;
  days: string;
  titles: string;
}

/** Dates are stored as day numbers counted from here. */
const EPOCH = '1970-01-01';
/** A YYYY-MM-DD date as the catalog's day number (`Catalog.days`). */
export const dayNumber = (date: string) => daysBetween(EPOCH, date);
const fromDay = (day: number) => addDays(EPOCH, day);

/** The key of the report at position `i` of the catalog. */
export const catalogKey = (i: number) => i.toString(36);
/** The position in the catalog of the report with this key. */
export const catalogIndex = (key: string) => parseInt(key, 36);

/** Reports in catalog order: newest first, ties by ID descending like the site's lists. */
export function catalogOrder<T extends Pick<CatalogEntry, 'date' | 'id'>>(
  entries: readonly T[],
): T[] {
  return [...entries].sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id));
}

/** Serialises entries (any order) in catalog order; their keys follow from it. */
export function encodeCatalog(
  entries: readonly CatalogEntry[],
  {
    partitions = 1,
    provincePartitions = [],
    frequent = new Set<string>(),
  }: Partial<
    Pick<Catalog, 'partitions' | 'frequent'> & Pick<CatalogFile, 'provincePartitions'>
  > = {},
): string {
  const sorted = catalogOrder(entries);
  let previous = sorted[0] ? dayNumber(sorted[0].date) : 0;
  const file: CatalogFile = {
    version: 6,
    partitions,
    provincePartitions,
    frequent: [...frequent].sort().join(''),
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
  return JSON.stringify(file);
}

/**
 * The catalog as the browser uses it: columns by catalog position, in typed arrays (a search
 * scans every report, thousands of them, on slow phones), and whole entries only on demand.
 */
export interface Catalog {
  /** Partitions of the index: a lookup searches each. */
  partitions: number;
  /** The partitions to search for a province's reports, by province number. */
  provincePartitions: number[][];
  frequent: FrequentBigrams;
  /** Number of reports. */
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
 * A catalog file being read back: `decodeRows` fills the columns of a range of reports, in
 * order, so that the browser can decode a large catalog a slice at a time (see
 * src/utils/slices.ts); `catalog` is complete once every row is decoded.
 */
export interface CatalogDecoder {
  /** Number of reports. */
  size: number;
  /** Decodes the reports at positions [start, end); ranges must follow one another from 0. */
  decodeRows(start: number, end: number): void;
  catalog: Catalog;
}

/** Starts reading a catalog file back (reports newest first); see CatalogDecoder. */
export function catalogDecoder(json: string): CatalogDecoder {
  const file = JSON.parse(json) as CatalogFile;
  if (file.version !== 6) throw new Error(`catalog version ${String(file.version)} is not 6`);
  const suffixes = file.provinces ? file.ids.split(',') : [];
  const size = suffixes.length;
  const days = new Int32Array(size);
  const years = new Uint16Array(size);
  const months = new Uint8Array(size);
  const provinces = new Uint8Array(size);
  const titleLengths = new Uint32Array(size);
  const deltas = file.days.split(',');
  const titles = file.titles.split(',');
  // Newest first: the month changes now and then, so dates are computed only there.
  let monthStart = Infinity;
  let year = 0;
  let month = 0;
  const decodeRows = (start: number, end: number) => {
    for (let i = start; i < end; i++) {
      days[i] = i ? days[i - 1]! - parseInt(deltas[i]!, 36) : parseInt(deltas[0]!, 36);
      if (days[i]! < monthStart) {
        const date = fromDay(days[i]!);
        [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
        monthStart = dayNumber(`${date.slice(0, 7)}-01`);
      }
      years[i] = year;
      months[i] = month;
      provinces[i] = parseInt(file.provinces[i]!, 36);
      titleLengths[i] = parseInt(titles[i]!, 36);
    }
  };
  const entry = (position: number): CatalogEntry => {
    const date = fromDay(days[position]!);
    const province = PROVINCE_SLUGS[provinces[position]!]!;
    return {
      id: `${date}-${province}${suffixes[position]!}`,
      date,
      province,
      titleLength: titleLengths[position]!,
    };
  };
  const all = Array.from({ length: file.partitions }, (_, p) => p);
  const catalog: Catalog = {
    partitions: file.partitions,
    provincePartitions: PROVINCE_SLUGS.map((_, p) => file.provincePartitions[p] ?? all),
    frequent: frequentBigramsOf(file.frequent),
    size,
    days,
    years,
    months,
    provinces,
    titleLengths,
    entry,
  };
  return { size, decodeRows, catalog };
}

/** The frequent bigrams, stored concatenated. */
function frequentBigramsOf(concatenated: string): FrequentBigrams {
  const pairs = [...concatenated];
  return new Set(
    Array.from({ length: pairs.length / 2 }, (_, i) => pairs[2 * i]! + pairs[2 * i + 1]!),
  );
}

/** Reads a catalog file back at once, reports newest first. */
export function decodeCatalog(json: string): Catalog {
  const decoder = catalogDecoder(json);
  decoder.decodeRows(0, decoder.size);
  return decoder.catalog;
}
