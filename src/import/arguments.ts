/**
 * The importer's command line: its help text (every rule an editor meets) and its arguments.
 */
import { parseArgs } from 'node:util';
import { findProvince } from '../data/provinces.ts';
import { EARLIEST_DATE, EARLIEST_YEAR, LATEST_DATE, LATEST_YEAR } from '../schemas/article.ts';
import type { ImportOptions } from './bulletin.ts';

export const HELP = `Import a compiled bulletin of reports as articles.

Usage: npm run import -- <bulletin.txt | -> [options]
       (or: npx tsx scripts/import-bulletin.ts <bulletin.txt | -> [options])

  <bulletin.txt>   UTF-8 text (BOM and CRLF are fine); "-" reads standard input
  --year YYYY      year for dates written without one (3月14日); a year written in
                   the text (2024年3月14日) wins; ${EARLIEST_YEAR} to ${LATEST_YEAR}
  --out DIR        articles folder (default: content/articles)
  --dry-run        print the files that would be written, write nothing
  --force          overwrite an existing article of the same province, day and title
                   whose content differs (never a different report)
  --source TEXT    source for reports that end without a (据…) credit
  --province LINE=SLUG
                   the division of the report whose heading is on LINE, when the
                   title and the credit disagree and both are right (e.g.
                   --province 12=shaanxi); the report must name it; repeatable
  --help           this text

The bulletin: one report per heading line: 1 to 6 "#" (or full-width "＃"), any
space (also no-break or full-width), the title. Each report becomes
<out>/<yyyy>/<yyyy-mm-dd>-<province>.md:
  - province and department from the title and the credit: when both name a
    division they must agree (a title naming several, as for a joint meeting, is
    decided by the credit; 新疆生产建设兵团 and 新疆 agree); when neither does,
    from the body (e.g. 浙江省民政厅, 北京市民政局, 新疆生产建设兵团民政局);
  - date from the first M月D日 / YYYY年M月D日 of the body, ${EARLIEST_DATE} to ${LATEST_DATE};
  - the final (据X) / （据X） credit becomes "source" and leaves the body;
  - a paragraph that does not end a sentence (。！？…； maybe followed by a closing
    quote or bracket) is joined to the next one: page breaks are repaired;
  - invisible characters (zero-width spaces and joiners, bidi controls, U+2060–U+2064,
    U+FEFF, control characters except tab) are removed, with a warning naming each
    code point and its lines.

Refused, with the line number (a report is never merged into another):
  - a line starting with "#" that is not a heading: 7 or more "#", or no space after
    them ("#标题"); a #topic# tag closed by "#" is body text;
  - a heading marker in the middle of a line, or a line of only "=" or "-";
  - a (据…) credit that ends a line before the report's last paragraph;
  - a title and a credit naming different divisions, or several with nothing to
    decide between them: correct the bulletin or pass --province;
  - U+2028 / U+2029 (line and paragraph separators): use real line breaks.

All or nothing: if any report has a problem, every problem is listed with its line
number and nothing is written. Files are first written to <out>/.import-staging/,
then moved into place; if an import is killed, the next import into <out> first
completes it (or, if it had not finished staging, discards it) and removes every
temporary file.

One import at a time: an import locks <out> (the file <out>/.import.lock); another
import into the same folder stops with exit code 3 and writes nothing. A lock left
by a process that no longer runs is removed by the next import.

Existing files, per province and day (a report is known by province, day and title):
  - identical file                      → unchanged (importing twice changes nothing)
  - same title, different content       → error; --force overwrites that file
  - other reports that day (other titles) → the new report gets the next suffix,
    one past the highest taken: 2024-03-14-zhejiang-2.md, then -3 …

Exit codes: 0 done (or nothing to do), 1 a problem in the bulletin or the folder
(one line per problem naming the line, or the path and the cause; nothing written),
2 wrong usage, 3 another import holds the folder. The summary names the folder.
`;

/** Wrong arguments: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface Args {
  input: string;
  out: string;
  dryRun: boolean;
  force: boolean;
  options: ImportOptions;
}

/** Parses the command line; 'help' for --help. Throws UsageError. */
export function parseArguments(argv: readonly string[]): Args | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        year: { type: 'string' },
        out: { type: 'string', default: 'content/articles' },
        'dry-run': { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        source: { type: 'string' },
        province: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length
        ? `one bulletin at a time, got ${positionals.length}: ${positionals.join(' ')}`
        : 'which bulletin? pass a file, or - for standard input',
    );
  }
  const options: ImportOptions = {};
  if (values.year !== undefined) options.year = parseYear(values.year);
  if (values.source !== undefined) {
    if (!values.source.trim()) throw new UsageError('--source must not be empty');
    options.source = values.source.trim();
  }
  if (values.province) options.provinces = parseProvinces(values.province);
  if (!values.out.trim()) throw new UsageError('--out must not be empty');
  return {
    input: positionals[0]!,
    out: values.out,
    dryRun: values['dry-run'],
    force: values.force,
    options,
  };
}

function parseYear(value: string): number {
  if (!/^[0-9]{4}$/.test(value))
    throw new UsageError(`--year must be a four-digit year like 2024, got "${value}"`);
  const year = Number(value);
  if (year < EARLIEST_YEAR || year > LATEST_YEAR)
    throw new UsageError(
      `--year must be between ${EARLIEST_YEAR} and ${LATEST_YEAR} (dates ${EARLIEST_DATE} to ${LATEST_DATE}), got ${value}`,
    );
  return year;
}

/** `--province 12=shaanxi`, repeatable: heading line → province slug. */
function parseProvinces(values: readonly string[]): Map<number, string> {
  const chosen = new Map<number, string>();
  for (const value of values) {
    const match = /^([1-9][0-9]*)=([a-z]+)$/.exec(value);
    if (!match)
      throw new UsageError(
        `--province takes LINE=SLUG, e.g. --province 12=shaanxi; got "${value}"`,
      );
    const [, line, slug] = match as unknown as [string, string, string];
    if (!findProvince(slug))
      throw new UsageError(
        `--province ${value}: "${slug}" is not a province slug (see src/data/provinces.ts)`,
      );
    if (chosen.has(Number(line))) throw new UsageError(`--province: line ${line} is given twice`);
    chosen.set(Number(line), slug);
  }
  return chosen;
}
