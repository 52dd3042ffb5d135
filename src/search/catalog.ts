/**
 * The catalog: what the browser knows of every report without loading it — Pagefind's page
 * ID, article ID, date, province and title length — newest first, in a compact JSON file.
 */
import { PROVINCE_SLUGS } from '../data/provinces.ts';
import { addDays, daysBetween } from '../utils/dates.ts';

/** One report in the catalog. */
export interface CatalogEntry {
  /** Pagefind's ID of the record (its fragment hash). */
  page: string;
  /** Article ID. */
  id: string;
  date: string;
  province: string;
  /** Characters in the folded title: its tokens take positions [0, 2 × titleLength). */
  titleLength: number;
}

/** The file's shape: parallel columns, dates as day numbers delta-encoded (newest first, so deltas are ≥ 0). */
interface CatalogFile {
  version: 1;
  /** Prefix shared by every page ID (Pagefind's language, e.g. `zh_`), stored once. */
  prefix: string;
  pages: string;
  ids: string;
  provinces: string;
  days: string;
  titles: string;
}

/** Dates are stored as day numbers counted from here. */
const EPOCH = '1970-01-01';
const toDay = (date: string) => daysBetween(EPOCH, date);
const fromDay = (day: number) => addDays(EPOCH, day);

/** Serialises entries (any order) newest first, ties by ID descending like the site's lists. */
export function encodeCatalog(entries: readonly CatalogEntry[]): string {
  const sorted = [...entries].sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id));
  let previous = sorted[0] ? toDay(sorted[0].date) : 0;
  const prefix = /^[a-z-]+_/.exec(sorted[0]?.page ?? '')?.[0] ?? '';
  const file: CatalogFile = {
    version: 1,
    prefix: sorted.every((entry) => entry.page.startsWith(prefix)) ? prefix : '',
    pages: '',
    // The date and province are in the catalog already: keep only the -N suffix of the ID.
    ids: sorted.map((entry) => entry.id.slice(`${entry.date}-${entry.province}`.length)).join(','),
    provinces: sorted.map((entry) => PROVINCE_SLUGS.indexOf(entry.province).toString(36)).join(''),
    days: [sorted[0] ? previous : 0, ...sorted.slice(1).map((entry) => {
      const day = toDay(entry.date);
      const delta = previous - day;
      previous = day;
      return delta;
    })].map((n) => n.toString(36)).join(','),
    titles: sorted.map((entry) => entry.titleLength.toString(36)).join(','),
  };
  file.pages = sorted.map((entry) => entry.page.slice(file.prefix.length)).join(',');
  return JSON.stringify(file);
}

/** Reads a catalog file back into entries, newest first. */
export function decodeCatalog(json: string): CatalogEntry[] {
  const file = JSON.parse(json) as CatalogFile;
  if (file.version !== 1 || !file.pages) return [];
  const pages = file.pages.split(',');
  const suffixes = file.ids.split(',');
  const titles = file.titles.split(',');
  const deltas = file.days.split(',').map((n) => parseInt(n, 36));
  let day = deltas[0]!;
  return pages.map((page, i) => {
    if (i > 0) day -= deltas[i]!;
    const date = fromDay(day);
    const province = PROVINCE_SLUGS[parseInt(file.provinces[i]!, 36)]!;
    return { page: file.prefix + page, id: `${date}-${province}${suffixes[i]}`, date, province, titleLength: parseInt(titles[i]!, 36) };
  });
}
