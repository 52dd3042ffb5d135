/** Running the bulletin importer's CLI as a child process, and building bulletin variants, for tests. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ARTICLES, BULLETIN, ROOT } from './paths.ts';

export const IMPORT_SCRIPT = join(ROOT, 'scripts/import-bulletin.ts');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `scripts/import-bulletin.ts` with Node and tsx's loader, from the project root. */
export function runImport(
  args: readonly string[],
  stdin?: string | Uint8Array,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', IMPORT_SCRIPT, ...args], {
      cwd: ROOT,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

/** A new empty temporary folder. */
export function tempDir(prefix = 'import-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Every file below `dir` as relative path → content ({} for a missing folder). */
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
