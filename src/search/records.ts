/** What the search index holds for one article, and how it becomes a Pagefind record. */
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

/** The URL a record carries, the article page's: the indexer reads the article ID back from it. */
export const recordUrl = (id: string, base: string) => `${base}articles/${encodeURIComponent(id)}/`;

/** The article ID in a record's URL. */
export function articleIdOfUrl(url: string, base: string): string {
  const prefix = `${base}articles/`;
  if (!url.startsWith(prefix) || !url.endsWith('/'))
    throw new Error(`${url} is not an article URL below ${base}`);
  return decodeURIComponent(url.slice(prefix.length, -1));
}

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
    url: recordUrl(doc.id, base),
    content: documentTokens(doc, frequent).join(' '),
    language,
  };
}

/** How many distinct index words a document has: what Pagefind's memory grows with. */
export function indexWordCount(doc: SearchDocument, frequent: FrequentBigrams): number {
  return new Set(documentTokens(doc, frequent)).size;
}
