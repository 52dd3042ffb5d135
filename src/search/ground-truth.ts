/**
 * What an exact search must return, found the slow, obvious way: every document whose folded
 * title or body holds a term of each of the query's groups as a substring and none of its
 * excluded terms (query.ts), within the filters. The browser tests and the benchmark hold the engine's results against it.
 */
import { matchesQuery, parseSearch } from './query.ts';
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
  /** First day, YYYY-MM-DD, inclusive. */
  from?: string | undefined;
  /** Last day, YYYY-MM-DD, inclusive. */
  to?: string | undefined;
}

/** The documents an exact search for `query` under `filter` must find, in the given order. */
export function substringMatches<T extends FoldedDocument>(
  documents: readonly T[],
  query: string,
  { province, year, from, to }: SearchFilter = {},
): T[] {
  const parsed = parseSearch(query);
  // Folded text has no line breaks, so no term can match across the two.
  return documents.filter(
    (doc) =>
      matchesQuery(`${doc.title}\n${doc.body}`, parsed) &&
      (!province || doc.province === province) &&
      (!year || doc.date.startsWith(`${year}-`)) &&
      (!from || doc.date >= from) &&
      (!to || doc.date <= to),
  );
}
