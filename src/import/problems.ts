/**
 * Problems found while importing a bulletin. Every problem carries the line of the
 * bulletin it is about, so an editor can jump straight to it.
 */

export interface Problem {
  /** 1-based line number in the bulletin (after BOM removal; CRLF counts as one line end). */
  line: number;
  /** Title of the report the problem belongs to, when it belongs to one. */
  report?: string;
  message: string;
}

/** `line 27 「江苏省民政厅召开…」: no (据…) credit …`, one line per problem. */
export function formatProblem(problem: Problem, file = 'bulletin'): string {
  const where = `${file}:${problem.line}`;
  const report = problem.report === undefined ? '' : ` 「${shorten(problem.report)}」`;
  return `${where}${report}: ${problem.message}`;
}

/** A title cut to a readable length for messages. */
export function shorten(text: string, max = 30): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
