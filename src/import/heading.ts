/**
 * Step 2a: what one line of the bulletin is. Editors' tools write a heading as one to six `#`
 * or full-width `＃`, then any space (ASCII, tab, no-break, full-width U+3000 …), then the
 * title, maybe closed by more `#`s (`## 标题 ##`). Every such line starts a report.
 *
 * A line that looks like a heading but is not one is refused, never read as body text, because
 * that would silently merge two reports:
 *   - seven or more `#`;
 *   - `#` with no space after it (`#江苏省民政厅召开会议`, `#标题 #`), unless the line
 *     starts with a topic tag closed by another `#` (`#话题#`), which is body text;
 *   - a heading marker after a sentence end in the middle of a line (`…(据X)# 标题`);
 *   - a line of only `=` or `-` (a heading underline or a rule).
 */

/** Any Unicode space or a tab; line breaks are not spaces here. */
const SPACE = '[\\t\\p{Zs}]';
/** Leading spaces, the hashes, and the rest of the line. */
const HASHES = new RegExp(`^${SPACE}*([#＃]+)(.*)$`, 'u');
const STARTS_WITH_SPACE = new RegExp(`^${SPACE}`, 'u');
/** A closing sequence: spaces then hashes at the end of the title (or the whole title). */
const CLOSING = new RegExp(`(?:^|${SPACE}+)[#＃]+$`, 'u');
/** A heading marker right after a sentence end or a credit's closing bracket. */
const INLINE_HEADING = new RegExp(`[。！？…；)）]${SPACE}*[#＃]{1,6}${SPACE}+\\S`, 'u');
const UNDERLINE = new RegExp(`^${SPACE}*(?:=+|-+)${SPACE}*$`, 'u');
/** After the opening `#`: a tag's text, closed by `#` with no space before it (`话题#`). */
const TOPIC_TAG = /^[^\s#＃](?:[^#＃]*[^\s#＃])?[#＃]/u;

/** The most `#`s a heading may have. */
export const MAX_LEVEL = 6;

export type LineKind =
  { kind: 'heading'; title: string } | { kind: 'text' } | { kind: 'refused'; message: string };

/** Classifies one line (rules in the module comment). */
export function classifyLine(line: string): LineKind {
  const hashes = HASHES.exec(line);
  if (hashes) return classifyHashes(hashes[1]!, hashes[2]!);
  if (UNDERLINE.test(line))
    return refused(
      'a line of only "=" or "-" (a heading underline or a rule): write each heading as "# title" and delete rules',
    );
  if (INLINE_HEADING.test(line))
    return refused(
      'a heading marker (#) in the middle of the line: start the next report on a line of its own',
    );
  return { kind: 'text' };
}

function classifyHashes(hashes: string, rest: string): LineKind {
  if (rest === '' || STARTS_WITH_SPACE.test(rest)) {
    if (hashes.length > MAX_LEVEL)
      return refused(
        `${hashes.length} "#" in a row: a heading has 1 to ${MAX_LEVEL} ("# title" … "###### title")`,
      );
    return { kind: 'heading', title: rest.trim().replace(CLOSING, '').trim() };
  }
  if (TOPIC_TAG.test(rest)) return { kind: 'text' };
  return refused(
    'starts with "#" but is not a heading: put a space after the "#" ("# title"); a #topic# tag is closed by "#"',
  );
}

function refused(message: string): LineKind {
  return { kind: 'refused', message };
}
