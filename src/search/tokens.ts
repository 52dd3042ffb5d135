/**
 * The index's vocabulary. Pagefind's Chinese segmentation differs between index and query
 * time, so we never give it Chinese. Each character of a folded text becomes two ASCII
 * tokens, side by side: a unigram token (`u` + the code point) and a bigram token (its code
 * point and the next one's). Code points are fixed-width base 36, so no token is a prefix of
 * another and every search is an exact word lookup.
 *
 * Positions: character i of a stream sits at 2i (unigram) and 2i + 1 (bigram). A term of two
 * or more characters occurs at character i exactly when its bigrams sit at 2i + 1, 2i + 3, …;
 * a one-character term is its unigram. The browser checks this on the positions Pagefind returns.
 */

/** Width of one code point in base 36: 36^4 > 0x10FFFF. */
const WIDTH = 4;
/** Stands for "end of text" after the last character, so its bigram still exists. */
const END = 'zzzz';
const UNIGRAM = 'u';
/** Separates title and body so that no bigram spans them (it sits at an even position, unlike bigrams). */
export const SEPARATOR = 'zzzzzzzz';

const encode = (char: string) => char.codePointAt(0)!.toString(36).padStart(WIDTH, '0');

/** Index tokens for a folded text: a unigram and a bigram token per character. */
export function textTokens(folded: string): string[] {
  const chars = [...folded];
  return chars.flatMap((char, i) => [UNIGRAM + encode(char), encode(char) + (i + 1 < chars.length ? encode(chars[i + 1]!) : END)]);
}

/** Tokens of a whole record: title, separator, body. The title covers positions [0, 2 × title length). */
export function recordTokens(foldedTitle: string, foldedBody: string): string[] {
  return [...textTokens(foldedTitle), SEPARATOR, ...textTokens(foldedBody)];
}

/**
 * The words to look up for a folded term, in order: its unigram for one character,
 * else its bigrams (term position j must be found at stride 2 from the first).
 */
export function termWords(term: string): string[] {
  const chars = [...term];
  if (chars.length === 1) return [UNIGRAM + encode(chars[0]!)];
  return chars.slice(0, -1).map((char, i) => encode(char) + encode(chars[i + 1]!));
}

/**
 * Where a term occurs, given the positions of each of its words in one record:
 * the start positions of every occurrence (sorted). `positions[j]` belongs to `termWords(term)[j]`.
 */
export function occurrences(positions: readonly ReadonlySet<number>[]): number[] {
  const [first, ...rest] = positions;
  if (!first) return [];
  return [...first].filter((start) => rest.every((set, j) => set.has(start + 2 * (j + 1)))).sort((a, b) => a - b);
}

/**
 * True when a term's words can be looked up together and their positions pooled: with no
 * character repeated, consecutive bigrams of the term can only chain in the term's own order,
 * so `occurrences` over the pooled positions is still exact. ("ABA" cannot: "BAB" would match.)
 */
export function canPoolWords(term: string): boolean {
  const chars = [...term];
  return new Set(chars).size === chars.length;
}
