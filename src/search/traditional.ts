/**
 * Traditional → Simplified, character by character, from OpenCC's character table
 * (TSCharacters, as generated into traditional-pairs.data.ts): where it lists several
 * Simplified candidates, the first; a character it maps to itself stays itself. Search folds
 * both the archive and the query with it, so 民政廳 finds 民政厅. The browser loads this module
 * only when a text holds a character it changes (`mayHoldTraditional`, traditional-chars.ts).
 */
import { setSimplifiedForms } from './normalize.ts';
import { PAIRS } from './traditional-pairs.data.ts';

/** The pairs as a map: each Traditional character the table changes, and its Simplified form. */
export function pairsToMap(pairs: string): Map<string, string> {
  const chars = Array.from(pairs);
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i]!, chars[i + 1]!);
  return map;
}

/** Every Traditional character OpenCC changes, with its Simplified form. */
export const TRADITIONAL_TO_SIMPLIFIED: ReadonlyMap<string, string> = pairsToMap(PAIRS);

/** Makes search folding map Traditional characters to Simplified from now on. */
export function foldTraditional(): void {
  setSimplifiedForms(TRADITIONAL_TO_SIMPLIFIED);
}
