/**
 * Reader's query → search terms. Spaces separate terms that must all occur; a quoted
 * part is one phrase (its inner spaces are ignored like all whitespace). Terms come back folded.
 */
import { fold } from './normalize.ts';

// Straight and typographic quotes; full-width ＂ folds to " before this runs.
const QUOTED_OR_WORD = /["“”「」『』]([^"“”「」『』]*)["“”「」『』]?|([^\s"“”「」『』]+)/gu;

/** The distinct folded terms of a query, in the order typed. */
export function parseQuery(input: string): string[] {
  const prepared = input.replace(/＂/g, '"');
  const terms: string[] = [];
  for (const match of prepared.matchAll(QUOTED_OR_WORD)) {
    const term = fold(match[1] ?? match[2] ?? '');
    if (term && !terms.includes(term)) terms.push(term);
  }
  return terms;
}

/** True when `haystack` (folded) contains every term: the definition the index must reproduce. */
export function matchesAll(foldedHaystack: string, terms: readonly string[]): boolean {
  return terms.every((term) => foldedHaystack.includes(term));
}
