/**
 * Traditional → Simplified, character by character, from OpenCC's character table
 * (TSCharacters): where it lists several Simplified candidates, the first; a character it
 * maps to itself stays itself. Search folds both the archive and the query with it, so
 * 民政廳 finds 民政厅. The browser loads this module only when a text holds a character it
 * changes (`mayHoldTraditional`, src/search/traditional-chars.ts).
 */
import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';
import { setSimplifiedForms } from './normalize.ts';

/** Parses an OpenCC character table into the characters it changes and their first candidate. */
export function parseCharacterTable(table: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of table.split('|')) {
    const [from, first] = entry.split(' ');
    if (from && first && from !== first) map.set(from, first);
  }
  return map;
}

/** Every Traditional character OpenCC changes, with its Simplified form. */
export const TRADITIONAL_TO_SIMPLIFIED: ReadonlyMap<string, string> =
  parseCharacterTable(TS_CHARACTERS);

/** Makes search folding map Traditional characters to Simplified from now on. */
export function foldTraditional(): void {
  setSimplifiedForms(TRADITIONAL_TO_SIMPLIFIED);
}
