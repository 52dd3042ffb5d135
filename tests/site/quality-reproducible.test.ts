/**
 * Quality gate: reproducible builds. Two builds of the same sources, each into its own folder
 * with its own content cache, are byte-identical: every page, asset, feed, the sitemap, the
 * share images, and the search index (Pagefind's files, catalog and display files).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSyntheticArchive } from '../../scripts/lib/synthetic-archive.ts';
import { buildInto } from '../helpers/astro.ts';

/** Relative path → SHA-256 of every file below `dir`. */
function hashes(dir: string): Map<string, string> {
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((file) => statSync(join(dir, file)).isFile()).sort();
  return new Map(files.map((file) => [file.replaceAll('\\', '/'), createHash('sha256').update(readFileSync(join(dir, file))).digest('hex')]));
}

/** Builds twice (one after the other: each build uses both cores) and lists every file that differs. */
async function differencesOfTwoBuilds(env: Record<string, string> = {}): Promise<{ files: number; differences: string[] }> {
  const first = await buildInto(env);
  expect(first.result.code, first.result.output).toBe(0);
  const second = await buildInto(env);
  expect(second.result.code, second.result.output).toBe(0);
  const [a, b] = [hashes(first.outDir), hashes(second.outDir)];
  for (const build of [first, second]) rmSync(dirname(build.outDir), { recursive: true, force: true });
  expect([...a.keys()].filter((file) => file.startsWith('pagefind/')).length).toBeGreaterThan(3);
  const differences = [...new Set([...a.keys(), ...b.keys()])]
    .sort()
    .filter((file) => a.get(file) !== b.get(file))
    .map((file) => `/${file}: rule reproducible-build: ${!a.has(file) ? 'only in the second build' : !b.has(file) ? 'only in the first build' : 'content differs'}`);
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
