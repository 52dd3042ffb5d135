/**
 * Text folding for search: what a reader types and what the archive says are compared
 * after ignoring whitespace and invisible characters (controls, zero-width and bidi marks),
 * folding full-/half-width forms (NFKC), Latin case and, once `setSimplifiedForms` has been
 * given OpenCC's table (src/search/traditional.ts), Traditional characters to Simplified.
 * Used at index time and in the browser, so both sides fold identically.
 */

/** Folded characters seen so far: a text repeats a few thousand distinct ones, and excerpts fold whole texts. */
const folds = new Map<string, string>();

/** Traditional → Simplified, character by character; none until set. */
let simplifiedForms: ReadonlyMap<string, string> = new Map();

/** Folds Traditional characters with `forms` from now on (the table is large: loaded on demand). */
export function setSimplifiedForms(forms: ReadonlyMap<string, string>): void {
  simplifiedForms = forms;
  folds.clear();
}

/** Whitespace, controls (Cc) and format characters (Cf: U+200B–U+200F, U+202A–U+202E, U+2060–U+2064, U+FEFF …). */
const IGNORED = /^[\s\p{Cc}\p{Cf}]$/u;

/**
 * Folded form of one code point: '' for whitespace and invisible characters, else NFKC, lower
 * case and Simplified (may be several characters).
 */
export function foldChar(char: string): string {
  let folded = folds.get(char);
  if (folded === undefined) {
    folded = IGNORED.test(char) ? '' : char.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
    if (simplifiedForms.size)
      folded = Array.from(folded, (c) => simplifiedForms.get(c) ?? c).join('');
    folds.set(char, folded);
  }
  return folded;
}

/** A folded text and, for each of its UTF-16 units, the index of the original UTF-16 unit it came from. */
export interface FoldedText {
  text: string;
  /** `origin[i]` is the start of the original character that produced `text[i]`; one extra entry maps the end. */
  origin: number[];
}

/** Folds a text character by character, keeping a map back to the original (for highlighting). */
export function foldWithMap(original: string): FoldedText {
  let text = '';
  const origin: number[] = [];
  let offset = 0;
  for (const char of original) {
    const folded = foldChar(char);
    for (let i = 0; i < folded.length; i++) origin.push(offset);
    text += folded;
    offset += char.length;
  }
  origin.push(offset);
  return { text, origin };
}

/** Folds a text for comparison: `fold('２０２４ 年（AI）') === '2024年(ai)'`. */
export function fold(original: string): string {
  // foldWithMap's text, without the map: the index build folds every report's text.
  let text = '';
  for (const char of original) text += foldChar(char);
  return text;
}
