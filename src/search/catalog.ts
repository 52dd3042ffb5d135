/**
 * The catalog: what the browser knows of every report without loading it — Pagefind's page
 * ID, article ID, date, province and title length — newest first, in a compact JSON file.
 */
import { PROVINCE_SLUGS } from '../data/provinces.ts';
import { addDays, daysBetween } from '../utils/dates.ts';
import type { FrequentBigrams } from './tokens.ts';

/** One report in the catalog. */
export interface CatalogEntry {
  /**
   * Pagefind's ID of the record (`<language>_<hash>`). In a decoded catalog the hash is cut to
   * the shortest prefix that is unique in its shard: `pageKeys` maps full IDs onto these.
   */
  page: string;
  /** Article ID. */
  id: string;
  date: string;
  province: string;
  /** Characters in the folded title: a match starting before this is in the title. */
  titleLength: number;
}

/** The file's shape: parallel columns, dates as day numbers delta-encoded (newest first, so deltas are ≥ 0). */
interface CatalogFile {
  version: 3;
  /** Each index shard's Pagefind metadata file, relative to the Pagefind folder (see src/search/shards.ts). */
  shards: string[];
  /** The frequent bigrams, which have trigram words (see tokens.ts), concatenated. */
  frequent: string;
  /** The language parts of page IDs (`und-x-s0` in `und-x-s0_1a2b3c4`), each stored once. */
  languages: string[];
  /** Which language each entry's page ID has: runs of `count:index`, as neighbours share a shard. */
  pageLanguages: string;
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

/** Splits a Pagefind page ID into its language and hash. */
function splitPage(page: string): [language: string, hash: string] {
  const at = page.lastIndexOf('_');
  return [page.slice(0, at), page.slice(at + 1)];
}

/** The shortest prefix of each hash that no other hash shares (1 + the longest common prefix with its sorted neighbours). */
function uniquePrefixes(hashes: readonly string[]): Map<string, string> {
  const sorted = [...new Set(hashes)].sort();
  const common = (a = '', b = '') => {
    let n = 0;
    while (n < a.length && a[n] === b[n]) n++;
    return n;
  };
  return new Map(sorted.map((hash, i) => [hash, hash.slice(0, 1 + Math.max(common(hash, sorted[i - 1]), common(hash, sorted[i + 1])))]));
}

/** Serialises entries (any order) newest first, ties by ID descending like the site's lists. */
export function encodeCatalog(
  entries: readonly CatalogEntry[],
  { shards = [], frequent = new Set<string>() }: { shards?: string[]; frequent?: FrequentBigrams } = {},
): string {
  const sorted = [...entries].sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id));
  const split = sorted.map((entry) => splitPage(entry.page));
  const languages = [...new Set(split.map(([language]) => language))];
  // Page hashes are random, so they are the bulk of the file: keep only what tells them apart.
  const prefixes = new Map(languages.map((language) => [language, uniquePrefixes(split.filter(([l]) => l === language).map(([, hash]) => hash))]));
  const runs: [count: number, index: number][] = [];
  for (const [language] of split) {
    const index = languages.indexOf(language);
    const last = runs.at(-1);
    if (last && last[1] === index) last[0]++;
    else runs.push([1, index]);
  }
  let previous = sorted[0] ? toDay(sorted[0].date) : 0;
  const file: CatalogFile = {
    version: 3,
    shards,
    frequent: [...frequent].sort().join(''),
    languages,
    pageLanguages: runs.map(([count, index]) => `${count.toString(36)}:${index.toString(36)}`).join(','),
    pages: split.map(([language, hash]) => prefixes.get(language)!.get(hash)).join(','),
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
  return JSON.stringify(file);
}

/**
 * Maps a full Pagefind page ID onto the key of its catalog entry. The stored prefixes of a
 * shard are unique, so none is a prefix of another, and the first that matches is the one.
 */
export function pageKeys(entries: readonly CatalogEntry[]): (pageId: string) => string | undefined {
  const keys = new Set(entries.map((entry) => entry.page));
  return (pageId) => {
    for (let end = pageId.indexOf('_') + 2; end <= pageId.length; end++) {
      if (keys.has(pageId.slice(0, end))) return pageId.slice(0, end);
    }
    return undefined;
  };
}

/** The catalog as the browser uses it. */
export interface Catalog {
  /** Each shard's Pagefind metadata file, relative to the Pagefind folder. */
  shards: string[];
  frequent: FrequentBigrams;
  /** Every report, newest first. */
  entries: CatalogEntry[];
}

/** Reads a catalog file back, entries newest first. */
export function decodeCatalog(json: string): Catalog {
  const file = JSON.parse(json) as CatalogFile;
  if (file.version !== 3) throw new Error(`catalog version ${String(file.version)} is not 3`);
  const pairs = [...file.frequent];
  const frequent = new Set(Array.from({ length: pairs.length / 2 }, (_, i) => pairs[2 * i]! + pairs[2 * i + 1]!));
  if (!file.pages) return { shards: file.shards, frequent, entries: [] };
  const pageLanguages = file.pageLanguages.split(',').flatMap((run) => {
    const [count, index] = run.split(':').map((n) => parseInt(n, 36));
    return Array<string>(count!).fill(file.languages[index!]!);
  });
  const pages = file.pages.split(',');
  const suffixes = file.ids.split(',');
  const titles = file.titles.split(',');
  const deltas = file.days.split(',').map((n) => parseInt(n, 36));
  let day = deltas[0]!;
  const entries = pages.map((page, i) => {
    if (i > 0) day -= deltas[i]!;
    const date = fromDay(day);
    const province = PROVINCE_SLUGS[parseInt(file.provinces[i]!, 36)]!;
    return { page: `${pageLanguages[i]}_${page}`, id: `${date}-${province}${suffixes[i]}`, date, province, titleLength: parseInt(titles[i]!, 36) };
  });
  return { shards: file.shards, frequent, entries };
}
