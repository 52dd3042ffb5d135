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

/** The text between start and end with the ranges inside it marked (line breaks shown as spaces). */
function windowSegments(
  text: string,
  ranges: readonly Range[],
  start: number,
  end: number,
): Segment[] {
  const inside = ranges
    .filter(([s, e]) => e > start && s < end)
    .map(([s, e]): Range => [Math.max(s, start) - start, Math.min(e, end) - start]);
  return segments(text.slice(start, end).replace(/\n/g, ' '), inside);
}

/**
 * An excerpt of about `length` characters around the first match (or the opening of the
 * text when nothing matches), with matches marked. A term that does not occur in that
 * window gets a short window of its own, so every term of the query shows. Ellipses show cuts.
 */
export function excerpt(text: string, terms: readonly string[], length = 90): Segment[] {
  const ranges = matchRanges(text, terms);
  const first = ranges[0];
  let start = first ? Math.max(0, first[0] - Math.floor(length / 3)) : 0;
  // Prefer starting at a sentence or clause boundary close before the match.
  if (first) {
    const boundary = Math.max(
      text.lastIndexOf('。', first[0] - 1),
      text.lastIndexOf('\n', first[0] - 1),
    );
    if (boundary >= start - length / 3 && boundary < first[0]) start = Math.max(0, boundary + 1);
  }
  let end = Math.min(text.length, start + length);
  if (first && first[1] > end) end = Math.min(text.length, first[1] + 10);
  const pieces = windowSegments(text, ranges, start, end);
  if (start > 0) pieces.unshift({ text: '…', mark: false });

  const shown = (term: string) => matchRanges(text.slice(start, end), [term]).length > 0;
  const extra = Math.floor(length / 3);
  for (const term of terms.filter((term) => !shown(term))) {
    const [at] = matchRanges(text, [term]);
    if (!at || at[0] < end) continue;
    const from = Math.max(end, at[0] - Math.floor(extra / 3));
    if (from > end) pieces.push({ text: '…', mark: false });
    end = Math.min(text.length, Math.max(at[1], from + extra));
    pieces.push(...windowSegments(text, ranges, from, end));
  }
  if (end < text.length) pieces.push({ text: '…', mark: false });
  return pieces;
}
