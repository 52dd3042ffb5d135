/**
 * The indexer rewrites each shard's Pagefind metadata (src/integrations/pagefind-metadata.ts):
 * page IDs become catalog keys, word counts 1, chunk files lose their language prefix. The
 * browser tests (search.test.ts) prove that Pagefind still searches it; these check the files.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { encode } from 'cborg';
import { afterAll, describe, expect, it } from 'vitest';
import { compactMetadata, readPagefindData } from '../../src/integrations/pagefind-metadata.ts';
import { catalogKey, decodeCatalog } from '../../src/search/catalog.ts';
import { fileHashes } from '../helpers/dist.ts';
import { DIST } from '../helpers/paths.ts';

const catalog = decodeCatalog(readFileSync(join(DIST, 'search', 'catalog.json'), 'utf8'));
const shardDirs = catalog.shards.map((file) => join(DIST, 'pagefind', file.replace(/[^/]*$/, '')));

type Meta = [string, [string, number, ...unknown[]][], [string, string, string][], ...unknown[]];

describe('compacted Pagefind metadata', () => {
  it('names every report once, by its catalog key, with a word count of 1', () => {
    const ids = catalog.shards.flatMap((file) => (readPagefindData(join(DIST, 'pagefind', file)) as Meta)[1]);
    expect(ids.map(([id]) => id).sort()).toEqual(catalog.entries.map((_, i) => catalogKey(i)).sort());
    expect(new Set(ids.map(([, words]) => words))).toEqual(new Set([1]));
  });

  it('lists chunk files that exist, without the language prefix, and none besides', () => {
    for (const [n, file] of catalog.shards.entries()) {
      const chunks = (readPagefindData(join(DIST, 'pagefind', file)) as Meta)[2];
      const files = readdirSync(join(shardDirs[n]!, 'index')).map((name) => name.replace(/\.pf_index$/, ''));
      expect(files.sort()).toEqual(chunks.map(([, , hash]) => hash).sort());
      expect(files.every((hash) => /^[0-9a-f]+$/.test(hash))).toBe(true);
    }
  });

  it('puts every word of the index in the range of its own chunk, and of no other', () => {
    for (const [n, file] of catalog.shards.entries()) {
      const ranges = (readPagefindData(join(DIST, 'pagefind', file)) as Meta)[2];
      for (const [own, [, , hash]] of ranges.entries()) {
        const [words] = readPagefindData(join(shardDirs[n]!, 'index', `${hash}.pf_index`)) as [[string, unknown][]];
        expect(words.length).toBeGreaterThan(0);
        for (const [word] of words) {
          // As Pagefind compares: UTF-8 bytes, which order ASCII words as JavaScript does.
          const holding = ranges.flatMap(([from, to], i) => (from <= word && word <= to ? [i] : []));
          expect(holding, `${word} in shard ${n}`).toEqual([own]);
        }
      }
    }
  });

  it('is the file pagefind-entry.json points to, named by its content', () => {
    for (const [n, file] of catalog.shards.entries()) {
      const entry = JSON.parse(readFileSync(join(shardDirs[n]!, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { hash: string }> };
      const [language] = Object.values(entry.languages);
      expect(file.endsWith(`pagefind.${language!.hash}.pf_meta`)).toBe(true);
      expect(readdirSync(shardDirs[n]!).filter((name) => name.endsWith('.pf_meta'))).toEqual([`pagefind.${language!.hash}.pf_meta`]);
    }
  });

  describe('compactMetadata', () => {
    const work = mkdtempSync(join(tmpdir(), 'pagefind-metadata-'));
    afterAll(() => rmSync(work, { recursive: true, force: true }));
    const built = readPagefindData(join(DIST, 'pagefind', catalog.shards[0]!)) as Meta;
    const entry = JSON.parse(readFileSync(join(shardDirs[0]!, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { hash: string }> };
    const language = Object.keys(entry.languages)[0]!;

    /**
     * Shard 0 as Pagefind wrote it, as far as compacting goes: chunk files with the language
     * prefix, and the metadata `edit` makes of the built one.
     */
    function freshShard(name: string, edit: (meta: Meta) => unknown = (meta) => meta): string {
      const dir = join(work, name);
      cpSync(shardDirs[0]!, dir, { recursive: true, filter: (source) => !/[/\\]pagefind[/\\]\d+([/\\]|$)/.test(source) });
      for (const file of readdirSync(join(dir, 'index'))) renameSync(join(dir, 'index', file), join(dir, 'index', `${language}_${file}`));
      // Pagefind's own boundaries end where the tiled ones add TOP.
      const meta: Meta = [built[0], built[1], built[2].map(([from, to, hash]) => [from, to.replace(/\u{10FFFF}$/u, ''), `${language}_${hash}`]), ...built.slice(3)];
      writeFileSync(join(dir, `pagefind.${entry.languages[language]!.hash}.pf_meta`), gzipSync(Buffer.concat([Buffer.from('pagefind_dcd'), encode(edit(meta))])));
      return dir;
    }

    it('compacts a fresh shard into exactly the built files', () => {
      const dir = freshShard('round-trip');
      // The built shard's page IDs are catalog keys already: keep them.
      compactMetadata(dir, (hash) => hash);
      const built = new Map([...fileHashes(shardDirs[0]!)].filter(([file]) => !/^\d+\//.test(file)));
      expect(fileHashes(dir)).toEqual(built);
    });

    it.each([
      ['another Pagefind version', (meta: Meta) => ['1.5.0', ...meta.slice(1)], /version 1\.5\.0/],
      ['pages that are not [hash, count] pairs', (meta: Meta) => [meta[0], [['x']], ...meta.slice(2)], /pages/],
      ['chunks that are not [from, to, hash]', (meta: Meta) => [meta[0], meta[1], [[1, 2]], ...meta.slice(3)], /index chunks/],
      ['chunk hashes without the language prefix', (meta: Meta) => [meta[0], meta[1], meta[2].map(([from, to, hash]) => [from, to, hash.slice(language.length + 1)]), ...meta.slice(3)], /without the prefix/],
      ['a missing chunk file', (meta: Meta) => [meta[0], meta[1], [...meta[2], ['zz', 'zzz', `${language}_0000000`]], ...meta.slice(3)], /0000000\.pf_index missing/],
    ])('refuses %s and changes nothing', (name, edit, message) => {
      const dir = freshShard(name.replaceAll(' ', '-'), edit);
      const before = fileHashes(dir);
      expect(() => compactMetadata(dir, (hash) => hash)).toThrow(message);
      expect(fileHashes(dir)).toEqual(before);
    });

    it('refuses a page the catalog does not know and changes nothing', () => {
      const dir = freshShard('unknown-page');
      const before = fileHashes(dir);
      expect(() =>
        compactMetadata(dir, (hash) => {
          throw new Error(`no key for ${hash}`);
        }),
      ).toThrow(/no key for/);
      expect(fileHashes(dir)).toEqual(before);
    });
  });
});
