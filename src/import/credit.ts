/**
 * Step 3: the credit. A report ends with `(据浙江省民政厅)` or `（据浙江省民政厅）`
 * (half- or full-width parentheses, mixed too), either on a line of its own or at the
 * end of the last paragraph. It is removed from the body and becomes `source`.
 * A (据…) anywhere else is part of the text and stays.
 */
import type { Fragment } from './split.ts';

const CREDIT = /[(（][ \t\u3000]*据[ \t\u3000]*([^()（）]+?)[ \t\u3000]*[)）]$/;

export interface CreditResult {
  /** The credited body, e.g. 浙江省民政厅; undefined when the report has no credit. */
  credit?: string;
  /** Line of the credit. */
  line?: number;
  /** The fragments without the credit. */
  fragments: Fragment[];
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
