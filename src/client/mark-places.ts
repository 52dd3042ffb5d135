/**
 * Marks the places where search terms occur in a page's elements with <mark>, in slices that
 * yield to the browser (src/utils/slices.ts), so that a long article stays responsive:
 * `highlight:fold` slices fold the elements' text for matching, FOLD_CHARS_PER_SLICE
 * characters each; `highlight:mark` slices wrap MARKS_PER_SLICE places each. Elements are read
 * in order, and marking stops after MAX_MARKS places: the work grows linearly with the text
 * read and the places marked.
 */
import { foldedMatchRanges, mergeRanges, type Range } from '../search/excerpt.ts';
import { foldWithMap } from '../search/normalize.ts';
import { recordSlice, slice, yieldToBrowser } from '../utils/slices.ts';

/** Characters of text folded in one slice. */
export const FOLD_CHARS_PER_SLICE = 20_000;
/** Places marked in one slice. */
export const MARKS_PER_SLICE = 200;
/** The most places marked in a page. */
export const MAX_MARKS = 1000;

/** Places found in an element, in order. */
interface Found {
  element: HTMLElement;
  ranges: Range[];
}

/** Where a piece of at most `budget` characters from `at` ends: never inside a surrogate pair. */
function pieceEnd(text: string, at: number, budget: number): number {
  const end = Math.min(text.length, at + budget);
  const last = text.charCodeAt(end - 1);
  return end < text.length && last >= 0xd800 && last <= 0xdbff ? end - 1 : end;
}

/**
 * Finds the places of folded terms in elements' text, in order, folding a given number of
 * characters at a time: a long paragraph's first places are found before the rest is read.
 */
class PlaceFinder {
  private index = 0;
  private original: string | undefined;
  /** How far the current element's text is folded. */
  private at = 0;
  /** The folded text not searched through yet, and where each unit of it came from. */
  private tail = '';
  private tailOrigin: number[] = [];
  /** Places found that an occurrence not read yet may still extend. */
  private open: Range[] = [];
  private readonly longest: number;

  constructor(
    private readonly elements: readonly HTMLElement[],
    private readonly terms: readonly string[],
  ) {
    this.longest = Math.max(...terms.map((term) => term.length));
  }

  get done(): boolean {
    return this.index >= this.elements.length;
  }

  /** Folds up to `budget` characters; returns how many, and the places found. */
  find(budget: number): { work: number; found: Found[] } {
    const found: Found[] = [];
    let left = budget;
    while (!this.done && left > 0) {
      const element = this.elements[this.index]!;
      const original = (this.original ??= element.textContent ?? '');
      const end = pieceEnd(original, this.at, left);
      if (end === this.at && end < original.length) break;
      const piece = foldWithMap(original.slice(this.at, end));
      this.tail += piece.text;
      for (let i = 0; i < piece.text.length; i++) this.tailOrigin.push(piece.origin[i]! + this.at);
      [left, this.at] = [left - (end - this.at), end];
      const complete = end === original.length;
      const ranges = this.search(original, complete);
      if (ranges.length) found.push({ element, ranges });
      if (complete) [this.index, this.original, this.at] = [this.index + 1, undefined, 0];
    }
    return { work: budget - left, found };
  }

  /** The places of the text read so far that no later text can change. */
  private search(original: string, complete: boolean): Range[] {
    const tail = { text: this.tail, origin: this.tailOrigin };
    const places = mergeRanges([...this.open, ...foldedMatchRanges(original, tail, this.terms)]);
    // An occurrence starting in the last units may be cut off: they are searched again.
    const keep = complete ? this.tail.length : Math.max(0, this.tail.length - this.longest + 1);
    this.tail = this.tail.slice(keep);
    this.tailOrigin = this.tailOrigin.slice(keep);
    const unread = this.tailOrigin[0] ?? this.at;
    const final = complete ? places : places.filter(([, end]) => end < unread);
    this.open = places.slice(final.length);
    return final;
  }
}

/** Wraps places of one element's text in <mark>, in order, some at a time. */
class ElementMarker {
  private readonly nodes: Text[] = [];
  private index = 0;
  /** Where the current text node starts in the element's text. */
  private start = 0;

  constructor(element: HTMLElement) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      this.nodes.push(node as Text);
  }

  /** Marks `ranges` of the element's text (in order, after those marked before); returns marks. */
  mark(ranges: readonly Range[]): HTMLElement[] {
    const marks: HTMLElement[] = [];
    let pieces: Range[] = [];
    for (const [from, to] of ranges) {
      for (let at = from; at < to;) {
        const node = this.nodes[this.index];
        if (!node) return marks;
        if (this.start + node.length <= at) {
          this.wrap(node, pieces, marks);
          pieces = [];
          this.start += node.length;
          this.index++;
          continue;
        }
        const end = Math.min(to, this.start + node.length);
        pieces.push([at - this.start, end - this.start]);
        at = end;
      }
    }
    const node = this.nodes[this.index];
    if (node) this.wrap(node, pieces, marks);
    return marks;
  }

  /**
   * Puts the text and marks of `node` up to its last piece before it, in one pass over its
   * text (splitting a node once per place would copy a long paragraph once per place);
   * `node` keeps the rest.
   */
  private wrap(node: Text, pieces: readonly Range[], marks: HTMLElement[]): void {
    if (!pieces.length) return;
    const data = node.data;
    const parts: (string | Node)[] = [];
    let at = 0;
    for (const [start, end] of pieces) {
      if (start > at) parts.push(data.slice(at, start));
      const mark = document.createElement('mark');
      mark.className = 'search-highlight';
      mark.textContent = data.slice(start, end);
      parts.push(mark);
      marks.push(mark);
      at = end;
    }
    node.before(...parts);
    node.data = data.slice(at);
    this.start += at;
  }
}

/** Places found and not yet marked, by element. */
interface Queued {
  marker: ElementMarker;
  ranges: Range[];
  next: number;
}

export interface Marked {
  /** Places marked. */
  places: number;
  /** More places exist than MAX_MARKS. */
  capped: boolean;
}

/**
 * Marks the places of the folded `terms` in `elements`, in order. `onMarked` gets the marks of
 * each `highlight:mark` slice; while it returns true, places are marked as soon as they are
 * found (so the first can be shown at once), afterwards MARKS_PER_SLICE at a time.
 */
export async function markPlaces(
  elements: readonly HTMLElement[],
  terms: readonly string[],
  onMarked: (marks: HTMLElement[]) => boolean,
): Promise<Marked> {
  const finder = new PlaceFinder(elements, terms);
  const queue: Queued[] = [];
  const markers = new Map<HTMLElement, ElementMarker>();
  const enqueue = (element: HTMLElement, ranges: Range[]) => {
    if (!markers.has(element)) markers.set(element, new ElementMarker(element));
    if (ranges.length) queue.push({ marker: markers.get(element)!, ranges, next: 0 });
  };
  let [queued, found, marked, capped, eager] = [0, 0, 0, false, true];
  for (;;) {
    const reading = !finder.done && !capped;
    if (queued && (eager || queued >= MARKS_PER_SLICE || !reading)) {
      const n = Math.min(queued, MARKS_PER_SLICE);
      eager = onMarked(await slice('highlight:mark', n, MARKS_PER_SLICE, () => take(queue, n)));
      [queued, marked] = [queued - n, marked + n];
      continue;
    }
    if (!reading) break;
    await yieldToBrowser();
    const started = performance.now();
    const { work, found: places } = finder.find(FOLD_CHARS_PER_SLICE);
    for (const { element, ranges } of places) {
      const kept = ranges.slice(0, MAX_MARKS - found);
      capped = kept.length < ranges.length;
      enqueue(element, kept);
      [queued, found] = [queued + kept.length, found + kept.length];
      if (capped) break;
    }
    recordSlice('highlight:fold', started, work, FOLD_CHARS_PER_SLICE);
  }
  return { places: marked, capped };
}

/** Marks the next `n` queued places. */
function take(queue: Queued[], n: number): HTMLElement[] {
  const marks: HTMLElement[] = [];
  for (let left = n; left > 0;) {
    const head = queue[0]!;
    const ranges = head.ranges.slice(head.next, head.next + left);
    marks.push(...head.marker.mark(ranges));
    head.next += ranges.length;
    left -= ranges.length;
    if (head.next === head.ranges.length) queue.shift();
  }
  return marks;
}
