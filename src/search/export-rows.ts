/**
 * The rows of an export of search results, and the CSV and JSON files they make. Both files
 * have the same fields under the same names; the JSON file also says what was searched.
 */
import { getProvince } from '../data/provinces.ts';
import { csvRecord, UTF8_BOM } from '../utils/csv.ts';
import type { CatalogEntry } from './catalog.ts';
import type { ExportMetadata } from './export-metadata.ts';

/** The fields of a row, in the CSV file's column order. */
export const EXPORT_FIELDS = [
  'id',
  'url',
  'title',
  'date',
  'province',
  'province_name',
  'department',
  'source',
  'occurrences',
] as const;

/** One report of an export. */
export interface ExportRow {
  /** Article ID. */
  id: string;
  /** The article page's absolute URL. */
  url: string;
  title: string;
  /** YYYY-MM-DD. */
  date: string;
  /** Province slug. */
  province: string;
  /** The province's full name (浙江省, 内蒙古自治区). */
  province_name: string;
  department: string;
  source: string;
  /** Occurrences of the query's terms, summed over terms; null without terms. */
  occurrences: number | null;
}

/** A report's row; `url` is its article page's absolute URL. */
export function exportRow(
  entry: CatalogEntry,
  metadata: ExportMetadata,
  url: string,
  occurrences: number | undefined,
): ExportRow {
  return {
    id: entry.id,
    url,
    title: metadata.title,
    date: entry.date,
    province: entry.province,
    province_name: getProvince(entry.province).name,
    department: metadata.department,
    source: metadata.source,
    occurrences: occurrences ?? null,
  };
}

/** What was searched, as the JSON file states it before the reports. */
export interface ExportAbout {
  /** The query as applied ('' for filters alone). */
  query: string;
  /** The filters applied, by name (province slug, year …); none listed: none set. */
  filters: Record<string, string>;
  sort: string;
  /** When the file was made (ISO 8601, UTC). */
  exported: string;
  /** Reports in the file. */
  total: number;
}

/** An export file's format: its text pieces before, between and after the rows. */
export interface ExportFormat {
  extension: 'csv' | 'json';
  type: string;
  head(about: ExportAbout): string;
  row(row: ExportRow, first: boolean): string;
  tail: string;
}

export const CSV_FORMAT: ExportFormat = {
  extension: 'csv',
  type: 'text/csv;charset=utf-8',
  head: () => UTF8_BOM + csvRecord(EXPORT_FIELDS),
  row: (row) => csvRecord(EXPORT_FIELDS.map((field) => String(row[field] ?? ''))),
  tail: '',
};

/** `{ query, filters, sort, exported, total, reports: [row, …] }`, a row a line. */
export const JSON_FORMAT: ExportFormat = {
  extension: 'json',
  type: 'application/json',
  head: (about) => `${JSON.stringify(about).slice(0, -1)},"reports":[`,
  row: (row, first) => `${first ? '' : ','}\n${JSON.stringify(row)}`,
  tail: '\n]}\n',
};

/** Characters no file name may hold on common systems, and whitespace. */
const UNSAFE_IN_NAMES = /[\\/:*?"<>|\p{Cc}\p{Cf}\s]+/gu;
/** The most characters of query and filters a file name repeats. */
const NAMED_CHARS = 40;

/**
 * `minzheng-search-<query and filter values>-<YYYY-MM-DD>.<ext>`, without characters that
 * systems refuse in file names; `day` is the day of the export.
 */
export function exportFileName(about: ExportAbout, day: string, extension: string): string {
  const named = [about.query, ...Object.values(about.filters)]
    .map((part) => part.replace(UNSAFE_IN_NAMES, '_').replace(/^[_.]+|[_.]+$/g, ''))
    .filter(Boolean)
    .join('-');
  const short = [...named].slice(0, NAMED_CHARS).join('') || 'all';
  return `minzheng-search-${short}-${day}.${extension}`;
}
