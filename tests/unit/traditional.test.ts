import { readFileSync } from 'node:fs';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import {
  CHARS_FILE,
  charsSource,
  openccTable,
  PAIRS_FILE,
  pairsSource,
  parseCharacterTable,
} from '../../scripts/generate-traditional-chars.ts';
import { fold, foldWithMap } from '../../src/search/normalize.ts';
import { matchRanges } from '../../src/search/excerpt.ts';
import { parseQuery } from '../../src/search/query.ts';
import { foldTraditional, TRADITIONAL_TO_SIMPLIFIED } from '../../src/search/traditional.ts';
import { mayHoldTraditional } from '../../src/search/traditional-chars.ts';
import { readArticles } from '../helpers/content.ts';

const toTraditional = OpenCC.Converter({ from: 'cn', to: 't' });

describe('parseCharacterTable', () => {
  it('takes the first candidate and leaves out characters mapped to themselves', () => {
    expect([...parseCharacterTable('乾 干 乾|廳 厅|著 着 著|后 后')]).toEqual([
      ['乾', '干'],
      ['廳', '厅'],
      ['著', '着'],
    ]);
  });
});

describe('mayHoldTraditional', () => {
  it('is true exactly for the characters the table changes, in the bit set and outside it', () => {
    for (let cp = 0x3000; cp <= 0xa000; cp++) {
      const char = String.fromCodePoint(cp);
      expect(mayHoldTraditional(`民政${char}`), char).toBe(TRADITIONAL_TO_SIMPLIFIED.has(char));
    }
    for (const char of TRADITIONAL_TO_SIMPLIFIED.keys())
      expect(mayHoldTraditional(char), char).toBe(true);
  });

  it('reads data generated from the current table', () => {
    expect(readFileSync(CHARS_FILE, 'utf8')).toBe(charsSource());
    expect(readFileSync(PAIRS_FILE, 'utf8')).toBe(pairsSource());
    expect(TRADITIONAL_TO_SIMPLIFIED).toEqual(openccTable());
  });
});

describe('folding Traditional characters', () => {
  const articles = readArticles();

  it('changes nothing until the table is given, then folds to Simplified', () => {
    expect(fold('民政廳')).toBe('民政廳');
    foldTraditional();
    expect(fold('民政廳 養老服務')).toBe('民政厅养老服务');
    expect(parseQuery('民政廳')).toEqual(parseQuery('民政厅'));
  });

  it("folds OpenCC's Traditional text of every article back, but for phrase-only variants", () => {
    foldTraditional();
    let changed = 0;
    const unmapped = new Set<string>();
    for (const { id, data, body } of articles) {
      const simplified = [...fold(`${data.title}\n${body}`)];
      const traditional = [...toTraditional(`${data.title}\n${body}`)].filter((c) => fold(c));
      expect(traditional.length, id).toBe(simplified.length);
      traditional.forEach((char, i) => {
        if (char === simplified[i]) return;
        changed++;
        // OpenCC turns some phrases into characters its character table leaves as they are
        // (了解 → 瞭解): those stay apart, as the character-level fold defines.
        if (TRADITIONAL_TO_SIMPLIFIED.has(char)) expect(fold(char), id).toBe(simplified[i]);
        else unmapped.add(char);
      });
    }
    expect(changed).toBeGreaterThan(100);
    expect(unmapped.size).toBeLessThanOrEqual(changed / 100);
  });

  it('marks the original Traditional characters', () => {
    foldTraditional();
    const original = '會議傳達學習全國兩會精神';
    const ranges = matchRanges(original, parseQuery('全国两会'));
    expect(ranges.map(([start, end]) => original.slice(start, end))).toEqual(['全國兩會']);
    expect(foldWithMap(original).origin).toHaveLength(original.length + 1);
  });
});
