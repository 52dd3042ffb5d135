/** Running the bulletin importer's CLI as a child process, and building bulletin variants, for tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runImportCommand } from '../../src/import/command.ts';
import { ARTICLES, BULLETIN, ROOT } from './paths.ts';

export const IMPORT_SCRIPT = join(ROOT, 'scripts/import-bulletin.ts');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A child process's end: its exit code, or the signal that killed it. */
export interface ChildResult extends RunResult {
  signal: NodeJS.Signals | null;
}

export interface SpawnOptions {
  /** Extra environment variables (the test hooks of src/import/steps.ts). */
  env?: Record<string, string>;
  /** Runs the child as this user and group through setpriv (the caller must be root). */
  asUser?: number;
  /** Called with each chunk the child writes to stderr, as it comes. */
  onStderr?: (chunk: string) => void;
}

/** Starts `scripts/import-bulletin.ts` with Node and tsx's loader, from the project root. */
export function spawnImport(
  args: readonly string[],
  stdin: string | Uint8Array = '',
  options: SpawnOptions = {},
): { child: ChildProcess; done: Promise<ChildResult> } {
  const node = [process.execPath, '--import', 'tsx', IMPORT_SCRIPT, ...args];
  const [command, ...rest] =
    options.asUser === undefined
      ? node
      : [
          'setpriv',
          `--reuid=${options.asUser}`,
          `--regid=${options.asUser}`,
          '--clear-groups',
          ...node,
        ];
  const child = spawn(command!, rest, { cwd: ROOT, env: { ...process.env, ...options.env } });
  const done = new Promise<ChildResult>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      options.onStderr?.(chunk);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  child.stdin!.end(stdin);
  return { child, done };
}

/** Runs `scripts/import-bulletin.ts` with Node and tsx's loader, from the project root. */
export function runImport(
  args: readonly string[],
  stdin?: string | Uint8Array,
  options?: SpawnOptions,
): Promise<ChildResult> {
  return spawnImport(args, stdin, options).done;
}

/** Runs the importer in this process (src/import/command.ts): what the CLI does, without a new Node. */
export async function runImportHere(
  args: readonly string[],
  stdin: string | Uint8Array = '',
): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await runImportCommand(args, {
    stdin: [typeof stdin === 'string' ? Buffer.from(stdin) : stdin],
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
  });
  return { code, stdout, stderr };
}

/** A new empty temporary folder. */
export function tempDir(prefix = 'import-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Every file below `dir` as relative path → content ({} for a missing folder), dot-files included. */
export function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (current: string) => {
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[relative(dir, path).replaceAll('\\', '/')] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return files;
}

/** Every file and folder below `dir`, folders ending in "/" ([] for a missing folder). */
export function readEntries(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .map((entry) => {
      const path = relative(dir, join(entry.parentPath, entry.name)).replaceAll('\\', '/');
      return entry.isDirectory() ? `${path}/` : path;
    })
    .sort();
}

/** Modification times below `dir`, to prove that nothing was rewritten. */
export function mtimes(dir: string): Record<string, number> {
  return Object.fromEntries(
    Object.keys(readTree(dir)).map((path) => [path, statSync(join(dir, path)).mtimeMs]),
  );
}

/** The real bulletin, as text. */
export const REAL_BULLETIN = readFileSync(BULLETIN, 'utf8');

/** The committed articles imported from the real bulletin (relative path → content). */
export const COMMITTED = Object.fromEntries(
  ['2024/2024-03-14-zhejiang.md', '2024/2024-03-14-jiangsu.md', '2024/2024-03-13-hubei.md'].map(
    (path) => [path, readFileSync(join(ARTICLES, path), 'utf8')],
  ),
);

/** The bulletin's reports as text blocks, each starting with its heading line. */
export function reportBlocks(text = REAL_BULLETIN): string[] {
  return text
    .split(/^(?=#{1,3} )/m)
    .slice(1)
    .map((block) => block.replace(/\n+$/, '\n'));
}

/** 1-based number of the first line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index === -1) throw new Error(`"${needle}" not in text`);
  return text.slice(0, index).split('\n').length;
}
