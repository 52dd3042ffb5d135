/**
 * File-system errors (issue 14, item 6): one line naming the path and the cause, exit 1,
 * nothing written and nothing left behind (no empty folder, no lock, no staging). Unwritable
 * folders are tried as an unprivileged user: this one if the tests do not run as root, else
 * user 65534 through setpriv.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  COMMITTED,
  readEntries,
  REAL_BULLETIN,
  runImport,
  runImportHere,
  tempDir,
} from '../helpers/importer.ts';
import { ROOT } from '../helpers/paths.ts';

vi.setConfig({ testTimeout: 120_000 });

const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;
const canDrop = isRoot && spawnSync('setpriv', ['--version']).status === 0;
if (isRoot && !canDrop)
  console.warn(
    'import-fs-errors: running as root without setpriv; the unwritable-folder tests are skipped',
  );

/** Output that is one "error:" line and "Nothing was written.", without a stack trace. */
function expectOneLine(stderr: string, ...parts: string[]) {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^error: /);
  for (const part of parts) expect(lines[0]).toContain(part);
  expect(lines[1]).toBe('Nothing was written.');
}

describe('--out that cannot be a folder', () => {
  it('a file: named, with the cause; the file untouched', async () => {
    const root = tempDir('fs-');
    const file = join(root, 'articles');
    writeFileSync(file, 'not a folder');
    const run = await runImportHere(['-', '--out', file, '--year', '2024'], REAL_BULLETIN);
    expect(run.code).toBe(1);
    expectOneLine(run.stderr, `${file}: not a folder (it is a file)`);
    expect(readFileSync(file, 'utf8')).toBe('not a folder');
    expect(readEntries(root)).toEqual(['articles']);
  });

  it('below a file: named, with the cause', async () => {
    const root = tempDir('fs-');
    writeFileSync(join(root, 'file'), '');
    const out = join(root, 'file', 'articles');
    const run = await runImportHere(['-', '--out', out, '--year', '2024'], REAL_BULLETIN);
    expect(run.code).toBe(1);
    expectOneLine(run.stderr, out, 'a part of the path is a file, not a folder (ENOTDIR)');
    expect(readEntries(root)).toEqual(['file']);
  });

  it('--dry-run says the same', async () => {
    const root = tempDir('fs-');
    writeFileSync(join(root, 'articles'), '');
    const run = await runImportHere(
      ['-', '--out', join(root, 'articles'), '--year', '2024', '--dry-run'],
      REAL_BULLETIN,
    );
    expect(run.code).toBe(1);
    expectOneLine(run.stderr, 'not a folder (it is a file)');
  });
});

describe.runIf(!isRoot || canDrop)('a folder this user may not write', () => {
  /** Runs the CLI as an unprivileged user on the real bulletin, from a folder anyone can read. */
  async function importAs(out: string, root: string) {
    const bulletin = join(root, 'bulletin.txt');
    writeFileSync(bulletin, REAL_BULLETIN);
    const env = { TMPDIR: '/tmp' }; // tsx's cache must be writable for that user too
    return runImport([bulletin, '--out', out, '--year', '2024'], '', {
      env,
      ...(isRoot ? { asUser: NOBODY } : {}),
    });
  }

  /** A folder everyone may read and enter; `writable` for everyone too, or for nobody. */
  function folder(path: string, writable: boolean) {
    mkdirSync(path, { recursive: true });
    chmodSync(path, writable ? 0o777 : 0o555);
    return path;
  }

  it('the articles folder itself: named, with the cause; nothing in it', async () => {
    const root = folder(tempDir('fs-perm-'), true);
    const out = folder(join(root, 'articles'), false);
    const run = await importAs(out, root);
    expect(run.code).toBe(1);
    expectOneLine(
      run.stderr,
      `cannot write to the articles folder ${out}: permission denied`,
      'EACCES',
    );
    expect(readEntries(out)).toEqual([]);
  });

  it('its parent, when the folder does not exist yet: no folder is left', async () => {
    const root = folder(tempDir('fs-perm-'), true);
    const parent = folder(join(root, 'site'), false);
    const out = join(parent, 'content', 'articles');
    const run = await importAs(out, root);
    expect(run.code).toBe(1);
    expectOneLine(run.stderr, out, 'permission denied', 'EACCES');
    expect(readEntries(parent)).toEqual([]);
  });

  it('a year folder: refused before anything is staged; no lock, no staging, no other folder', async () => {
    const root = folder(tempDir('fs-perm-'), true);
    const out = folder(join(root, 'articles'), true);
    const year = folder(join(out, '2024'), true);
    writeFileSync(join(year, '2024-03-14-zhejiang.md'), COMMITTED['2024/2024-03-14-zhejiang.md']!);
    chmodSync(year, 0o555);
    const run = await importAs(out, root);
    expect(run.code).toBe(1);
    expectOneLine(run.stderr, `cannot write to ${year}: permission denied`);
    expect(readEntries(out)).toEqual(['2024/', '2024/2024-03-14-zhejiang.md']);
  });
});

describe('the summary', () => {
  it('names the folder written, resolved, also when --out is relative', async () => {
    const out = join(tempDir('fs-'), 'articles');
    const shown = relative(ROOT, out);
    const run = await runImport(['-', '--out', shown, '--year', '2024'], REAL_BULLETIN);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`\nArticles folder: ${resolve(ROOT, shown)}\n`);
    expect(resolve(ROOT, shown)).toBe(out);
  });
});
