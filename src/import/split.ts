/**
 * Step 2: text → reports. A bulletin holds one report per heading line
 * (`# title`, `## title` or `### title`: one to three `#`, then a space).
 * Every other non-blank line is a fragment of the current report's body.
 */
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

/**
 * `#`–`###`, at least one space/tab/full-width space, the title. Stray spaces before the
 * hashes and after the title are allowed. `#话题#` (no space) and `####` are body text.
 */
const HEADING = /^[ \t\u3000]*(#{1,3})(?:[ \t\u3000]+(.*))?$/;

/** Splits a normalised bulletin (LF line ends, no BOM) into reports. */
export function splitReports(text: string): SplitResult {
  const reports: RawReport[] = [];
  const problems: Problem[] = [];
  const lines = text.split('\n');

  lines.forEach((raw, index) => {
    const line = index + 1;
    const heading = HEADING.exec(raw);
    if (heading) {
      const title = (heading[2] ?? '').trim();
      if (!title) problems.push({ line, message: `heading "${raw.trim()}" has no title` });
      reports.push({ title, line, fragments: [] });
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
        {
          line: 1,
          message:
            'no headings found: a bulletin has one "# title" (or "## title") line per report',
        },
      ],
    };
  }
  return { reports, problems };
}
