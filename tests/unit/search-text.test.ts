import { describe, expect, it } from 'vitest';
import { decodeCatalog, encodeCatalog } from '../../src/search/catalog.ts';
import { excerpt, matchRanges } from '../../src/search/excerpt.ts';
import { fold, foldWithMap } from '../../src/search/normalize.ts';
import { matchesAll, parseQuery } from '../../src/search/query.ts';
import { canPoolWords, occurrences, recordTokens, termWords, textTokens } from '../../src/search/tokens.ts';

describe('folding', () => {
  it('ignores whitespace, folds full-width forms and Latin case', () => {
    expect(fold(' 民政\u3000厅\n')).toBe('民政厅');
    expect(fold('（扩大）ＡＩ２０２４')).toBe('(扩大)ai2024');
    expect(fold('AI 与 ai')).toBe('ai与ai');
  });

  it('maps every folded unit back to its original character', () => {
    const original = '党组（扩大） 会议';
    const { text, origin } = foldWithMap(original);
    expect(text).toBe('党组(扩大)会议');
    for (let i = 0; i < text.length; i++) expect(fold(original[origin[i]!]!)).toContain(text[i]);
  });
});

describe('query parsing', () => {
  it.each([
    ['老年助餐', ['老年助餐']],
    ['  老年助餐   湖北 ', ['老年助餐', '湖北']],
    ['老年助餐\u3000湖北', ['老年助餐', '湖北']],
    ['"社会 组织" 江苏', ['社会组织', '江苏']],
    ['“八八战略”', ['八八战略']],
    ['「全国两会」', ['全国两会']],
    ['ＡＩ 2024', ['ai', '2024']],
    ['民 民', ['民']],
    ['"未闭合的 引号', ['未闭合的引号']],
    ['   ', []],
    ['""', []],
  ])('%j → %j', (input, terms) => {
    expect(parseQuery(input)).toEqual(terms);
  });

  it('defines a match as every term being a substring of the folded text', () => {
    const text = fold('江苏省民政厅召开党组（扩大）会议');
    expect(matchesAll(text, parseQuery('民政厅 (扩大)'))).toBe(true);
    expect(matchesAll(text, parseQuery('民政厅 浙江'))).toBe(false);
  });
});

describe('index tokens', () => {
  /** Where a term occurs in a folded text, found through the tokens only. */
  function findByTokens(text: string, term: string): number[] {
    const tokens = textTokens(text);
    const words = termWords(term);
    const positions = words.map((word) => new Set(tokens.flatMap((token, i) => (token === word ? [i] : []))));
    return occurrences(positions);
  }
  /** The same by plain substring search, as token positions (two per character). */
  function findBySubstring(text: string, term: string): number[] {
    const chars = [...text];
    const found: number[] = [];
    const length = [...term].length;
    for (let i = 0; i + length <= chars.length; i++) {
      if (chars.slice(i, i + length).join('') === term) found.push(length === 1 ? 2 * i : 2 * i + 1);
    }
    return found;
  }

  it('gives a unigram and a bigram token per character, fixed width, the last bigram padded', () => {
    const tokens = textTokens('民政厅');
    expect(tokens).toHaveLength(6);
    for (const [i, token] of tokens.entries()) expect(token).toMatch(i % 2 ? /^[0-9a-z]{8}$/ : /^u[0-9a-z]{4}$/);
    expect(tokens[5]!.endsWith('zzzz')).toBe(true);
  });

  it('finds exactly the occurrences a substring search finds, repetitive terms included', () => {
    const text = fold('八八八战略，全省民政系统的每一位党员，民政民政厅。ABAB aba');
    for (const term of ['八', '八八', '八八八', '八八战略', '民政', '民政厅', '政民', '每一位党员', 'abab', 'aba', 'bab', '厅。', '是一段']) {
      expect(findByTokens(text, fold(term)), term).toEqual(findBySubstring(text, fold(term)));
    }
  });

  it('never matches across the title and the body', () => {
    const tokens = recordTokens('民政', '厅长');
    const words = termWords('政厅');
    const positions = words.map((word) => new Set(tokens.flatMap((token, i) => (token === word ? [i] : []))));
    expect(occurrences(positions)).toEqual([]);
  });
});

describe('excerpts', () => {
  it('marks a whole phrase once, across spaces and full-width forms in the source', () => {
    const text = '会议要求，抓紧出台全省发展老年 助餐服务行动方案。';
    const pieces = excerpt(text, parseQuery('老年助餐'));
    const marks = pieces.filter((piece) => piece.mark);
    expect(marks).toEqual([{ text: '老年 助餐', mark: true }]);
    expect(pieces.map((piece) => piece.text).join('')).toBe(text);
  });

  it('maps folded matches back to original characters', () => {
    const text = '召开党组（扩大）会议';
    expect(matchRanges(text, parseQuery('(扩大)')).map(([s, e]) => text.slice(s, e))).toEqual(['（扩大）']);
  });

  it('cuts long texts around the first match with ellipses', () => {
    const text = `${'前文。'.repeat(100)}这里提到社会组织。${'后文。'.repeat(100)}`;
    const pieces = excerpt(text, ['社会组织'], 60);
    const joined = pieces.map((piece) => piece.text).join('');
    expect(joined.startsWith('…')).toBe(true);
    expect(joined.endsWith('…')).toBe(true);
    expect(joined.length).toBeLessThanOrEqual(80);
    expect(pieces.find((piece) => piece.mark)?.text).toBe('社会组织');
  });
});

describe('catalog', () => {
  it('round-trips entries newest first with their suffixes, provinces and title lengths', () => {
    const entries = [
      { page: 'zh-x-s0_aaa', id: '2015-01-01-bingtuan', date: '2015-01-01', province: 'bingtuan', titleLength: 12 },
      { page: 'zh-x-s1_bbb', id: '2024-03-14-zhejiang-2', date: '2024-03-14', province: 'zhejiang', titleLength: 40 },
      { page: 'zh-x-s1_ccc', id: '2024-03-14-zhejiang', date: '2024-03-14', province: 'zhejiang', titleLength: 41 },
      { page: 'zh-x-s0_ddd', id: '2024-03-13-beijing', date: '2024-03-13', province: 'beijing', titleLength: 7 },
    ];
    const decoded = decodeCatalog(encodeCatalog(entries, 2));
    expect(decoded).toEqual({ shards: 2, entries: [entries[1], entries[2], entries[3], entries[0]] });
    expect(decodeCatalog(encodeCatalog([]))).toEqual({ shards: 1, entries: [] });
  });
});

describe('pooled lookups', () => {
  it('pool only terms without a repeated character, and then stay exact', () => {
    expect(canPoolWords('民政厅')).toBe(true);
    expect(canPoolWords('八八战略')).toBe(false);
    expect(canPoolWords('民政民')).toBe(false);
    const text = fold('民政厅党组和民政局、政厅民政，厅民政厅');
    const tokens = textTokens(text);
    for (const term of ['民政厅', '政厅民', '厅民政', '党组和']) {
      const words = termWords(term);
      const pooled = new Set(tokens.flatMap((token, i) => (words.includes(token) ? [i] : [])));
      const separate = words.map((word) => new Set(tokens.flatMap((token, i) => (token === word ? [i] : []))));
      expect(occurrences(words.map(() => pooled)), term).toEqual(occurrences(separate));
    }
  });
});

describe('excerpts of several terms', () => {
  it('show every term, each far match in a window of its own', () => {
    const text = `会议强调老年助餐。${'中间的话。'.repeat(60)}要做好社会救助工作。${'后文。'.repeat(40)}`;
    const pieces = excerpt(text, parseQuery('老年助餐 社会救助'), 60);
    expect(pieces.filter((piece) => piece.mark).map((piece) => piece.text)).toEqual(['老年助餐', '社会救助']);
    const joined = pieces.map((piece) => piece.text).join('');
    expect(joined.match(/…/g)!.length).toBeGreaterThanOrEqual(2);
    expect(joined.length).toBeLessThan(120);
  });

  it('add nothing when every term is in the first window', () => {
    const text = '会议强调老年助餐和社会救助。';
    expect(excerpt(text, parseQuery('老年助餐 社会救助')).map((piece) => piece.text).join('')).toBe(text);
  });
});
