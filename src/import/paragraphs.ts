/**
 * Step 4: page-break repair. The bulletin's layout left blank lines in the middle of
 * sentences (`思想力` / `量`). A fragment that does not end a sentence is joined to the
 * next one, directly, with nothing in between (Chinese has no spaces between words; a
 * break inside a Latin word or number is joined the same way). Runs of blank lines
 * never mattered: fragments are the non-blank lines. Nothing else in the text changes.
 *
 * Linear in the text: only the end of each fragment is looked at (a paragraph that did
 * not end before it cannot end inside it), and the parts are joined once per paragraph.
 */
import type { Fragment } from './split.ts';

/** Marks that end a sentence. */
const SENTENCE_MARKS = new Set('。！？…；');
/** Closing quotes and brackets that may follow the mark. */
const CLOSERS = new Set('”’」』）)】');

/** Work done by the repair, counted so that tests can see it stays linear. */
export interface RepairWork {
  /** Fragments taken in. */
  fragments: number;
  /** Characters looked at to decide where sentences end. */
  characters: number;
}

/**
 * True when a text ends a sentence: one of 。！？…； optionally followed by closing quotes or
 * brackets. Anything else (a comma, a word, 、 or ：) means the paragraph continues.
 */
export function endsSentence(text: string, work?: RepairWork): boolean {
  let end = text.length;
  while (end > 0 && CLOSERS.has(text[end - 1]!)) end--;
  if (work) work.characters += text.length - end + 1;
  return end > 0 && SENTENCE_MARKS.has(text[end - 1]!);
}

export interface Paragraph {
  text: string;
  /** Line where the paragraph starts in the bulletin. */
  line: number;
}

export interface ParagraphResult {
  paragraphs: Paragraph[];
  /** The last paragraph, when it does not end a sentence (kept as is; worth a warning). */
  unterminated?: Paragraph;
}

/** Joins fragments into paragraphs, each ending a sentence (except possibly the last). */
export function joinParagraphs(fragments: readonly Fragment[], work?: RepairWork): ParagraphResult {
  const paragraphs: Paragraph[] = [];
  let parts: string[] = [];
  let line = 0;
  for (const fragment of fragments) {
    if (work) work.fragments++;
    if (parts.length === 0) line = fragment.line;
    parts.push(fragment.text);
    if (endsSentence(fragment.text, work)) {
      paragraphs.push({ text: parts.join(''), line });
      parts = [];
    }
  }
  if (parts.length === 0) return { paragraphs };
  const open = { text: parts.join(''), line };
  paragraphs.push(open);
  return { paragraphs, unterminated: open };
}
