/**
 * Step 7: an article → its Markdown file, in the archive's one stable format:
 *
 *   ---
 *   title: "…"            keys in this order, every string JSON-quoted
 *   date: "2024-03-14"     (JSON.stringify: non-ASCII kept as is),
 *   province: "zhejiang"   topics as [] or ["a", "b"]
 *   department: "…"
 *   source: "…"
 *   topics: []
 *   ---
 *   <blank line>
 *   paragraph, on one line
 *   <blank line>
 *   paragraph …            and a final newline.
 *
 * Paragraph text is escaped so that the site's renderer (remark, CommonMark, GFM and
 * smartypants off) shows exactly the bulletin's characters: nothing becomes emphasis,
 * a link, HTML, an entity, a heading, a list or a code block.
 */
import type { ArticleData } from '../schemas/article.ts';
import { topicsLine } from '../utils/topics-line.ts';

/** Characters that are Markdown syntax anywhere in a line: always backslash-escaped. */
const INLINE = /[\\`*_[\]<]/g;
/** `&` starting an entity or numeric character reference (`&amp;`, `&#38;`, `&#x26;`). */
const ENTITY = /&(?=[A-Za-z][A-Za-z0-9]*;|#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};)/g;
/** Characters that start a block (heading, quote, list, thematic break, setext line) at a paragraph's start. */
const BLOCK_START = /^[#>+\-=]/;
/** `1.` / `1)` followed by a space or the end: an ordered list item. */
const ORDERED_LIST = /^([0-9]{1,9})([.)])(?=[ \t]|$)/;
/** Three or more `~` open a fenced code block. */
const TILDE_FENCE = /^~~~/;

/**
 * Escapes one paragraph (single line, already trimmed) so that CommonMark renders it as
 * exactly this text. Only characters that could be syntax are escaped: `(`, `)`, `,`, `!`
 * and CJK punctuation stay as they are, so a plain report reads cleanly in the file.
 */
export function escapeMarkdown(text: string): string {
  let out = text.replace(INLINE, '\\$&').replace(ENTITY, '\\&');
  if (BLOCK_START.test(out)) out = `\\${out}`;
  else if (ORDERED_LIST.test(out)) out = out.replace(ORDERED_LIST, '$1\\$2');
  else if (TILDE_FENCE.test(out)) out = `\\${out}`;
  return out;
}

/** The frontmatter keys in the order the archive writes them. */
export const FRONTMATTER_KEYS = [
  'title',
  'date',
  'province',
  'department',
  'source',
  'topics',
] as const;

/** The complete file: frontmatter, a blank line, escaped paragraphs separated by blank lines, final newline. */
export function serializeArticle(data: ArticleData, paragraphs: readonly string[]): string {
  const lines = FRONTMATTER_KEYS.map((key) =>
    key === 'topics' ? topicsLine(data.topics) : `${key}: ${JSON.stringify(data[key])}`,
  );
  const body = paragraphs.map(escapeMarkdown).join('\n\n');
  return `---\n${lines.join('\n')}\n---\n\n${body}\n`;
}
