/**
 * The index's vocabulary. Pagefind's Chinese segmentation differs between index and query
 * time, so we never give it Chinese: every word it indexes is ASCII. Code points are written
 * in fixed-width base 36, so no word is a prefix of another and every lookup is exact.
 *
 * Each character of a folded text has three positions, side by side:
 * - 3i: its unigram (`u` + code point), for one-character searches;
 * - 3i + 1: its bigram (its code point and the next one's), for everything longer;
 * - 3i + 2: its trigram (`t` + three code points) when either bigram in it is *frequent*,
 *   else a filler that Pagefind skips but counts ("-"). A frequent bigram's posting list is
 *   long; the trigrams around it are far shorter, so common phrases cost much less to look
 *   up, whether the frequent bigram starts or ends them.
 * A term occurs at character i exactly when each word of its cover (see termWords) stands
 * at 3i plus the word's place in the term. The browser checks this on Pagefind's positions.
 */

/** Width of one code point in base 36: 36^4 > 0x10FFFF. */
const WIDTH = 4;
/** Stands for "end of text" after the last character, so bigrams and trigrams still exist there. */
const END = 'zzzz';
const UNIGRAM = 'u';
const TRIGRAM = 't';
/** Takes a position without being indexed: Pagefind skips words of punctuation only but counts them. */
export const FILLER = '-';
/** Positions per character. */
const SLOTS = 3;
/** Between title and body: one blank character, so no bigram or trigram spans them. */
const SEPARATOR = Array<string>(SLOTS).fill(FILLER);

const encode = (char: string) => char.codePointAt(0)!.toString(36).padStart(WIDTH, '0');

/** The index word of one character; the words of the tokens that start with it begin with it. */
export const characterWord = encode;

/** Bigrams (two-character strings) whose occurrences also get a trigram word. */
export type FrequentBigrams = ReadonlySet<string>;

/** Index tokens for a folded text, three per character. */
export function textTokens(folded: string, frequent: FrequentBigrams): string[] {
  const chars = [...folded];
  const code = (i: number) => (i < chars.length ? encode(chars[i]!) : END);
  return chars.flatMap((_, i) => [
    UNIGRAM + code(i),
    code(i) + code(i + 1),
    hasTrigram(chars, i, frequent) ? TRIGRAM + code(i) + code(i + 1) + code(i + 2) : FILLER,
  ]);
}

/** Whether the characters from `start` have a trigram word: a frequent bigram starts it, or ends it. */
function hasTrigram(chars: readonly string[], start: number, frequent: FrequentBigrams): boolean {
  const [a, b, c] = [chars[start], chars[start + 1], chars[start + 2]];
  return b !== undefined && (frequent.has(a! + b) || (c !== undefined && frequent.has(b + c)));
}

/** Tokens of a whole record: title, a blank, body. Title character i is character i of the record. */
export function recordTokens(
  foldedTitle: string,
  foldedBody: string,
  frequent: FrequentBigrams,
): string[] {
  return [...textTokens(foldedTitle, frequent), ...SEPARATOR, ...textTokens(foldedBody, frequent)];
}

/** Characters in a text as `[...text]` counts them (code points, a lone surrogate one), without splitting it. */
export function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    // A surrogate pair: two units, one character.
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      count--;
      i++;
    }
  }
  return count;
}

/** How many tokens recordTokens makes of a record, without making them. */
export const recordLength = (foldedTitle: string, foldedBody: string) =>
  SLOTS * (codePoints(foldedTitle) + 1 + codePoints(foldedBody));

/** One index word to look up for a term, and where it must stand. */
export interface TermWord {
  word: string;
  /** Its position relative to the start of the term: 3 × character offset + its slot. */
  position: number;
}

/** A cheapest way found to cover the first characters of a term. */
interface Plan {
  cost: number;
  /** Start and length (2 or 3) of each word. */
  pieces: [start: number, length: number][];
}

/** Relative cost of looking up a frequent bigram instead of a trigram or an ordinary bigram. */
const FREQUENT_BIGRAM_COST = 20;

/**
 * The words to look up for a folded term: a cheapest set that pins every character. One
 * character is its unigram; longer terms use bigrams and, around a frequent bigram, the
 * trigrams that hold it. Every character is pinned at its offset, so the cover is exact.
 */
export function termWords(term: string, frequent: FrequentBigrams): TermWord[] {
  const chars = [...term];
  const code = (i: number) => encode(chars[i]!);
  if (chars.length === 1) return [{ word: UNIGRAM + code(0), position: 0 }];
  // best[p]: the cheapest words covering characters [0, p). Words may overlap, never leave a gap.
  const best: (Plan | undefined)[] = [{ cost: 0, pieces: [] }];
  for (let p = 0; p < chars.length; p++) {
    const plan = best[p];
    if (!plan) continue;
    for (let start = Math.max(0, p - 2); start <= p; start++) {
      const pieces: [length: number, cost: number][] = [
        [2, frequent.has(chars[start]! + chars[start + 1]) ? FREQUENT_BIGRAM_COST : 1],
      ];
      if (hasTrigram(chars, start, frequent)) pieces.push([3, 1]);
      for (const [length, cost] of pieces) {
        const end = start + length;
        if (end <= p || end > chars.length) continue;
        const known = best[end];
        const candidate: Plan = {
          cost: plan.cost + cost,
          pieces: [...plan.pieces, [start, length]],
        };
        if (
          !known ||
          candidate.cost < known.cost ||
          (candidate.cost === known.cost && candidate.pieces.length < known.pieces.length)
        )
          best[end] = candidate;
      }
    }
  }
  return best[chars.length]!.pieces.map(([start, length]) =>
    length === 2
      ? { word: code(start) + code(start + 1), position: SLOTS * start + 1 }
      : {
          word: TRIGRAM + code(start) + code(start + 1) + code(start + 2),
          position: SLOTS * start + 2,
        },
  );
}

/**
 * Where a term occurs, given the positions of each of its words in one record: the
 * character index of every occurrence (sorted). `positions[j]` belongs to `words[j]`.
 */
export function occurrences(
  words: readonly TermWord[],
  positions: readonly (readonly number[])[],
): number[] {
  const [first, ...rest] = positions;
  if (!first) return [];
  const starts: number[] = [];
  for (const found of first) {
    const start = found - words[0]!.position;
    // Position lists per record are short: a scan beats building sets for thousands of records.
    if (
      start % SLOTS === 0 &&
      rest.every((list, j) => list.includes(start + words[j + 1]!.position))
    )
      starts.push(start / SLOTS);
  }
  return starts.sort((a, b) => a - b);
}

/**
 * The bigrams frequent enough to get trigram words: those making up at least 1/`share` of all
 * bigram occurrences in the archive each (at most `share` of them).
 */
export function frequentBigrams(foldedTexts: Iterable<string>, share = 1000): Set<string> {
  const counts = new Map<string, number>();
  let total = 0;
  for (const text of foldedTexts) {
    const chars = [...text];
    for (let i = 0; i + 1 < chars.length; i++) {
      const bigram = chars[i]! + chars[i + 1]!;
      counts.set(bigram, (counts.get(bigram) ?? 0) + 1);
      total++;
    }
  }
  return new Set(
    [...counts]
      .filter(([, count]) => count * share >= total && count > 1)
      .map(([bigram]) => bigram),
  );
}
