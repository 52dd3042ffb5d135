/** Plain-text views of an article's Markdown body: paragraphs, first sentence, length, reading time. */

/** Characters a reader gets through in a minute of Chinese prose. */
export const CHARACTERS_PER_MINUTE = 400;

/**
 * The paragraphs of a Markdown body as plain text: blank lines separate paragraphs,
 * backslash escapes are undone (the importer escapes Markdown's special characters).
 */
export function markdownParagraphs(markdown: string): string[] {
  return markdown
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((paragraph) =>
      paragraph
        .replace(/\\([!-/:-@[-`{-~])/g, '$1')
        // Chinese has no spaces between words: a soft line break joins directly.
        .replace(/[ \t]*\n[ \t]*/g, '')
        .trim(),
    )
    .filter(Boolean);
}

/** Characters of the text, whitespace aside (punctuation counts, as in a Chinese 字数). */
export function characterCount(paragraphs: readonly string[]): number {
  let count = 0;
  for (const paragraph of paragraphs) for (const char of paragraph) if (!/\s/u.test(char)) count++;
  return count;
}

/** Whole minutes to read `characters` characters, at least one. */
export function readingMinutes(characters: number): number {
  return Math.max(1, Math.round(characters / CHARACTERS_PER_MINUTE));
}

/** The text up to and including its first full stop (。！？), cut to `max` characters with an ellipsis. */
export function firstSentence(text: string, max = 200): string {
  const end = /[。！？!?]/u.exec(text);
  const sentence = (end ? text.slice(0, end.index + 1) : text).trim();
  const chars = [...sentence];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : sentence;
}
