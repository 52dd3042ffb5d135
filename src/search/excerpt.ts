/**
 * Excerpts and highlights: where the folded terms occur in the original text, so that a
 * whole matched phrase becomes one <mark> even when the source has spaces or full-width forms in
 * it.
 */
import { foldWithMap, type FoldedText } from './normalize.ts';

/** A half-open range [start, end) of UTF-16 offsets in the original text. */
export type Range = [start: number, end: number];

/** Ranges of the original text that match any term, merged and sorted. */
export function matchRanges(original: string, terms: readonly string[]): Range[] {
  return foldedMatchRanges(original, foldWithMap(original), terms);
}

/** matchRanges with the original text folded already (`folded`, from foldWithMap). */
export function foldedMatchRanges(
  original: string,
  { text, origin }: FoldedText,
  terms: readonly string[],
): Range[] {
  const ranges: Range[] = [];
  for (const term of terms) {
    if (!term) continue;
    for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + 1)) {
      // The range ends after the whole original character behind the last folded unit.
      const lastStart = origin[at + term.length - 1]!;
      ranges.push([origin[at]!, lastStart + (original.codePointAt(lastStart)! > 0xffff ? 2 : 1)]);
    }
  }
  return mergeRanges(ranges);
}

/** Ranges merged where they overlap or touch, sorted (sorts `ranges` in place). */
export function mergeRanges(ranges: Range[]): Range[] {
  const sorted = ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Range[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/** A piece of excerpt text, marked or not. */
export interface Segment {
  text: string;
  mark: boolean;
}

/** Splits text into marked and unmarked segments along ranges. */
export function segments(text: string, ranges: readonly Range[]): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) out.push({ text: text.slice(at, start), mark: false });
    out.push({ text: text.slice(start, end), mark: true });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out;
}

/** Ends a sentence: an excerpt may start after it and end with it. */
const SENTENCE_END = /[。！？!?\n]/;
/** Ends a clause: an excerpt may start after it, or end before it (a comma does not precede ……). */
const CLAUSE_END = /[，、；：,;:]/;
/** Never the first character of an excerpt; an opening quote or bracket may be. */
const NOT_AT_START = /[\s，。、；：！？,.;:!?”’）》」』】〉)\]…—·]/;
/** Never the last character before an ellipsis. */
const NOT_AT_END = /[\s“‘（《「『【〈(\[，、；：,;:]/;
/** The Chinese ellipsis, marking a cut. */
const ELLIPSIS = '……';

/** The last index in [from, to) whose character matches, or -1. */
function lastMatch(text: string, from: number, to: number, pattern: RegExp): number {
  for (let i = to - 1; i >= Math.max(0, from); i--) if (pattern.test(text[i]!)) return i;
  return -1;
}

/**
 * Where a window of about `length` characters showing a match at `match` starts: at the
 * beginning of the match's sentence, or of its clause, when that is near; never on punctuation.
 */
function windowStart(text: string, match: number, length: number, floor = 0): number {
  if (match - floor <= Math.floor(length / 3)) return floor;
  const reach = Math.max(floor, match - Math.floor(length / 2));
  let boundary = lastMatch(text, reach, match, SENTENCE_END);
  if (boundary < 0) boundary = lastMatch(text, reach, match, CLAUSE_END);
  let start = boundary >= 0 ? boundary + 1 : match - Math.floor(length / 3);
  while (start < match && NOT_AT_START.test(text[start]!)) start++;
  return start;
}

/**
 * Where that window ends, at least after `keep`: after a sentence's end, or before a clause's,
 * when one is in its last third; never right after an opening bracket or a comma.
 */
function windowEnd(text: string, start: number, keep: number, length: number): number {
  let end = Math.min(text.length, start + length);
  if (keep > end) end = Math.min(text.length, keep + 10);
  if (end === text.length) return end;
  const from = Math.max(keep, end - Math.floor(length / 3));
  const sentence = lastMatch(text, from, end, SENTENCE_END);
  const clause = sentence < 0 ? lastMatch(text, from, end, CLAUSE_END) : -1;
  if (sentence >= 0) end = text[sentence] === '\n' ? sentence : sentence + 1;
  else if (clause >= 0) end = clause;
  while (end > keep && NOT_AT_END.test(text[end - 1]!)) end--;
  return end;
}

/**
 * The text between start and end with the ranges inside it marked, paragraphs run together:
 * Chinese needs no space between sentences, Latin words of two paragraphs keep one.
 */
function windowSegments(
  text: string,
  ranges: readonly Range[],
  start: number,
  end: number,
): Segment[] {
  const inside = ranges
    .filter(([s, e]) => e > start && s < end)
    .map(([s, e]): Range => [Math.max(s, start) - start, Math.min(e, end) - start]);
  const window = text.slice(start, end).replace(/(?<=[A-Za-z0-9])\n(?=[A-Za-z0-9])/g, ' ');
  return segments(window, inside)
    .map((segment) => ({ ...segment, text: segment.text.replace(/\n/g, '') }))
    .filter((segment) => segment.text);
}

/**
 * An excerpt of about `length` characters around the first match (or the opening of the
 * text when nothing matches), with matches marked, cut at sentence or clause boundaries where
 * one is near. A term that does not occur in that window gets a short window of its own, so
 * every term of the query shows. Cuts show as ……
 */
export function excerpt(text: string, terms: readonly string[], length = 90): Segment[] {
  const ranges = matchRanges(text, terms);
  const first = ranges[0];
  const start = first ? windowStart(text, first[0], length) : 0;
  let end = windowEnd(text, start, first?.[1] ?? 0, length);
  const pieces = windowSegments(text, ranges, start, end);
  if (start > 0) pieces.unshift({ text: ELLIPSIS, mark: false });

  const shown = (term: string) => matchRanges(text.slice(start, end), [term]).length > 0;
  const extra = Math.floor(length / 3);
  for (const term of terms.filter((term) => !shown(term))) {
    const [at] = matchRanges(text, [term]);
    if (!at || at[0] < end) continue;
    const from = windowStart(text, at[0], extra, end);
    if (from > end) pieces.push({ text: ELLIPSIS, mark: false });
    end = windowEnd(text, from, at[1], extra);
    pieces.push(...windowSegments(text, ranges, from, end));
  }
  if (end < text.length) pieces.push({ text: ELLIPSIS, mark: false });
  return pieces;
}
