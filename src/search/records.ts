/** What the search index holds for one article, and its index words. */
import { fold } from './normalize.ts';
import { recordLength, recordTokens, type FrequentBigrams } from './tokens.ts';

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

/**
 * How many index words a document has (with fillers): what a shard's memory grows with. Known
 * from its length, without making them.
 */
export const indexWordCount = (doc: SearchDocument) =>
  recordLength(fold(doc.title), fold(doc.text));
