/**
 * Quality gate: reproducible builds. Two builds of the same sources, each into its own folder
 * with its own content cache, are byte-identical: every page, asset, feed, the sitemap, the
 * share images, and the search index (Pagefind's files, catalog and display files).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSyntheticArchive } from '../../scripts/lib/synthetic-archive.ts';
import { buildInto } from '../helpers/astro.ts';
import { fileHashes } from '../helpers/dist.ts';

/** Builds twice (one after the other: each build uses both cores) and lists every file that differs. */
async function differencesOfTwoBuilds(
  env: Record<string, string> = {},
): Promise<{ files: number; differences: string[] }> {
  const first = await buildInto(env);
  expect(first.result.code, first.result.output).toBe(0);
  const second = await buildInto(env);
  expect(second.result.code, second.result.output).toBe(0);
  const [a, b] = [fileHashes(first.outDir), fileHashes(second.outDir)];
  for (const build of [first, second])
    rmSync(dirname(build.outDir), { recursive: true, force: true });
  expect([...a.keys()].filter((file) => file.startsWith('pagefind/')).length).toBeGreaterThan(3);
  const differences = [...new Set([...a.keys(), ...b.keys()])]
    .sort()
    .filter((file) => a.get(file) !== b.get(file))
    .map(
      (file) =>
        `/${file}: rule reproducible-build: ${!a.has(file) ? 'only in the second build' : !b.has(file) ? 'only in the first build' : 'content differs'}`,
    );
  return { files: a.size, differences };
}

describe('two builds of the same commit', () => {
  it('produce byte-identical output, search index included', async () => {
    const { differences } = await differencesOfTwoBuilds();
    expect(differences).toEqual([]);
  });

  it('stay identical for a larger archive (pagination, related reports, many index chunks)', async () => {
    const articlesDir = mkdtempSync(join(tmpdir(), 'articles-'));
    writeSyntheticArchive(articlesDir, 300);
    const { files, differences } = await differencesOfTwoBuilds({ ARTICLES_DIR: articlesDir });
    rmSync(articlesDir, { recursive: true, force: true });
    expect(files).toBeGreaterThan(600);
    expect(differences).toEqual([]);
  });
});
