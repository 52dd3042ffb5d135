/** What the search index holds for one article, and how it becomes a Pagefind record. */
import { fold } from './normalize.ts';
import { SEPARATOR, TITLE_MARK, textTokens } from './tokens.ts';

/** One article as the search index sees it. */
export interface SearchDocument {
  /** Article ID (file stem). */
  id: string;
  /** Page URL, base included. */
  url: string;
  /** Headline. */
  title: string;
  /** YYYY-MM-DD. */
  date: string;
  /** Province slug. */
  province: string;
  /** Body text, one paragraph a line. */
  text: string;
}

/** Metadata stored with each record and returned for displayed results. */
export type SearchMeta = Pick<SearchDocument, 'id' | 'url' | 'title' | 'date' | 'province' | 'text'>;

/** A Pagefind custom record: tokens to match, metadata to show, filters and the date sort key. */
export function searchRecord(doc: SearchDocument) {
  const title = fold(doc.title);
  const content = [...textTokens(title, TITLE_MARK), ...textTokens(title), SEPARATOR, ...textTokens(fold(doc.text))].join(' ');
  const meta: SearchMeta = { id: doc.id, url: doc.url, title: doc.title, date: doc.date, province: doc.province, text: doc.text };
  return {
    url: doc.url,
    content,
    language: 'zh',
    meta: meta as unknown as Record<string, string>,
    filters: { province: [doc.province], year: [doc.date.slice(0, 4)] },
    sort: { date: doc.date },
  };
}
