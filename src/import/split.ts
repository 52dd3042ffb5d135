/**
 * Step 2: text → reports. A bulletin holds one report per heading line (forms in
 * heading.ts). Every other non-blank line is a fragment of the current report's body;
 * lines heading.ts refuses are problems.
 */
import { classifyLine } from './heading.ts';
import type { Problem } from './problems.ts';

/** One non-blank line of a report body, trimmed, with its bulletin line number. */
export interface Fragment {
  text: string;
  line: number;
}

/** A report as it stands in the bulletin, before any interpretation. */
export interface RawReport {
  title: string;
  /** Line number of the heading. */
  line: number;
  fragments: Fragment[];
}

export interface SplitResult {
  reports: RawReport[];
  problems: Problem[];
}

/** Splits a normalised bulletin (LF line ends, no BOM) into reports. */
export function splitReports(text: string): SplitResult {
  const reports: RawReport[] = [];
  const problems: Problem[] = [];
  /** Refused lines: kept even when the bulletin has no heading at all. */
  const refusals: Problem[] = [];
  const lines = text.split('\n');

  lines.forEach((raw, index) => {
    const line = index + 1;
    const kind = classifyLine(raw);
    if (kind.kind === 'refused') {
      refusals.push({ line, message: kind.message });
      return;
    }
    if (kind.kind === 'heading') {
      if (!kind.title) problems.push({ line, message: `heading "${raw.trim()}" has no title` });
      reports.push({ title: kind.title, line, fragments: [] });
      return;
    }
    const fragment = raw.trim(); // trim() also removes full-width spaces (U+3000) and NBSP
    if (!fragment) return;
    const current = reports.at(-1);
    if (current) current.fragments.push({ text: fragment, line });
    else
      problems.push({
        line,
        message: 'text before the first heading: every report must start with a "# title" line',
      });
  });

  if (reports.length === 0) {
    // Without a single heading every line would be "before the first heading": say it once.
    return {
      reports,
      problems: [
        ...refusals,
        {
          line: 1,
          message:
            'no headings found: a bulletin has one "# title" (or "## title" … "###### title") line per report',
        },
      ],
    };
  }
  return { reports, problems: [...problems, ...refusals].sort((a, b) => a.line - b.line) };
}
