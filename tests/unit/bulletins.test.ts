/**
 * The archive's provenance: content/bulletins/ holds every bulletin the articles were imported
 * from, listed in its manifest with the importer's options. Importing them again, in order,
 * gives content/articles/ byte for byte, all but `topics`, which editors may adjust.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { bulletinManifestSchema } from '../../src/schemas/bulletin-manifest.ts';
import { withoutTopics } from '../../src/utils/topics-line.ts';
import { readTree, runImport, tempDir } from '../helpers/importer.ts';
import { ARTICLES, BULLETINS } from '../helpers/paths.ts';

const manifest = bulletinManifestSchema.parse(
  JSON.parse(readFileSync(join(BULLETINS, 'manifest.json'), 'utf8')),
);

describe('content/bulletins', () => {
  it('lists every bulletin file in its manifest, and only files that exist', ({ expect }) => {
    const files = readdirSync(BULLETINS).filter(
      (name) => !['README.md', 'manifest.json'].includes(name),
    );
    expect(files.sort()).toEqual(manifest.bulletins.map((entry) => entry.file).sort());
  });

  it('re-imports into content/articles/ byte for byte, topics aside', async ({ expect }) => {
    const out = join(tempDir('bulletins-'), 'articles');
    for (const { file, options } of manifest.bulletins) {
      const result = await runImport([join(BULLETINS, file), ...options, '--out', out]);
      expect(result.stderr, file).toBe('');
      expect(result.code, file).toBe(0);
    }
    const imported = readTree(out);
    const committed = readTree(ARTICLES);
    expect(Object.keys(imported).sort()).toEqual(Object.keys(committed).sort());
    for (const [path, article] of Object.entries(committed))
      expect(withoutTopics(imported[path]!), path).toBe(withoutTopics(article));
  });

  it('compares everything but topics: a changed title would fail', ({ expect }) => {
    const [path, article] = Object.entries(readTree(ARTICLES))[0]!;
    const edited = article.replace(/^title: "/m, 'title: "X');
    expect(withoutTopics(edited), path).not.toBe(withoutTopics(article));
    const retopiced = article.replace(/^topics: .*$/m, 'topics: []');
    expect(withoutTopics(retopiced), path).toBe(withoutTopics(article));
  });
});
