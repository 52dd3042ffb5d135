/**
 * The index's vocabulary. Pagefind's Chinese segmentation differs between index and query
 * time, so we never give it Chinese. Each character of a folded text becomes two ASCII
 * tokens, side by side: a unigram token (`u` + the code point) and a bigram token (its code
 * point and the next one's). Code points are fixed-width base 36, so no token is a prefix of
 * another and every search is an exact word lookup.
 *
 * Positions: character i of a stream sits at 2i (unigram) and 2i + 1 (bigram). A term of two
 * or more characters occurs at character i exactly when the bigrams covering it sit at 2i + 1
 * plus twice their offsets (see termWords); a one-character term is its unigram. The browser
 * checks this on the positions Pagefind returns.
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

/** One index word to look up for a term, and where it must stand. */
export interface TermWord {
  word: string;
  /** Offset of the word's first character in the term. */
  offset: number;
}

/**
 * The words to look up for a folded term: its unigram for one character, else bigrams that
 * cover every character once (offsets 0, 2, 4 …, plus the last pair when the length is odd).
 * Each bigram pins its two characters at their offsets, so the cover is as exact as all the
 * bigrams, with about half of their posting lists to download.
 */
export function termWords(term: string): TermWord[] {
  const chars = [...term];
  if (chars.length === 1) return [{ word: UNIGRAM + encode(chars[0]!), offset: 0 }];
  const offsets: number[] = [];
  for (let i = 0; i + 1 < chars.length; i += 2) offsets.push(i);
  if (chars.length % 2 === 1) offsets.push(chars.length - 2);
  return offsets.map((offset) => ({ word: encode(chars[offset]!) + encode(chars[offset + 1]!), offset }));
}

/**
 * Where a term occurs, given the positions of each of its words in one record: the start
 * positions of every occurrence (sorted). `positions[j]` belongs to `words[j]`; a word at
 * character offset k stands 2k token positions after the first.
 */
export function occurrences(words: readonly TermWord[], positions: readonly ReadonlySet<number>[]): number[] {
  const [first, ...rest] = positions;
  if (!first) return [];
  return [...first].filter((start) => rest.every((set, j) => set.has(start + 2 * words[j + 1]!.offset))).sort((a, b) => a - b);
}
