/**
 * The importer as a command: `runImportCommand(argv, io)` does what `npm run import` does and
 * returns the exit code (scripts/import-bulletin.ts only connects it to the process, so tests
 * can also run it in-process). Reading and printing are here; deciding is in the pure steps
 * (start at bulletin.ts); the folder is handled by archive.ts, lock.ts and staging.ts.
 *
 * Exit codes: 0 done (or nothing to do), 1 the bulletin or the folder has a problem (nothing
 * written), 2 wrong usage, 3 another import holds the folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getProvince } from '../data/provinces.ts';
import { HELP, parseArguments, UsageError, type Args } from './arguments.ts';
import { checkFolder, checkWritable, existingFiles, openArchive, type Archive } from './archive.ts';
import { importBulletin, type BulletinResult } from './bulletin.ts';
import { ArchiveError, describeFsError, isFsError } from './fs-errors.ts';
import { ArchiveBusyError } from './lock.ts';
import { planFiles, type PlannedFile } from './plan.ts';
import { formatProblem, type Problem } from './problems.ts';
import {
  commitJournal,
  discardStaging,
  STAGING_NAME,
  stageFiles,
  type Journal,
} from './staging.ts';
import { stepsFromEnv, type Steps } from './steps.ts';
import { decodeBulletin } from './text.ts';

export interface CommandIO {
  stdin: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
}

/** The bulletin cannot be read: exit code 1. */
class InputError extends Error {}

/** Printing, a line at a time. */
interface Printer {
  out(text: string): void;
  err(text: string): void;
}

/** Runs the importer (see the module comment); never throws. */
export async function runImportCommand(argv: readonly string[], io: CommandIO): Promise<number> {
  const print: Printer = {
    out: (text) => io.stdout.write(`${text}\n`),
    err: (text) => io.stderr.write(`${text}\n`),
  };
  try {
    return await run(argv, io, print);
  } catch (error) {
    return reportFailure(error, print);
  }
}

function reportFailure(error: unknown, print: Printer): number {
  if (error instanceof UsageError) {
    print.err(`error: ${error.message}\nRun with --help for usage.`);
    return 2;
  }
  if (error instanceof ArchiveBusyError) {
    print.err(`error: ${error.message}\nNothing was written.`);
    return 3;
  }
  if (error instanceof InterruptedError) {
    print.err(`error: ${error.message}`);
    return 1;
  }
  if (error instanceof InputError || error instanceof ArchiveError || isFsError(error)) {
    print.err(`error: ${describeFsError(error)}\nNothing was written.`);
    return 1;
  }
  print.err(`internal error (please report it): ${(error as Error).stack ?? String(error)}`);
  return 1;
}

async function run(argv: readonly string[], io: CommandIO, print: Printer): Promise<number> {
  const args = parseArguments(argv);
  if (args === 'help') {
    io.stdout.write(HELP);
    return 0;
  }
  const name = args.input === '-' ? 'stdin' : args.input;
  const decoded = decodeBulletin(await readInput(args.input, io));
  if (!decoded.ok) {
    print.err(`error: ${formatProblem(decoded.problem, name)}\nNothing was written.`);
    return 1;
  }
  const result = importBulletin(decoded.text, args.options);
  for (const warning of result.warnings) print.err(`warning: ${formatProblem(warning, name)}`);
  if (result.problems.length) return refuse(result.problems, result, name, print);
  if (args.dryRun) return dryRun(args, result, name, print);

  const steps = stepsFromEnv(io.env);
  const archive = openArchive(args.out, steps);
  try {
    tellRecovery(archive, print);
    const plan = planFiles(result.articles, existingFiles(archive.dir, keysOf(result)), {
      force: args.force,
    });
    if (plan.problems.length) return refuse(plan.problems, result, name, print);
    writePlan(archive, plan.files, { steps, print, shownAs: args.out });
    print.out(summary(plan.files, archive.dir, false));
    return 0;
  } finally {
    archive.close();
  }
}

function refuse(problems: Problem[], result: BulletinResult, name: string, print: Printer): number {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const list = problems.map((p) => `  ${formatProblem(p, name)}`).join('\n');
  print.err(
    `error: ${count} in ${name} (${result.reportCount} reports); nothing was written:\n${list}`,
  );
  return 1;
}

async function readInput(input: string, io: CommandIO): Promise<Uint8Array> {
  if (input === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  try {
    return readFileSync(input);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${input}: no such file`);
    if (code === 'EISDIR') throw new InputError(`${input}: is a folder, not a bulletin file`);
    throw new InputError(`${input}: cannot be read (${describeFsError(error, input)})`);
  }
}

const keysOf = (result: BulletinResult) =>
  new Set(result.articles.map((a) => `${a.data.date}|${a.data.province}`));

/** More reports than this and the per-file lines give way to a progress line every 10 files. */
const QUIET_ABOVE = 20;

function dryRun(args: Args, result: BulletinResult, name: string, print: Printer): number {
  const dir = resolve(args.out);
  checkFolder(dir);
  const plan = planFiles(result.articles, existingFiles(dir, keysOf(result)), {
    force: args.force,
  });
  if (plan.problems.length) return refuse(plan.problems, result, name, print);
  if (existsSync(join(dir, STAGING_NAME)))
    print.out(
      `note: ${join(dir, STAGING_NAME)} holds an interrupted import; the next import completes or discards it first`,
    );
  for (const file of plan.files.filter((f) => f.action !== 'unchanged'))
    print.out(
      `--- would ${file.action === 'overwrite' ? 'overwrite' : 'write'} ${join(args.out, file.path)} ---\n${file.article.markdown}`,
    );
  if (plan.files.length <= QUIET_ABOVE)
    for (const file of plan.files.filter((f) => f.action === 'unchanged'))
      print.out(`unchanged    ${join(args.out, file.path)}`);
  print.out(summary(plan.files, dir, true));
  return 0;
}

/** Says what the start of the import found and settled. */
function tellRecovery({ lock, recovery, leftovers, dir }: Archive, print: Printer): void {
  const replaced = lock.replaced;
  if (replaced)
    print.out(
      replaced === 'unreadable'
        ? `removed an unreadable, stale lock file ${lock.path}`
        : `removed a stale lock of process ${replaced.pid} (no longer running), taken ${replaced.started}`,
    );
  if (recovery.kind === 'rolled back')
    print.out(
      `discarded an import that was interrupted before it had staged every file (${join(dir, STAGING_NAME)})`,
    );
  if (recovery.kind === 'completed')
    print.out(
      `completed the import interrupted at ${recovery.started}: ${recovery.files} more file${recovery.files === 1 ? '' : 's'} moved into place`,
    );
  if (leftovers)
    print.out(
      `removed ${leftovers} leftover temporary file${leftovers === 1 ? '' : 's'} (*.md.import-*.tmp)`,
    );
}

/** The run was stopped after its commit point: the next run completes it. */
class InterruptedError extends Error {}

interface WriteContext {
  steps: Steps;
  print: Printer;
  /** The folder as the editor named it, for the per-file lines. */
  shownAs: string;
}

/** Stages the files (nothing staged stays behind when this fails): the commit point. */
function stage(dir: string, files: readonly PlannedFile[], steps: Steps): Journal {
  checkWritable(
    dir,
    files.map((f) => f.path),
  );
  const toStage = files.map((f) => ({
    path: f.path,
    content: f.article.markdown,
    ...(f.replaces === undefined ? {} : { replaces: f.replaces }),
  }));
  try {
    return stageFiles(dir, toStage, steps);
  } catch (error) {
    discardStaging(dir, steps);
    throw error;
  }
}

/** Stages every file, then moves them into place, printing progress. */
function writePlan(
  archive: Archive,
  files: readonly PlannedFile[],
  { steps, print, shownAs }: WriteContext,
): void {
  const toWrite = files.filter((f) => f.action !== 'unchanged');
  const many = files.length > QUIET_ABOVE;
  const shown = (path: string) => join(shownAs, path);
  const journal = toWrite.length ? stage(archive.dir, toWrite, steps) : undefined;
  let done = 0;
  if (journal)
    try {
      commitJournal(archive.dir, journal, steps, (count, target) => {
        done = count;
        const file = toWrite[count - 1]!;
        if (!many)
          print.out(
            `${file.action === 'overwrite' ? 'overwritten ' : 'written     '} ${shown(target)}`,
          );
        else if (count % 10 === 0 || count === toWrite.length)
          print.out(`[${count}/${toWrite.length}] written, last ${shown(target)}`);
      });
    } catch (error) {
      throw new InterruptedError(
        `${describeFsError(error)}\nThe import stopped after ${done} of ${toWrite.length} files; the rest are staged in ${join(archive.dir, STAGING_NAME)}. Run the same import again to complete it.`,
      );
    }
  if (!many)
    for (const file of files.filter((f) => f.action === 'unchanged'))
      print.out(`unchanged    ${shown(file.path)}`);
}

function summary(files: readonly PlannedFile[], dir: string, dryRun: boolean): string {
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
  return `${lead}: ${parts.join(', ')}.${dryRun ? ' Dry run: nothing written.' : ''}${nothing}\nArticles folder: ${dir}`;
}
