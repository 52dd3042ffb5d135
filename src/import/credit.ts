/**
 * Step 3: the credit. A report ends with `(据浙江省民政厅)` or `（据浙江省民政厅）`
 * (half- or full-width parentheses, mixed too), either on a line of its own or at the
 * end of the last paragraph. It is removed from the body and becomes `source`.
 * A (据…) inside a line stays text; one that ends a line before the report's last is a
 * problem (bulletin.ts): the next report's heading is probably missing.
 */
import type { Fragment } from './split.ts';

/** Any Unicode space or a tab. */
const SPACE = '[\\t\\p{Zs}]*';
const CREDIT = new RegExp(`[(（]${SPACE}据${SPACE}([^()（）]+?)${SPACE}[)）]$`, 'u');

export interface CreditResult {
  /** The credited body, e.g. 浙江省民政厅; undefined when the report has no credit. */
  credit?: string;
  /** Line of the credit. */
  line?: number;
  /** The fragments without the credit. */
  fragments: Fragment[];
}

/** True when a line ends with a (据…) credit. */
export function endsWithCredit(text: string): boolean {
  return CREDIT.test(text);
}

/** Takes the credit off the end of a report's fragments. */
export function takeCredit(fragments: readonly Fragment[]): CreditResult {
  const last = fragments.at(-1);
  const match = last ? CREDIT.exec(last.text) : null;
  if (!last || !match) return { fragments: [...fragments] };
  const rest = last.text.slice(0, match.index).trim();
  const kept = fragments.slice(0, -1);
  if (rest) kept.push({ text: rest, line: last.line });
  return { credit: match[1]!, line: last.line, fragments: kept };
}
