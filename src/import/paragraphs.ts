/**
 * Step 4: page-break repair. The bulletin's layout left blank lines in the middle of
 * sentences (`思想力` / `量`). A fragment that does not end a sentence is joined to the
 * next one, directly, with nothing in between (Chinese has no spaces between words; a
 * break inside a Latin word or number is joined the same way). Runs of blank lines
 * never mattered: fragments are the non-blank lines. Nothing else in the text changes.
 */
import type { Fragment } from './split.ts';

/**
 * A sentence ends with 。！？…； optionally followed by closing quotes or brackets.
 * Anything else (a comma, a word, 、 or ：) means the paragraph continues on the next line.
 */
export const SENTENCE_END = /[。！？…；][”’」』）)】]*$/;

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
export function joinParagraphs(fragments: readonly Fragment[]): ParagraphResult {
  const paragraphs: Paragraph[] = [];
  let open: Paragraph | undefined;
  for (const fragment of fragments) {
    open = open ? { text: open.text + fragment.text, line: open.line } : { ...fragment };
    if (SENTENCE_END.test(open.text)) {
      paragraphs.push(open);
      open = undefined;
    }
  }
  if (!open) return { paragraphs };
  paragraphs.push(open);
  return { paragraphs, unterminated: open };
}
