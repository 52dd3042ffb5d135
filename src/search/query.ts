/**
 * Reader's query → what a report must contain. Spaces separate parts that must all match; a
 * quoted part is one phrase (its inner spaces are ignored like all whitespace); `A OR B` and
 * `A | B` match either; `-A` excludes reports containing A. OR binds closer than the spaces
 * (`养老 助餐 OR 配餐` is 养老 and one of the other two). Terms come back folded.
 */
import { fold } from './normalize.ts';

/** What a report must and must not contain: the definition the index must reproduce. */
export interface SearchQuery {
  /** Every group must match; a group matches when the report contains one of its terms. */
  groups: string[][];
  /** Terms no matching report contains. */
  excluded: string[];
}

/** One part of the query as typed: a term (maybe excluded), or an OR between two terms. */
type Part = { term: string; excluded: boolean } | { or: true };

// Straight and typographic quotes; full-width ＂ becomes " before this runs. A part is a quoted
// phrase, a bar, or a run of other characters; a leading - or － excludes (a lone - is a term).
const PARTS =
  /([-－]?)["“”「」『』]([^"“”「」『』]*)["“”「」『』]?|([|｜])|([-－]?)([^\s"“”「」『』|｜]+)/gu;

/** `OR` (or its full-width form) written as a word of its own, unquoted. */
const isOr = (word: string) => word.normalize('NFKC') === 'OR';

function partsOf(input: string): Part[] {
  const parts: Part[] = [];
  for (const match of input.replace(/＂/g, '"').matchAll(PARTS)) {
    const [, phraseSign, phrase, bar, wordSign, word] = match;
    if (bar || (word !== undefined && !wordSign && isOr(word))) parts.push({ or: true });
    else {
      const term = fold(phrase ?? word ?? '');
      if (term) parts.push({ term, excluded: Boolean(phraseSign || wordSign) });
    }
  }
  return parts;
}

/** Adds `term` to a list unless it is there. */
const addOnce = (list: string[], term: string) => {
  if (!list.includes(term)) list.push(term);
};

/**
 * The query's groups and exclusions. An OR joins the terms on either side; an OR with no term
 * it can join (at either end, or next to an exclusion) is ignored.
 */
export function parseSearch(input: string): SearchQuery {
  const groups: string[][] = [];
  const excluded: string[] = [];
  let previous: Part | undefined;
  let joinNext = false;
  for (const part of partsOf(input)) {
    // Two ORs in a row are one.
    if ('or' in part)
      joinNext = !previous ? false : 'or' in previous ? joinNext : !previous.excluded;
    else if (part.excluded) addOnce(excluded, part.term);
    else if (joinNext) addOnce(groups.at(-1)!, part.term);
    else groups.push([part.term]);
    if (!('or' in part)) joinNext = false;
    previous = part;
  }
  // The same group twice adds nothing.
  const seen = new Set<string>();
  const distinct = groups.filter((group) => {
    const key = [...group].sort().join('\n');
    return !seen.has(key) && seen.add(key);
  });
  return { groups: distinct, excluded };
}

/** The distinct terms to find of a parsed query, in the order typed: what results mark. */
export const termsToFind = (query: SearchQuery): string[] => [...new Set(query.groups.flat())];

/** The distinct folded terms a matching report may contain, in the order typed: what results mark. */
export const parseQuery = (input: string): string[] => termsToFind(parseSearch(input));

/** True when the query asks for anything (a term to find or to exclude). */
export const isEmptyQuery = (query: SearchQuery) =>
  query.groups.length === 0 && query.excluded.length === 0;

/** True when `haystack` (folded) matches the query: the definition the index must reproduce. */
export function matchesQuery(foldedHaystack: string, query: SearchQuery): boolean {
  return (
    query.groups.every((group) => group.some((term) => foldedHaystack.includes(term))) &&
    !query.excluded.some((term) => foldedHaystack.includes(term))
  );
}

/** True when `haystack` (folded) contains every term. */
export function matchesAll(foldedHaystack: string, terms: readonly string[]): boolean {
  return terms.every((term) => foldedHaystack.includes(term));
}
