/**
 * 繁简通搜 in the browser: the Traditional → Simplified table (src/search/traditional.ts) is
 * loaded only once a query or a text to mark holds a character it changes; until then folding
 * without it gives the same result.
 */
import { mayHoldTraditional } from '../search/traditional-chars.ts';

let loaded: Promise<void> | undefined;

/** Resolves once folding treats Traditional characters as the index does, where `texts` need it. */
export function foldTraditionalFor(...texts: string[]): Promise<void> {
  if (!loaded && texts.some(mayHoldTraditional))
    loaded = import('../search/traditional.ts').then((table) => table.foldTraditional());
  return loaded ?? Promise.resolve();
}
