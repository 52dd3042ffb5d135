/**
 * Exports every result of a search as CSV or JSON (see src/search/export-rows.ts). The search
 * page imports this module only when a reader asks for an export, and the export file
 * (src/search/export-metadata.ts) is fetched then too. Reading the file and writing the rows go
 * over reports in slices of `search:export` that yield to the browser (src/utils/slices.ts),
 * so a search of 100,000 matches never blocks the page.
 */
import type { SearchOutcome } from '../search/engine.ts';
import { exportMetadataDecoder } from '../search/export-metadata.ts';
import {
  CSV_FORMAT,
  exportFileName,
  exportRow,
  JSON_FORMAT,
  type ExportAbout,
  type ExportFormat,
} from '../search/export-rows.ts';
import { parseQuery } from '../search/query.ts';
import { inSlices } from '../utils/slices.ts';
import { articleUrl } from '../utils/urls.ts';
import { downloadFile } from './download.ts';
import type { PageState } from './search-state.ts';

/** Slice name of the export's work. */
export const EXPORT_SLICE = 'search:export';

export const EXPORT_FORMATS = { csv: CSV_FORMAT, json: JSON_FORMAT } as const;

/** What to export: a search's results and what was searched. */
export interface ExportRequest {
  outcome: Pick<SearchOutcome, 'total' | 'slice' | 'occurrences'>;
  /** The search the page applied. */
  state: PageState;
  format: keyof typeof EXPORT_FORMATS;
  /** The site's base path, with a slash at each end. */
  base: string;
  /** Reports a slice goes over (SEARCH_SLICE_ROWS). */
  rows: number;
}

/** The export file's reports are not the search's: the archive was rebuilt since the page loaded. */
export class StaleExportError extends Error {
  override name = 'StaleExportError';
}

/** Makes the file and hands it to the browser's downloads; returns its name and row count. */
export async function exportResults(
  request: ExportRequest,
): Promise<{ name: string; rows: number }> {
  const format: ExportFormat = EXPORT_FORMATS[request.format];
  const response = await fetch(`${request.base}search/export.json`, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`export.json: HTTP ${response.status}`);
  const metadata = exportMetadataDecoder(await response.text());
  await inSlices(EXPORT_SLICE, metadata.size, request.rows, metadata.decodeRows);
  const { outcome } = request;
  const now = new Date();
  const about = aboutSearch(request.state, outcome.total, now);
  // Without terms to find (filters alone, or exclusions only) there is nothing to count.
  const counted = parseQuery(about.query).length > 0;
  const pieces = [format.head(about)];
  await inSlices(EXPORT_SLICE, outcome.total, request.rows, (start, end) => {
    const counts = counted ? outcome.occurrences(start, end) : [];
    for (const [k, entry] of outcome.slice(start, end).entries()) {
      const found = metadata.metadata(entry.id);
      if (!found) throw new StaleExportError(`the export file has no report ${entry.id}`);
      const url = new URL(articleUrl(entry.id), location.href).href;
      pieces.push(format.row(exportRow(entry, found, url, counts[k]), start + k === 0));
    }
  });
  pieces.push(format.tail);
  const name = exportFileName(about, localDay(now), format.extension);
  downloadFile(pieces, format.type, name);
  return { name, rows: outcome.total };
}

/** What was searched, as the JSON file states it. */
function aboutSearch(state: PageState, total: number, now: Date): ExportAbout {
  // The filters are the state's text fields other than query and sort, where set.
  const filters = Object.entries(state).filter(
    (field): field is [string, string] =>
      field[0] !== 'q' && field[0] !== 'sort' && typeof field[1] === 'string' && field[1] !== '',
  );
  return {
    query: state.q.trim(),
    filters: Object.fromEntries(filters),
    sort: state.sort,
    exported: now.toISOString(),
    total,
  };
}

/** The reader's calendar day of `time`, YYYY-MM-DD. */
const localDay = (time: Date) =>
  [time.getFullYear(), time.getMonth() + 1, time.getDate()]
    .map((n, i) => String(n).padStart(i ? 2 : 4, '0'))
    .join('-');

/** Exports, and says how it went, for the page's status line. */
export async function exportReported(request: ExportRequest): Promise<string> {
  try {
    const { name, rows } = await exportResults(request);
    return `已导出 ${rows} 篇报道：${name}`;
  } catch (error) {
    return error instanceof StaleExportError
      ? '导出失败：档案已更新，请刷新页面后重新检索。'
      : '导出失败，请检查网络后重试。';
  }
}
