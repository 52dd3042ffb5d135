/**
 * All or nothing, even when killed (issue 14, item 2). The importer is SIGKILLed just before
 * each of its changes to the folder in turn (IMPORT_TEST_KILL_AT, src/import/steps.ts); after
 * every kill no article is truncated and nothing a content glob reads is temporary, and the next
 * import (the same one, or another) completes or rolls back the interrupted one, all or
 * nothing, and leaves no temporary file.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { NO_STEPS } from '../../src/import/steps.ts';
import { STAGED_SUFFIX, STAGING_NAME, stageFiles } from '../../src/import/staging.ts';
import { parseArticlePath } from '../../src/schemas/article.ts';
import {
  COMMITTED,
  readEntries,
  readTree,
  REAL_BULLETIN,
  reportBlocks,
  runImport,
  runImportHere,
  tempDir,
  type ChildResult,
} from '../helpers/importer.ts';

// Dozens of child processes on a shared 2-core machine.
vi.setConfig({ testTimeout: 600_000 });

const [ZHEJIANG, JIANGSU, HUBEI] = reportBlocks() as [string, string, string];
const ZJ = '2024/2024-03-14-zhejiang.md';
const JS = '2024/2024-03-14-jiangsu.md';
const HB = '2024/2024-03-13-hubei.md';

/** Before: Zhejiang's article and an older version of Jiangsu's (same title, other text). */
const OLD_JIANGSU = COMMITTED[JS]!.replace(
  '3月14日,江苏省民政厅召开',
  '3月14日上午,江苏省民政厅召开',
);
const BEFORE: Record<string, string> = { [ZJ]: COMMITTED[ZJ]!, [JS]: OLD_JIANGSU };
/** The import: the real bulletin with --force, so one file is overwritten, one new, one unchanged. */
const AFTER = COMMITTED;
const ARGS = ['--year', '2024', '--force'];

/** A new folder holding `files`, and the bulletin file. */
function prepare(files: Record<string, string>, bulletin = REAL_BULLETIN) {
  const root = tempDir('crash-');
  const out = join(root, 'articles');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(out, path, '..'), { recursive: true });
    writeFileSync(join(out, path), content);
  }
  const file = join(root, 'bulletin.txt');
  writeFileSync(file, bulletin);
  return { out, file };
}

/** Every .md anywhere below `out`, dot-folders included, is an article holding its old or new content. */
function expectNoTruncatedArticle(out: string) {
  for (const [path, content] of Object.entries(readTree(out))) {
    if (!path.endsWith('.md')) continue;
    expect(parseArticlePath(path), `${path} is laid out as an article`).toBeDefined();
    expect([BEFORE[path], AFTER[path]], `${path} is whole`).toContain(content);
  }
  for (const path of readEntries(join(out, STAGING_NAME)))
    expect(path.endsWith('/') || path.endsWith(STAGED_SUFFIX) || path.startsWith('journal')).toBe(
      true,
    );
}

/** After recovery: exactly `files`, no lock, no staging, no other folder than the year folders. */
function expectClean(out: string, files: Record<string, string>) {
  expect(readTree(out)).toEqual(files);
  const folders = new Set(Object.keys(files).map((path) => `${path.split('/')[0]}/`));
  expect(readEntries(out)).toEqual([...Object.keys(files), ...folders].sort());
}

interface Kill {
  step: number;
  out: string;
  /** A copy of `out` as the kill left it. */
  copy: string;
  run: ChildResult;
}

/** Runs the import killed before change 1, 2, 3 … (four at a time) until one runs through. */
async function killAtEveryStep(): Promise<Kill[]> {
  const kills: Kill[] = [];
  for (let first = 1; ; first += 4) {
    const batch = await Promise.all(
      [0, 1, 2, 3].map(async (offset) => {
        const step = first + offset;
        const { out, file } = prepare(BEFORE);
        const env = { IMPORT_TEST_KILL_AT: String(step) };
        const run = await runImport([file, '--out', out, ...ARGS], '', { env });
        const copy = join(tempDir('crash-copy-'), 'articles');
        cpSync(out, copy, { recursive: true });
        return { step, out, copy, run };
      }),
    );
    kills.push(...batch.filter((k) => k.run.signal === 'SIGKILL'));
    const through = batch.find((k) => k.run.signal !== 'SIGKILL');
    if (through) {
      expect(through.run.stderr).toBe('');
      expect(through.run.code).toBe(0);
      expectClean(through.out, AFTER);
      return kills;
    }
  }
}

describe('killed before any of its changes', () => {
  const killed = killAtEveryStep();

  it('stopped at every change, and each kill left no truncated article and nothing temporary named .md', async () => {
    const kills = await killed;
    // Folder, lock, staging, 2 × (create, write), journal ×2, 2 × (folder, rename), cleanup ×2, unlock.
    expect(kills.length).toBe(16);
    expect(kills.map((k) => k.step)).toEqual(kills.map((_, i) => i + 1));
    for (const { out } of kills) expectNoTruncatedArticle(out);
  });

  it('the same import run again completes it and removes every temporary file', async () => {
    for (const { step, out } of await killed) {
      const again = await runImportHere([join(out, '..', 'bulletin.txt'), '--out', out, ...ARGS]);
      expect(again.code, `${step}: ${again.stderr}`).toBe(0);
      expectClean(out, AFTER);
    }
  });

  it('another import completes or rolls back the interrupted one, all or nothing', async () => {
    const other = `${ZHEJIANG.replace(/^# .*$/m, '# 浙江省民政厅召开第二次会议')}`;
    const otherPath = '2024/2024-03-14-zhejiang-2.md';
    const outcomes = new Set<string>();
    for (const { step, copy } of await killed) {
      const left = readEntries(copy);
      const run = await runImportHere(['-', '--out', copy, '--year', '2024'], other);
      expect(run.code, `${step}: ${run.stderr}`).toBe(0);
      const tree = readTree(copy);
      const { [otherPath]: added, ...rest } = tree;
      expect(added).toContain('title: "浙江省民政厅召开第二次会议"');
      const completed = rest[JS] === AFTER[JS];
      expect(rest, `step ${step}`).toEqual(completed ? AFTER : BEFORE);
      outcomes.add(completed ? 'completed' : 'rolled back');
      // It says what it found.
      if (left.includes('.import.lock'))
        expect(run.stdout).toMatch(/removed a stale lock of process/);
      if (left.includes(`${STAGING_NAME}/journal.json`))
        expect(run.stdout).toMatch(/completed the import interrupted at .*: \d+ more files? moved/);
      else if (left.some((path) => path.startsWith(`${STAGING_NAME}/`) && !path.endsWith('/')))
        expect(run.stdout).toMatch(/discarded an import/);
      else expect(run.stdout).not.toMatch(/discarded|completed the import/);
      expectClean(copy, tree);
    }
    expect([...outcomes].sort()).toEqual(['completed', 'rolled back']);
  });
});

describe('recovery', () => {
  it('refuses to complete an interrupted import whose target changed since, naming it', async () => {
    const { out } = prepare(BEFORE);
    stageFiles(out, [{ path: JS, content: AFTER[JS]!, replaces: OLD_JIANGSU }], NO_STEPS);
    writeFileSync(join(out, JS), `${OLD_JIANGSU}编辑改过。\n`);
    const run = await runImportHere(['-', '--out', out, '--year', '2024'], HUBEI);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${join(out, JS)} changed since`);
    expect(run.stderr).toContain(`delete ${join(out, STAGING_NAME)} to abandon`);
    expect(readTree(out)[HB]).toBeUndefined();
    expect(readTree(out)[JS]).toBe(`${OLD_JIANGSU}编辑改过。\n`);
  });

  it('removes *.md.import-PID.tmp files an older importer left beside the articles', async () => {
    const leftovers = {
      '2024/2024-03-14-jiangsu.md.import-4242.tmp': '',
      '2023/2023-01-01-hubei.md.import-17.tmp': JIANGSU,
    };
    const { out } = prepare({ ...BEFORE, ...leftovers });
    const run = await runImportHere(['-', '--out', out, '--year', '2024'], HUBEI);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('removed 2 leftover temporary files');
    expect(readTree(out)).toEqual({ ...BEFORE, [HB]: AFTER[HB] });
  });
});
