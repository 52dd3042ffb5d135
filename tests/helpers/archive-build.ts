/** A site built from an articles folder of a test's own, for the tests of one file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { writeSyntheticArchive } from '../../scripts/lib/synthetic-archive.ts';
import { buildInto } from './astro.ts';

/** A new articles folder of `count` synthetic reports (scripts/lib/synthetic-archive.ts); returns it. */
export function syntheticArticles(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'articles-'));
  writeSyntheticArchive(dir, count);
  return dir;
}

export interface ArchiveBuild {
  /** The articles folder `writeArticles` made. */
  readonly articlesDir: string;
  /** The built site. */
  readonly outDir: string;
}

/**
 * Before the file's tests, writes an articles folder (`writeArticles` returns it) and builds
 * the site from it with the environment `env`; removes both after them.
 */
export function archiveBuild(
  writeArticles: () => string,
  env: Record<string, string> = {},
): ArchiveBuild {
  const dirs = { articlesDir: '', outDir: '' };
  beforeAll(async () => {
    dirs.articlesDir = writeArticles();
    const build = await buildInto({ ARTICLES_DIR: dirs.articlesDir, ...env });
    expect(build.result.code, build.result.output).toBe(0);
    dirs.outDir = build.outDir;
  }, 600_000);
  afterAll(() => {
    for (const dir of [dirs.articlesDir, dirs.outDir && dirname(dirs.outDir)])
      if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return dirs;
}
