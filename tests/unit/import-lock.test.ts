/**
 * One import at a time per folder (issue 14, item 1): a second import into a folder another
 * import holds stops with exit code 3, a clear message and nothing written; every import that
 * says it succeeded has all its files on disk; a lock whose process is gone is replaced.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { LOCK_NAME, UNREADABLE_STALE_MS } from '../../src/import/lock.ts';
import {
  readTree,
  reportBlocks,
  runImport,
  runImportHere,
  spawnImport,
  tempDir,
} from '../helpers/importer.ts';

vi.setConfig({ testTimeout: 120_000 });

const [ZHEJIANG] = reportBlocks() as [string];

/** A bulletin of `count` Zhejiang reports of 2024-03-14, titled with `tag`: two tags collide on file names. */
function bulletin(tag: string, count: number): string {
  return Array.from({ length: count }, (_, i) =>
    ZHEJIANG.replace(/^# .*$/m, `# 浙江省民政厅召开${tag}第${i + 1}次会议`),
  ).join('\n');
}

/** The titles of every article in `out`. */
const titles = (out: string) =>
  Object.values(readTree(out))
    .map((content) => /^title: "(.*)"$/m.exec(content)?.[1])
    .sort();
const expectedTitles = (tag: string, count: number) =>
  Array.from({ length: count }, (_, i) => `浙江省民政厅召开${tag}第${i + 1}次会议`);

function files(root: string, texts: Record<string, string>) {
  return Object.fromEntries(
    Object.entries(texts).map(([name, text]) => {
      writeFileSync(join(root, name), text);
      return [name, join(root, name)];
    }),
  );
}

/** A process ID that no process has: one that has just exited. */
async function deadPid(): Promise<number> {
  const child = spawn('true');
  await new Promise((resolve) => child.on('close', resolve));
  return child.pid!;
}

describe('two imports into one folder', () => {
  it('while one holds the folder, the other stops with exit 3 and writes nothing; then both are complete', async () => {
    const root = tempDir('lock-');
    const out = join(root, 'articles');
    const resume = join(root, 'resume');
    const { a, b } = files(root, { a: bulletin('甲', 3), b: bulletin('乙', 3) });
    let paused!: () => void;
    const holding = new Promise<void>((resolve) => (paused = resolve));
    const first = spawnImport([a!, '--out', out, '--year', '2024'], '', {
      env: { IMPORT_TEST_PAUSE: 'stage folder', IMPORT_TEST_RESUME: resume },
      onStderr: (chunk) => chunk.includes('paused before stage folder') && paused(),
    });
    await holding;

    const refused = await runImportHere([b!, '--out', out, '--year', '2024']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toBe(
      `error: another import is writing to this folder (process ${first.child.pid} on ${hostname()}, since ${
        /"started":"([^"]+)"/.exec(readTree(out)[LOCK_NAME]!)![1]
      }); try again when it has finished. If no import is running, delete ${join(out, LOCK_NAME)}\nNothing was written.\n`,
    );
    expect(refused.stdout).toBe('');

    writeFileSync(resume, '');
    const done = await first.done;
    expect(done.code).toBe(0);
    expect(titles(out)).toEqual(expectedTitles('甲', 3));

    const again = await runImportHere([b!, '--out', out, '--year', '2024']);
    expect(again.code).toBe(0);
    expect(titles(out)).toEqual([...expectedTitles('甲', 3), ...expectedTitles('乙', 3)].sort());
    expect(Object.keys(readTree(out))).toHaveLength(6);
  });

  it('started at once: each that reports success has all its files, the other is refused', async () => {
    const root = tempDir('lock-race-');
    const out = join(root, 'articles');
    const count = 30;
    const { a, b } = files(root, { a: bulletin('甲', count), b: bulletin('乙', count) });
    const runs = await Promise.all(
      [a!, b!].map((file) => runImport([file, '--out', out, '--year', '2024'])),
    );
    const present = titles(out);
    runs.forEach((run, i) => {
      const mine = expectedTitles(i ? '乙' : '甲', count);
      if (run.code === 0) {
        expect(run.stdout).toContain(`${count} written`);
        for (const title of mine) expect(present).toContain(title);
      } else {
        expect(run.code).toBe(3);
        expect(run.stderr).toContain('another import is writing to this folder');
        for (const title of mine) expect(present).not.toContain(title);
      }
    });
    expect(runs.some((run) => run.code === 0)).toBe(true);
    expect(Object.keys(readTree(out)).every((path) => path.endsWith('.md'))).toBe(true);
  });
});

describe('a lock left behind', () => {
  const holder = (pid: number, host = hostname()) =>
    `${JSON.stringify({ pid, host, started: '2024-03-14T08:00:00.000Z' })}\n`;

  async function importWithLock(lock: string, age = 0) {
    const out = join(tempDir('lock-stale-'), 'articles');
    mkdirSync(out);
    writeFileSync(join(out, LOCK_NAME), lock);
    const then = (Date.now() - age) / 1000;
    utimesSync(join(out, LOCK_NAME), then, then);
    const run = await runImportHere(['-', '--out', out, '--year', '2024'], ZHEJIANG);
    return { run, out, tree: readTree(out) };
  }

  it('by a process that no longer runs is removed, and the import goes on', async () => {
    const pid = await deadPid();
    const { run, tree } = await importWithLock(holder(pid));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `removed a stale lock of process ${pid} (no longer running), taken 2024-03-14T08:00:00.000Z`,
    );
    expect(Object.keys(tree)).toEqual(['2024/2024-03-14-zhejiang.md']);
  });

  it('unreadable (its process died writing it) is removed once it is old', async () => {
    const old = await importWithLock('', UNREADABLE_STALE_MS + 60_000);
    expect(old.run.code).toBe(0);
    expect(old.run.stdout).toContain('removed an unreadable, stale lock file');
    const fresh = await importWithLock('');
    expect(fresh.run.code).toBe(3);
    expect(fresh.run.stderr).toContain('a process that is still writing the lock');
    expect(fresh.tree).toEqual({ [LOCK_NAME]: '' });
  });

  it('by a running process, or on another host, is respected and named', async () => {
    for (const lock of [holder(process.ppid), holder(await deadPid(), 'other-host')]) {
      const { run, out, tree } = await importWithLock(lock);
      expect(run.code).toBe(3);
      expect(run.stderr).toContain(`If no import is running, delete ${join(out, LOCK_NAME)}`);
      expect(tree).toEqual({ [LOCK_NAME]: lock });
    }
  });

  it('is never left by an import that finished, failed or found nothing to do', async () => {
    const out = join(tempDir('lock-clean-'), 'articles');
    for (const text of [ZHEJIANG, ZHEJIANG, ZHEJIANG.replace('3月14日,', '3月14日上午,')]) {
      await runImportHere(['-', '--out', out, '--year', '2024'], text);
      expect(existsSync(join(out, LOCK_NAME))).toBe(false);
    }
  });
});
