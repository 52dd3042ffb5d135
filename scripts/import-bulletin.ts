/**
 * Bulletin importer, the command line: `npm run import -- <bulletin.txt | -> [options]`.
 *
 * This file only does the I/O: arguments, reading the bulletin and the existing articles,
 * printing, writing. Everything that decides something is a pure function in src/import/
 * (start at src/import/bulletin.ts), unit-tested in tests/unit/import-*.test.ts.
 *
 * Exit codes: 0 done (or nothing to do), 1 the bulletin or the archive has a problem
 * (nothing written), 2 wrong usage.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { getProvince } from '../src/data/provinces.ts';
import { importBulletin, type ImportOptions } from '../src/import/bulletin.ts';
import { planFiles, type ExistingFile, type PlannedFile } from '../src/import/plan.ts';
import { formatProblem, type Problem } from '../src/import/problems.ts';
import { decodeBulletin } from '../src/import/text.ts';
import { parseArticlePath } from '../src/schemas/article.ts';

const HELP = `Import a compiled bulletin of reports as articles.

Usage: npm run import -- <bulletin.txt | -> [options]
       (or: npx tsx scripts/import-bulletin.ts <bulletin.txt | -> [options])

  <bulletin.txt>   UTF-8 text (BOM and CRLF are fine); "-" reads standard input
  --year YYYY      year for dates written without one (3月14日); a year written in
                   the text (2024年3月14日) wins
  --out DIR        articles folder (default: content/articles)
  --dry-run        print the files that would be written, write nothing
  --force          overwrite an existing article of the same province, day and title
                   whose content differs (never a different report)
  --source TEXT    source for reports that end without a (据…) credit
  --help           this text

The bulletin: one report per heading line (#, ## or ### then a space and the title).
Each report becomes <out>/<yyyy>/<yyyy-mm-dd>-<province>.md:
  - province and department from the title, then the credit, then the body
    (e.g. 浙江省民政厅, 北京市民政局, 新疆生产建设兵团民政局);
  - date from the first M月D日 / YYYY年M月D日 of the body;
  - the final (据X) / （据X） credit becomes "source" and leaves the body;
  - a paragraph that does not end a sentence (。！？…； maybe followed by a closing
    quote or bracket) is joined to the next one: page breaks are repaired.

All or nothing: if any report has a problem, every problem is listed with its line
number and nothing is written.

Existing files, per province and day (a report is known by province, day and title):
  - identical file                      → unchanged (importing twice changes nothing)
  - same title, different content       → error; --force overwrites that file
  - other reports that day (other titles) → the new report gets the next suffix,
    one past the highest taken: 2024-03-14-zhejiang-2.md, then -3 …
`;

/** Wrong arguments: exit code 2. */
class UsageError extends Error {}
/** The bulletin cannot be read: exit code 1. */
class InputError extends Error {}

interface Args {
  input: string;
  out: string;
  dryRun: boolean;
  force: boolean;
  options: ImportOptions;
}

function parseArguments(argv: string[]): Args | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        year: { type: 'string' },
        out: { type: 'string', default: 'content/articles' },
        'dry-run': { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        source: { type: 'string' },
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
  if (values.year !== undefined) {
    if (!/^[0-9]{4}$/.test(values.year))
      throw new UsageError(`--year must be a four-digit year like 2024, got "${values.year}"`);
    options.year = Number(values.year);
  }
  if (values.source !== undefined) {
    if (!values.source.trim()) throw new UsageError('--source must not be empty');
    options.source = values.source.trim();
  }
  if (!values.out.trim()) throw new UsageError('--out must not be empty');
  return {
    input: positionals[0]!,
    out: values.out,
    dryRun: values['dry-run'],
    force: values.force,
    options,
  };
}

async function readInput(input: string): Promise<Uint8Array> {
  if (input === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
  try {
    return readFileSync(input);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${input}: no such file`);
    if (code === 'EISDIR') throw new InputError(`${input}: is a folder, not a bulletin file`);
    throw new InputError(`${input}: cannot be read (${(error as Error).message})`);
  }
}

/** The files already in `out` for the provinces and days of these articles. */
function existingFiles(out: string, keys: Set<string>): ExistingFile[] {
  const years = new Set([...keys].map((key) => key.slice(0, 4)));
  const files: ExistingFile[] = [];
  for (const year of years) {
    let entries: string[];
    try {
      entries = readdirSync(join(out, year));
    } catch {
      continue; // no such year folder yet
    }
    for (const entry of entries) {
      const path = `${year}/${entry}`;
      const info = parseArticlePath(path);
      if (info && keys.has(`${info.date}|${info.province}`))
        files.push({ path, content: readFileSync(join(out, path), 'utf8') });
    }
  }
  return files;
}

/** Writes every file to a temporary name first, then renames them all: a failed write leaves no half import. */
function writeAll(
  out: string,
  files: PlannedFile[],
  progress: (done: number, file: PlannedFile) => void,
): void {
  const staged: [string, string][] = [];
  try {
    for (const file of files) {
      const target = join(out, file.path);
      mkdirSync(dirname(target), { recursive: true });
      const temp = `${target}.import-${process.pid}.tmp`;
      writeFileSync(temp, file.article.markdown);
      staged.push([temp, target]);
    }
  } catch (error) {
    for (const [temp] of staged) rmSync(temp, { force: true });
    throw error;
  }
  staged.forEach(([temp, target], index) => {
    renameSync(temp, target);
    progress(index + 1, files[index]!);
  });
}

function listProblems(problems: Problem[], file: string): string {
  return problems.map((p) => `  ${formatProblem(p, file)}`).join('\n');
}

/** More reports than this and the per-file lines give way to a progress line every 10 files. */
const QUIET_ABOVE = 20;

async function main(argv: string[]): Promise<number> {
  const args = parseArguments(argv);
  if (args === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  const name = args.input === '-' ? 'stdin' : args.input;

  const decoded = decodeBulletin(await readInput(args.input));
  if (!decoded.ok) {
    console.error(`error: ${formatProblem(decoded.problem, name)}\nNothing was written.`);
    return 1;
  }
  const result = importBulletin(decoded.text, args.options);
  for (const warning of result.warnings) console.error(`warning: ${formatProblem(warning, name)}`);

  const keys = new Set(result.articles.map((a) => `${a.data.date}|${a.data.province}`));
  const plan = planFiles(result.articles, existingFiles(args.out, keys), { force: args.force });
  const problems = [...result.problems, ...plan.problems].sort((a, b) => a.line - b.line);
  if (problems.length) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    console.error(
      `error: ${count} in ${name} (${result.reportCount} reports); nothing was written:\n${listProblems(problems, name)}`,
    );
    return 1;
  }

  const toWrite = plan.files.filter((f) => f.action !== 'unchanged');
  const unchanged = plan.files.filter((f) => f.action === 'unchanged');
  const shown = (file: PlannedFile) => join(args.out, file.path);
  const many = plan.files.length > QUIET_ABOVE;

  if (args.dryRun) {
    for (const file of toWrite)
      console.log(
        `--- would ${file.action === 'overwrite' ? 'overwrite' : 'write'} ${shown(file)} ---\n${file.article.markdown}`,
      );
    if (!many) for (const file of unchanged) console.log(`unchanged    ${shown(file)}`);
  } else {
    writeAll(args.out, toWrite, (done, file) => {
      if (!many)
        console.log(
          `${file.action === 'overwrite' ? 'overwritten ' : 'written     '} ${shown(file)}`,
        );
      else if (done % 10 === 0 || done === toWrite.length)
        console.log(`[${done}/${toWrite.length}] written, last ${shown(file)}`);
    });
    if (!many) for (const file of unchanged) console.log(`unchanged    ${shown(file)}`);
  }

  console.log(summary(plan.files, args.dryRun));
  return 0;
}

function summary(files: PlannedFile[], dryRun: boolean): string {
  const provinces = [...new Set(files.map((f) => f.article.data.province))].map(
    (slug) => getProvince(slug).name,
  );
  const dates = files.map((f) => f.article.data.date).sort();
  const range = dates[0] === dates.at(-1) ? dates[0] : `${dates[0]} … ${dates.at(-1)}`;
  const count = (action: PlannedFile['action']) => files.filter((f) => f.action === action).length;
  const verb = dryRun ? 'would be ' : '';
  const parts = [`${count('write')} ${verb}written`, `${count('unchanged')} unchanged`];
  if (count('overwrite')) parts.push(`${count('overwrite')} ${verb}overwritten`);
  const lead = `${files.length} report${files.length === 1 ? '' : 's'}, ${provinces.length} province${provinces.length === 1 ? '' : 's'} (${provinces.join('、')}), dates ${range}`;
  const nothing =
    count('unchanged') === files.length ? ' Nothing to do: everything is unchanged.' : '';
  return `${lead}: ${parts.join(', ')}.${dryRun ? ' Dry run: nothing written.' : ''}${nothing}`;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`error: ${error.message}\nRun with --help for usage.`);
      process.exitCode = 2;
    } else if (error instanceof InputError) {
      console.error(`error: ${error.message}\nNothing was written.`);
      process.exitCode = 1;
    } else {
      console.error(error);
      process.exitCode = 1;
    }
  },
);
