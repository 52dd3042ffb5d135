/**
 * What an exact search must return, found the slow, obvious way: every document in which each
 * term of the query is a substring of the folded title or of the folded body, within the
 * filters. The browser tests and the benchmark hold the engine's results against it.
 */
import { matchesAll, parseQuery } from './query.ts';
import { foldTraditional } from './traditional.ts';

// The definition of a match folds Traditional characters to Simplified, as the index does; the
// documents callers fold with normalize.ts after importing this module fold the same way.
foldTraditional();

/** A report as the ground truth sees it. */
export interface FoldedDocument {
  /** The title, folded (normalize.ts). */
  title: string;
  /** The body, folded. */
  body: string;
  /** Province slug. */
  province: string;
  /** YYYY-MM-DD. */
  date: string;
}

/** The filters a reader can set beside the query. */
export interface SearchFilter {
  /** Province slug. */
  province?: string | undefined;
  /** YYYY. */
  year?: string | undefined;
}

/** The documents an exact search for `query` under `filter` must find, in the given order. */
export function substringMatches<T extends FoldedDocument>(
  documents: readonly T[],
  query: string,
  { province, year }: SearchFilter = {},
): T[] {
  const terms = parseQuery(query);
  // Folded text has no line breaks, so no term can match across the two.
  return documents.filter(
    (doc) =>
      matchesAll(`${doc.title}\n${doc.body}`, terms) &&
      (!province || doc.province === province) &&
      (!year || doc.date.startsWith(year)),
  );
}
