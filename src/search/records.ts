/** What the search index holds for one article, and how it becomes a Pagefind record. */
import { articleUrlBelow } from '../utils/article-url.ts';
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

const documentTokens = (doc: SearchDocument, frequent: FrequentBigrams) =>
  recordTokens(fold(doc.title), fold(doc.text), frequent);

/**
 * A Pagefind custom record holding only tokens; everything shown comes from the catalog and
 * display files. No metadata: Pagefind 1.6 would index its values as words too.
 */
export function searchRecord(
  doc: SearchDocument,
  base: string,
  language: string,
  frequent: FrequentBigrams,
) {
  return {
    // The article page's URL: the indexer reads the article ID back from it.
    url: articleUrlBelow(base, doc.id),
    content: documentTokens(doc, frequent).join(' '),
    language,
  };
}

/** How many distinct index words a document has: what Pagefind's memory grows with. */
export function indexWordCount(doc: SearchDocument, frequent: FrequentBigrams): number {
  return new Set(documentTokens(doc, frequent)).size;
}
