import { describe, expect, it } from 'vitest';
import { countOccurrences, excerpt, matchRanges } from '../../src/search/excerpt.ts';
import { fold, foldWithMap } from '../../src/search/normalize.ts';
import { matchesAll, parseQuery } from '../../src/search/query.ts';
import { termQuery, textTokens } from '../../src/search/tokens.ts';

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
  it('gives one fixed-width token per character, the last padded', () => {
    const tokens = textTokens('民政厅');
    expect(tokens).toHaveLength(3);
    for (const token of tokens) expect(token).toMatch(/^[0-9a-z]{8}$/);
    expect(tokens[2]!.endsWith('zzzz')).toBe(true);
  });

  it('turns a term into consecutive tokens of the text that contains it', () => {
    const text = textTokens(fold('全省民政系统的每一位党员'));
    for (const term of ['民政', '民政系统', '每一位党员', '全省民政系统的每一位党员']) {
      const phrase = termQuery(term).replace(/"/g, '').split(' ');
      const at = text.findIndex((_, i) => phrase.every((token, j) => text[i + j] === token));
      expect(at, term).toBeGreaterThanOrEqual(0);
    }
    expect(termQuery('是一段')).toMatch(/^"[0-9a-z]{8} [0-9a-z]{8}"$/);
  });

  it('searches a single character as the prefix of its bigrams, including the last one', () => {
    const tokens = textTokens('民政厅');
    const prefix = termQuery('厅');
    expect(prefix).toHaveLength(4);
    expect(tokens.filter((token) => token.startsWith(prefix))).toHaveLength(1);
  });

  it('keeps title tokens apart with a mark', () => {
    expect(textTokens('民政', 't').every((token) => token.startsWith('t'))).toBe(true);
    expect(termQuery('民政', 't').startsWith('t')).toBe(true);
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

  it('counts occurrences of every term', () => {
    expect(countOccurrences(fold('民政厅 民政局 民政'), ['民政', '厅'])).toBe(4);
  });
});
