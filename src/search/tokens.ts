/**
 * The index's vocabulary. Pagefind's Chinese segmentation differs between index and query
 * time, so we never give it Chinese: each position of a folded text becomes an ASCII token
 * for the bigram starting there (two fixed-width base-36 code points). A substring of two
 * or more characters is then exactly a Pagefind phrase of consecutive bigram tokens, and a
 * single character is a prefix of the tokens that start with it.
 */

/** Width of one code point in base 36: 36^4 > 0x10FFFF. */
const WIDTH = 4;
/** Stands for "end of text" after the last character, so its bigram still exists. */
const END = 'zzzz';
/** Marks title tokens, indexed a second time so title hits can be told apart. */
export const TITLE_MARK = 't';
/** Separates title and body so no phrase matches across them. */
export const SEPARATOR = 'zzzzzzzz';

const encode = (char: string) => char.codePointAt(0)!.toString(36).padStart(WIDTH, '0');

/** Index tokens for a folded text: one per character. */
export function textTokens(folded: string, mark = ''): string[] {
  const chars = [...folded];
  return chars.map((char, i) => mark + encode(char) + (i + 1 < chars.length ? encode(chars[i + 1]!) : END));
}

/** The Pagefind query string that finds `term` (folded, non-empty) in the plain or marked tokens. */
export function termQuery(term: string, mark = ''): string {
  const chars = [...term];
  if (chars.length === 1) return mark + encode(chars[0]!); // prefix search
  const bigrams = chars.slice(0, -1).map((char, i) => mark + encode(char) + encode(chars[i + 1]!));
  return bigrams.length === 1 ? bigrams[0]! : `"${bigrams.join(' ')}"`;
}

/** How many characters a term has (its bigram phrase is one shorter). */
export const termLength = (term: string) => [...term].length;
