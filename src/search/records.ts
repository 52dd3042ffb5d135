/** What the search index holds for one article, and its index words. */
import { fold } from './normalize.ts';
import { recordTokens, type FrequentBigrams } from './tokens.ts';

/** One article as the search index sees it. */
export interface SearchDocument {
  /** Article ID (file stem). */
  id: string;
  /** Headline. */
  title: string;
  /** YYYY-MM-DD. */
  date: string;
  /** Province slug. */
  province: string;
  /** Body text, one paragraph a line. */
  text: string;
}

/** What the browser fetches to show one result: `<base>search/docs/<id>.json`. */
export type SearchDisplay = Pick<SearchDocument, 'title' | 'text'>;

/** The folded text of a document, title and body, as frequent bigrams are counted on it. */
export const foldedText = (doc: SearchDocument) => `${fold(doc.title)}\n${fold(doc.text)}`;

/**
 * The index words of a document, title and body, in order. Everything shown comes from the
 * catalog and display files, so the index holds only these.
 */
export const documentTokens = (doc: SearchDocument, frequent: FrequentBigrams) =>
  recordTokens(fold(doc.title), fold(doc.text), frequent);

/** How many distinct index words a document has: what Pagefind's memory grows with. */
export function indexWordCount(doc: SearchDocument, frequent: FrequentBigrams): number {
  return new Set(documentTokens(doc, frequent)).size;
}
