/**
 * What an export of search results needs beyond the catalog: each report's title, department
 * and source, in `<base>search/export.json`, which the search page loads only when a reader
 * exports. Department and source take few distinct values: they are stored once each, in a
 * list of names, and every report names them by number.
 */
import { catalogDecoder, catalogOrder, encodeCatalog, type CatalogEntry } from './catalog.ts';

/** One report's fields that only an export needs. */
export interface ExportMetadata {
  /** Headline, as on the article page. */
  title: string;
  /** The body that held the meeting. */
  department: string;
  /** Whom the report is credited to. */
  source: string;
}

/** The file's shape: columns in catalog order. */
interface ExportFile {
  version: 1;
  /**
   * The reports, encoded as catalog.ts encodes the catalog: a row is found by its report's ID,
   * never by a position in a catalog the page loaded earlier (a deploy in between changes it).
   */
  catalog: string;
  titles: string[];
  /** Every distinct department and source, sorted. */
  names: string[];
  /** Each report's department, as its number in `names` in base 36, comma-separated. */
  departments: string;
  /** Each report's source, the same way. */
  sources: string;
}

/** Department and source names, numbered in the order first met; `sorted` renumbers them. */
export class NameList {
  private readonly numbers = new Map<string, number>();

  /** The number of `name`, given one if it has none yet. */
  number(name: string): number {
    let n = this.numbers.get(name);
    if (n === undefined) this.numbers.set(name, (n = this.numbers.size));
    return n;
  }

  /** The names sorted, and each first-met number's place among them. */
  sorted(): { names: string[]; renumber: number[] } {
    const names = [...this.numbers.keys()].sort();
    const place = new Map(names.map((name, i) => [name, i]));
    return { names, renumber: [...this.numbers.keys()].map((name) => place.get(name)!) };
  }
}

/** A report as the index build keeps it for the export: its names by number in a NameList. */
export interface ExportRef extends CatalogEntry {
  department: number;
  source: number;
}

/**
 * Serialises the export file for `reports` (any order; the file has them in catalog order).
 * `titleOf` gives each report's title when reached, so that titles need not all be held.
 */
export function encodeExportMetadata(
  reports: readonly ExportRef[],
  names: NameList,
  titleOf: (id: string) => string,
): string {
  const refs = catalogOrder(reports);
  const { names: sorted, renumber } = names.sorted();
  const column = (pick: (ref: ExportRef) => number) =>
    refs.map((ref) => renumber[pick(ref)]!.toString(36)).join(',');
  const file: ExportFile = {
    version: 1,
    // One segment: the whole list in one file.
    catalog: encodeCatalog(refs)[0]!,
    titles: refs.map((ref) => titleOf(ref.id)),
    names: sorted,
    departments: column((ref) => ref.department),
    sources: column((ref) => ref.source),
  };
  return JSON.stringify(file);
}

/**
 * An export file being read back: `decodeRows` reads a range of its reports (ranges follow one
 * another from 0), so that a large file is read a slice at a time; `metadata` answers for the
 * reports read so far.
 */
export interface ExportMetadataDecoder {
  /** Number of reports in the file. */
  size: number;
  decodeRows(start: number, end: number): void;
  /** The metadata of the report with this ID; undefined if the file has no such report. */
  metadata(id: string): ExportMetadata | undefined;
}

/** Starts reading an export file back; throws if it is not one. */
export function exportMetadataDecoder(json: string): ExportMetadataDecoder {
  const file = JSON.parse(json) as ExportFile;
  if (file.version !== 1) throw new Error(`export file version ${String(file.version)} is not 1`);
  const reports = catalogDecoder(file.catalog);
  const { catalog } = reports;
  const decodeCatalogRows = reports.segment(0);
  const departments = file.departments ? file.departments.split(',') : [];
  const sources = file.sources ? file.sources.split(',') : [];
  if ([file.titles.length, departments.length, sources.length].some((n) => n !== catalog.size))
    throw new Error(`export file columns disagree with its ${catalog.size} reports`);
  const positions = new Map<string, number>();
  const name = (column: string[], i: number) => file.names[parseInt(column[i]!, 36)]!;
  return {
    size: catalog.size,
    decodeRows(start, end) {
      decodeCatalogRows(start, end);
      for (let i = start; i < end; i++) positions.set(catalog.entry(i).id, i);
    },
    metadata(id) {
      const i = positions.get(id);
      if (i === undefined) return undefined;
      return { title: file.titles[i]!, department: name(departments, i), source: name(sources, i) };
    },
  };
}
