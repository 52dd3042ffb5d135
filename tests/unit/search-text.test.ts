import { describe, expect, it } from 'vitest';
import { byCodePoint, extendChunkRanges } from '../../src/integrations/pagefind-merge.ts';
import {
  partitionByProvince,
  partitionSegments,
  partitionWord,
  segmentSizes,
} from '../../src/search/pagefind-index.ts';
import {
  catalogIndex,
  catalogKey,
  catalogOrder,
  catalogDecoder,
  dayNumber,
  decodeCatalog,
  encodeCatalog,
  type Catalog,
} from '../../src/search/catalog.ts';
import { PROVINCE_SLUGS } from '../../src/data/provinces.ts';
import { excerpt, matchRanges } from '../../src/search/excerpt.ts';
import { fold, foldWithMap } from '../../src/search/normalize.ts';
import { matchesAll, matchesQuery, parseQuery, parseSearch } from '../../src/search/query.ts';
import { splitIntoShards } from '../../src/integrations/search-index.ts';
import { documentTokens, indexWordCount } from '../../src/search/records.ts';
import {
  frequentBigrams,
  occurrences,
  recordTokens,
  termWords,
  textTokens,
} from '../../src/search/tokens.ts';

describe('folding', () => {
  it('ignores whitespace, folds full-width forms and Latin case', () => {
    expect(fold(' 民政\u3000厅\n')).toBe('民政厅');
    expect(fold('（扩大）ＡＩ２０２４')).toBe('(扩大)ai2024');
    expect(fold('AI 与 ai')).toBe('ai与ai');
  });

  it('ignores zero-width, bidi-control and control characters, in the text and in the query', () => {
    const invisible = [
      ...'\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e',
      ...'\u2060\u2061\u2062\u2063\u2064\ufeff\u0000\u0007\u001b\u007f',
    ];
    for (const char of invisible) {
      const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      expect(fold(`召开${char}会议`), code).toBe('召开会议');
      expect(matchesAll(fold('省民政厅召开会议'), parseQuery(`召开${char}会议`)), code).toBe(true);
      expect(matchesAll(fold(`省民政厅召开${char}会议`), parseQuery('召开会议')), code).toBe(true);
    }
    // Visible characters are still there: 会 is not ignored.
    expect(fold('召开\u200b会议')).not.toBe(fold('召开议'));
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

  it.each([
    ['养老 -殡葬', { groups: [['养老']], excluded: ['殡葬'] }],
    ['-殡葬', { groups: [], excluded: ['殡葬'] }],
    ['－殡葬 －"社会 救助"', { groups: [], excluded: ['殡葬', '社会救助'] }],
    ['"社会救助" OR 低保', { groups: [['社会救助', '低保']], excluded: [] }],
    ['养老 助餐 OR 配餐 | 食堂', { groups: [['养老'], ['助餐', '配餐', '食堂']], excluded: [] }],
    ['助餐|配餐', { groups: [['助餐', '配餐']], excluded: [] }],
    ['助餐 ｜ 配餐 ＯＲ 食堂', { groups: [['助餐', '配餐', '食堂']], excluded: [] }],
    ['助餐 OR OR 配餐', { groups: [['助餐', '配餐']], excluded: [] }],
    ['OR 助餐 OR', { groups: [['助餐']], excluded: [] }],
    ['养老 -殡葬 OR 助餐', { groups: [['养老'], ['助餐']], excluded: ['殡葬'] }],
    ['助餐 or 配餐', { groups: [['助餐'], ['or'], ['配餐']], excluded: [] }],
    ['"OR" 助餐', { groups: [['or'], ['助餐']], excluded: [] }],
    ['COVID-19 - "-1"', { groups: [['covid-19'], ['-'], ['-1']], excluded: [] }],
    ['养老 -养老', { groups: [['养老']], excluded: ['养老'] }],
    ['养老 养老 OR 养老', { groups: [['养老']], excluded: [] }],
    ['-""', { groups: [], excluded: [] }],
  ])('parses %j as %j', (input, parsed) => {
    expect(parseSearch(input)).toEqual(parsed);
  });

  it('marks the terms to find, never those to exclude', () => {
    expect(parseQuery('养老 -殡葬 "社会救助" OR 低保')).toEqual(['养老', '社会救助', '低保']);
  });

  it('defines exclusion and OR as sets: every group has a term, no excluded term occurs', () => {
    const text = fold('江苏省民政厅召开养老服务工作会议');
    expect(matchesQuery(text, parseSearch('养老 -殡葬'))).toBe(true);
    expect(matchesQuery(text, parseSearch('养老 -民政厅'))).toBe(false);
    expect(matchesQuery(text, parseSearch('殡葬 OR 养老'))).toBe(true);
    expect(matchesQuery(text, parseSearch('殡葬 OR 低保'))).toBe(false);
    expect(matchesQuery(text, parseSearch('-殡葬'))).toBe(true);
    expect(matchesQuery(text, parseSearch(''))).toBe(true);
  });

  it('defines a match as every term being a substring of the folded text', () => {
    const text = fold('江苏省民政厅召开党组（扩大）会议');
    expect(matchesAll(text, parseQuery('民政厅 (扩大)'))).toBe(true);
    expect(matchesAll(text, parseQuery('民政厅 浙江'))).toBe(false);
  });
});

describe('index tokens', () => {
  /** Where a term occurs in a token stream, found through the index words only (as character indices). */
  function findByTokens(tokens: string[], term: string, frequent: Set<string>): number[] {
    const words = termWords(term, frequent);
    const positions = words.map(({ word }) =>
      tokens.flatMap((token, i) => (token === word ? [i] : [])),
    );
    return occurrences(words, positions);
  }
  /** The same by plain substring search. */
  function findBySubstring(text: string, term: string): number[] {
    const chars = [...text];
    const length = [...term].length;
    return chars.flatMap((_, i) =>
      chars.slice(i, i + length).join('') === term && i + length <= chars.length ? [i] : [],
    );
  }
  const allBigrams = (text: string) =>
    new Set([...text].slice(0, -1).map((char, i) => char + [...text][i + 1]));

  it('gives three positions per character: unigram, bigram, and trigram or filler', () => {
    const tokens = textTokens('民政厅', new Set(['民政']));
    expect(tokens).toHaveLength(9);
    expect(tokens[0]).toMatch(/^u[0-9a-z]{4}$/);
    expect(tokens[1]).toMatch(/^[0-9a-z]{8}$/);
    expect(tokens[2]).toMatch(/^t[0-9a-z]{12}$/);
    expect(tokens[5]).toBe('-');
    expect(tokens[7]!.endsWith('zzzz')).toBe(true);
  });

  const text = fold(
    '八八八战略，全省民政系统的每一位党员，民政民政厅。ABAB aba 民政厅政厅民政 ababab 民政',
  );
  const terms = [
    '八',
    '八八',
    '八八八',
    '八八战略',
    '民政',
    '民政厅',
    '政民',
    '每一位党员',
    'abab',
    'aba',
    'bab',
    '厅。',
    '是一段',
    '民政民政厅',
    '政厅民政',
    '八八八战',
    'ababa',
    'abab aba',
    '政厅民政 aba',
    '民政系统的每',
  ];
  const frequentSets = {
    none: new Set<string>(),
    all: allBigrams(text),
    some: new Set([...allBigrams(text)].filter((_, i) => i % 3 === 0)),
    counted: frequentBigrams([text], 30),
  };

  it.each(Object.entries(frequentSets))(
    'finds exactly what a substring search finds, with %s of the bigrams frequent',
    (_, frequent) => {
      const tokens = textTokens(text, frequent);
      for (const term of terms)
        expect(findByTokens(tokens, fold(term), frequent), term).toEqual(
          findBySubstring(text, fold(term)),
        );
    },
  );

  it('never matches across the title and the body', () => {
    for (const frequent of Object.values(frequentSets).concat([
      new Set(['民政', '政厅', '厅长']),
    ])) {
      const tokens = recordTokens('民政', '厅长', frequent);
      for (const term of ['政厅', '民政厅', '民政厅长'])
        expect(findByTokens(tokens, term, frequent), term).toEqual([]);
      expect(findByTokens(tokens, '厅长', frequent)).toEqual([3]);
    }
  });

  it('counts as frequent the bigrams making up a given share of all occurrences', () => {
    const frequent = frequentBigrams(['民政民政民政厅', '民政局'], 4);
    expect([...frequent].sort()).toEqual(['政民', '民政'].sort());
    expect(frequentBigrams(['甲乙'], 1)).toEqual(new Set());
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
    expect(matchRanges(text, parseQuery('(扩大)')).map(([s, e]) => text.slice(s, e))).toEqual([
      '（扩大）',
    ]);
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
  const entriesOf = (catalog: Catalog) =>
    Array.from({ length: catalog.size }, (_, i) => catalog.entry(i));

  it('round-trips entries newest first (ties by ID descending), their position being their key', () => {
    const entries = [
      { id: '2015-01-01-bingtuan', date: '2015-01-01', province: 'bingtuan', titleLength: 12 },
      { id: '2024-03-14-zhejiang-2', date: '2024-03-14', province: 'zhejiang', titleLength: 40 },
      { id: '2024-03-14-zhejiang', date: '2024-03-14', province: 'zhejiang', titleLength: 41 },
      { id: '2024-03-13-beijing', date: '2024-03-13', province: 'beijing', titleLength: 7 },
    ];
    const index = { partitions: 3 };
    const json = encodeCatalog(entries, { ...index, frequent: new Set(['民政', '𠀀政']) });
    const decoded = decodeCatalog(json);
    const order = [entries[1]!, entries[2]!, entries[3]!, entries[0]!];
    expect(decoded).toMatchObject({ ...index, frequent: new Set(['民政', '𠀀政']), size: 4 });
    expect(entriesOf(decoded)).toEqual(order);
    // The columns a search scans agree with the entries.
    expect([...decoded.years]).toEqual([2024, 2024, 2024, 2015]);
    expect([...decoded.provinces].map((p) => PROVINCE_SLUGS[p])).toEqual(
      order.map((entry) => entry.province),
    );
    expect([...decoded.titleLengths]).toEqual(order.map((entry) => entry.titleLength));
    // The indexer keys Pagefind's pages by the same order.
    expect(catalogOrder(entries)).toEqual(order);
    expect(decodeCatalog(encodeCatalog([]))).toMatchObject({
      partitions: 1,
      frequent: new Set(),
      size: 0,
    });
    expect(() =>
      decodeCatalog(json.map((file) => file.replace('"version":8', '"version":7'))),
    ).toThrow(/version 7 is not 8/);
    // Where each province's reports are in the index; unless told, anywhere.
    const provincePartitions = PROVINCE_SLUGS.map((slug) =>
      slug === 'zhejiang' ? [1, 2] : slug === 'beijing' ? [0] : [],
    );
    expect(
      decodeCatalog(encodeCatalog(entries, { ...index, provincePartitions })).provincePartitions,
    ).toEqual(provincePartitions);
    expect(decoded.provincePartitions).toEqual(PROVINCE_SLUGS.map(() => [0, 1, 2]));
  });

  it('splits into segments of consecutive reports, a file each, that decode to the same catalog', () => {
    const entries = Array.from({ length: 7 }, (_, i) => ({
      id: `2024-0${i + 1}-01-${i % 2 ? 'hubei' : 'zhejiang'}`,
      date: `2024-0${i + 1}-01`,
      province: i % 2 ? 'hubei' : 'zhejiang',
      titleLength: 10 + i,
    }));
    const whole = decodeCatalog(encodeCatalog(entries));
    const segments: [number, number][] = [
      [3, 2],
      [3, 1],
      [1, 1],
    ];
    const files = encodeCatalog(entries, { partitions: 4, segments });
    expect(files).toHaveLength(3);
    const split = decodeCatalog(files);
    expect(entriesOf(split)).toEqual(entriesOf(whole));
    expect([...split.days]).toEqual([...whole.days]);
    expect([...split.years]).toEqual([...whole.years]);
    expect([...split.months]).toEqual([...whole.months]);
    const day = (i: number) => dayNumber(catalogOrder(entries)[i]!.date);
    expect(split.segments).toEqual([
      { start: 0, size: 3, partitions: [0, 1], newest: day(0), oldest: day(2) },
      { start: 3, size: 3, partitions: [2], newest: day(3), oldest: day(5) },
      { start: 6, size: 1, partitions: [3], newest: day(6), oldest: day(6) },
    ]);
    expect(split.segmentOfPartition).toEqual([0, 0, 1, 2]);
    // A segment's rows come only from its own file.
    const decoder = catalogDecoder(files[0]!);
    expect(() => decoder.segment(1, files[2])).toThrow(/catalog segment 1/);
    expect(() => encodeCatalog(entries, { segments: [[6, 1]] })).toThrow(/hold 6 reports, not 7/);
  });

  it('gives every report its year, across year ends and leap days', () => {
    const dates = [
      '2021-01-01',
      '2020-12-31',
      '2020-02-29',
      '2016-03-01',
      '2016-02-29',
      '2016-01-01',
      '2015-12-31',
      '1999-12-31',
    ];
    const entries = dates.map((date, i) => ({
      id: `${date}-hubei`,
      date,
      province: 'hubei',
      titleLength: i,
    }));
    const decoded = decodeCatalog(encodeCatalog(entries));
    expect([...decoded.years]).toEqual(dates.map((date) => Number(date.slice(0, 4))));
    expect(entriesOf(decoded)).toEqual(entries);
  });

  it('gives distinct keys to every report of a large archive, each leading back to its position', () => {
    const entries = Array.from({ length: 3000 }, (_, i) => ({
      id: `2020-01-01-hubei-${i}`,
      date: '2020-01-01',
      province: 'hubei',
      titleLength: 3,
    }));
    const keys = entriesOf(decodeCatalog(encodeCatalog(entries))).map((_, i) => catalogKey(i));
    expect(new Set(keys).size).toBe(entries.length);
    expect(keys.map(catalogIndex)).toEqual(entries.map((_, i) => i));
  });
});

describe('term lookups', () => {
  const chars = (words: { position: number }[]) => words.map((w) => w.position);
  it('cover each character once with bigrams when none is frequent, the last pair overlapping when the length is odd', () => {
    const none = new Set<string>();
    expect(chars(termWords('民', none))).toEqual([0]);
    expect(chars(termWords('民政', none))).toEqual([1]);
    expect(chars(termWords('民政厅', none))).toEqual([1, 4]);
    expect(chars(termWords('全国两会精神', none))).toEqual([1, 7, 13]);
  });

  it('use a trigram that holds a frequent bigram instead of the bigram', () => {
    const words = termWords('民政厅', new Set(['民政']));
    expect(words).toHaveLength(1);
    expect(words[0]!.word).toMatch(/^t/);
    // A frequent bigram at the end of a term: the trigram that ends in it.
    expect(termWords('全民政', new Set(['民政'])).map((w) => w.word[0])).toEqual(['t']);
    expect(termWords('八八战略', new Set(['战略']))).toEqual([
      termWords('八八', new Set())[0],
      { ...termWords('八战略', new Set(['战略']))[0], position: 5 },
    ]);
    // In the middle: still three words for six characters, none of them the frequent bigram.
    const middle = termWords('全国两会精神', new Set(['两会']));
    expect(middle).toHaveLength(3);
    expect(middle.map((w) => w.word)).not.toContain(termWords('两会', new Set())[0]!.word);
    // Two characters whose bigram is frequent: only the bigram itself pins both.
    expect(termWords('民政', new Set(['民政'])).map((w) => w.word)).toEqual(
      termWords('民政', new Set()).map((w) => w.word),
    );
  });
});

describe('excerpts of several terms', () => {
  it('show every term, each far match in a window of its own', () => {
    const text = `会议强调老年助餐。${'中间的话。'.repeat(60)}要做好社会救助工作。${'后文。'.repeat(40)}`;
    const pieces = excerpt(text, parseQuery('老年助餐 社会救助'), 60);
    expect(pieces.filter((piece) => piece.mark).map((piece) => piece.text)).toEqual([
      '老年助餐',
      '社会救助',
    ]);
    const joined = pieces.map((piece) => piece.text).join('');
    expect(joined.match(/…/g)!.length).toBeGreaterThanOrEqual(2);
    expect(joined.length).toBeLessThan(120);
  });

  it('add nothing when every term is in the first window', () => {
    const text = '会议强调老年助餐和社会救助。';
    expect(
      excerpt(text, parseQuery('老年助餐 社会救助'))
        .map((piece) => piece.text)
        .join(''),
    ).toBe(text);
  });
});

describe('index shards', () => {
  const doc = (id: string, text: string) => ({
    id,
    title: '',
    date: '2024-01-01',
    province: 'hubei',
    text,
  });
  it('keep documents in order, as few shards as the budget allows, of about equal size', () => {
    const docs = [
      doc('a', '民政厅'),
      doc('b', '社会组织'),
      doc('c', '老年助餐服务'),
      doc('d', '八'),
    ];
    const words = docs.map((d) => indexWordCount(d));
    // Counted from the lengths: as many as the tokens made, whatever the frequent bigrams.
    const loneSurrogates = doc('f', '半\ud800个\udc00代理\ud83d');
    for (const d of [...docs, doc('e', '𠀀擴展字，ABC'), loneSurrogates])
      for (const frequent of [new Set<string>(), new Set(['民政', '社会'])])
        expect(indexWordCount(d)).toBe(documentTokens(d, frequent).length);
    const total = words.reduce((sum, n) => sum + n, 0);
    // Room for everything: one shard.
    expect(splitIntoShards(docs, words, total).map((shard) => shard.map((d) => d.id))).toEqual([
      ['a', 'b', 'c', 'd'],
    ]);
    // Two shards' worth: split near the middle, each within the budget.
    const shards = splitIntoShards(docs, words, total - 1);
    expect(shards.map((shard) => shard.map((d) => d.id))).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    for (const shard of shards)
      expect(shard.reduce((sum, d) => sum + indexWordCount(d), 0)).toBeLessThan(total - 1);
    // Never more shards than documents, none empty.
    expect(splitIntoShards(docs, words, 1).map((shard) => shard.length)).toEqual([1, 1, 1, 1]);
    const many = Array.from({ length: 50 }, (_, i) =>
      doc(String(i), '民政厅社会组织'.slice(0, 1 + (i % 7))),
    );
    const sizes = splitIntoShards(
      many,
      many.map((d) => indexWordCount(d)),
      180,
    ).map((shard) => shard.reduce((sum, d) => sum + indexWordCount(d), 0));
    const perShard = sizes.reduce((sum, n) => sum + n, 0) / sizes.length;
    expect(sizes.length).toBe(Math.ceil(many.reduce((sum, d) => sum + indexWordCount(d), 0) / 180));
    // Within one document of the average.
    const largest = Math.max(...many.map((d) => indexWordCount(d)));
    for (const size of sizes) expect(Math.abs(size - perShard)).toBeLessThanOrEqual(largest);
    expect(splitIntoShards([], [], 10)).toEqual([[]]);
  });
});

describe('Pagefind chunk ranges', () => {
  const TOP = '\u{10FFFF}';
  const holding = (ranges: string[][], word: string) =>
    ranges.flatMap(([from, to], i) => (from! <= word && word <= to! ? [i] : []));
  const chunks: [string, string, string][] = [
    ['0a', '0ro', 'h1'],
    ['0rq', 'u1', 'h2'],
    ['u2', 'zz', 'h3'],
  ];

  it('hold the words that extend a shortened last boundary, in one range only', () => {
    // Pagefind's own ranges leave them out.
    expect(holding(chunks, '0roi0k7n')).toEqual([]);
    const ranges = extendChunkRanges(chunks);
    expect(ranges.map(([from, , hash]) => [from, hash])).toEqual(
      chunks.map(([from, , hash]) => [from, hash]),
    );
    expect(holding(ranges, '0roi0k7n')).toEqual([0]);
    expect(holding(ranges, '0rq00000')).toEqual([1]);
    expect(holding(ranges, 'u1zzzzz')).toEqual([1]);
    expect(holding(ranges, 'zzzzzzzz')).toEqual([2]);
    expect(ranges[2]![1]).toBe(`zz${TOP}`);
  });

  it('leave words between chunks in none (no chunk holds them, so none is fetched)', () => {
    const ranges = extendChunkRanges(chunks);
    expect(holding(ranges, '0rp')).toEqual([]);
    expect(holding(ranges, '00')).toEqual([]);
  });

  it('keep a boundary that the next chunk starts with', () => {
    const ranges = extendChunkRanges([
      ['0a', '0r', 'h1'],
      ['0r5', '0z', 'h2'],
    ]);
    expect(ranges[0]![1]).toBe('0r');
    expect(holding(ranges, '0r5000')).toEqual([1]);
  });

  it('refuse chunks out of order', () => {
    expect(() => extendChunkRanges([['b', 'a', 'h']])).toThrow(/out of order at 0/);
    expect(() =>
      extendChunkRanges([
        ['a', 'c', 'h'],
        ['b', 'd', 'h'],
      ]),
    ).toThrow(/out of order at 0/);
  });
});

describe('partition words', () => {
  it('keep the order of the words they extend, and none is a prefix of another', () => {
    const words = ['00010002', '0001000a', 't000100020003', 'u0001', 'u0002'];
    for (const partitions of [1, 10, 36, 37, 2000]) {
      const stored = words.flatMap((word) =>
        [0, 1, partitions - 1]
          .filter((p, i, all) => all.indexOf(p) === i)
          .map((p) => partitionWord(word, p, partitions)),
      );
      // As Pagefind orders them (UTF-8 bytes = JavaScript order for ASCII).
      expect([...stored].sort()).toEqual(stored);
      for (const a of stored)
        for (const b of stored) if (a !== b) expect(b.startsWith(a), `${a} / ${b}`).toBe(false);
    }
  });

  it('split an index into partitions of at most so many reports, each province in as few as hold it', () => {
    // Provinces of every size, some larger than a partition, in a random catalog order.
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (const perPartition of [1, 7, 50]) {
      const sizes = [0, 1, 3, 7, 8, 20, 49, 50, 51, 120];
      const provinces = sizes
        .flatMap((n, p) => Array<number>(n).fill(p))
        .sort(() => random() - 0.5);
      const { count, ofReport, byProvince } = partitionByProvince(
        provinces,
        sizes.length,
        perPartition,
      );
      expect(ofReport).toHaveLength(provinces.length);
      const filled = Array<number>(count).fill(0);
      for (const partition of ofReport) filled[partition]!++;
      expect(Math.max(...filled)).toBeLessThanOrEqual(perPartition);
      expect(Math.min(...filled)).toBeGreaterThan(0);
      for (const [p, n] of sizes.entries()) {
        const used = new Set(
          provinces.flatMap((province, report) => (province === p ? [ofReport[report]!] : [])),
        );
        expect(new Set(byProvince[p]), `province ${p}`).toEqual(used);
        expect(byProvince[p]).toHaveLength(Math.ceil(n / perPartition));
      }
      // No more partitions than whole provinces need, plus the rests that did not fit.
      expect(count).toBeGreaterThanOrEqual(Math.ceil(provinces.length / perPartition));
    }
    // Provinces that fit share a partition; an empty archive still has one.
    expect(partitionByProvince([0, 1, 1, 2], 3, 4)).toEqual({
      count: 1,
      ofReport: [0, 0, 0, 0],
      byProvince: [[0], [0], [0]],
    });
    expect(partitionByProvince([], 3, 4)).toEqual({
      count: 1,
      ofReport: [],
      byProvince: [[], [], []],
    });
  });

  it('split segments of consecutive reports into partitions of their own, numbered segment after segment', () => {
    const provinces = [0, 1, 1, 2, 0, 0, 2, 1, 1, 1, 0];
    const sizes = segmentSizes(provinces.length, 4);
    // Counted from the oldest report: the newest segment holds the rest, from half to one and
    // a half segments.
    expect(sizes).toEqual([3, 4, 4]);
    expect(segmentSizes(8, 4)).toEqual([4, 4]);
    expect(segmentSizes(9, 4)).toEqual([5, 4]);
    expect(segmentSizes(10, 4)).toEqual([2, 4, 4]);
    expect(segmentSizes(5, 4)).toEqual([5]);
    expect(segmentSizes(1, 4)).toEqual([1]);
    expect(segmentSizes(0, 4)).toEqual([0]);
    const { count, ofReport, byProvince, segments } = partitionSegments(provinces, 3, sizes, 2);
    let start = 0;
    let first = 0;
    for (const [k, size] of sizes.entries()) {
      // Each segment is partitioned alone, as partitionByProvince does it, after the others.
      const alone = partitionByProvince(provinces.slice(start, start + size), 3, 2);
      expect(ofReport.slice(start, start + size)).toEqual(alone.ofReport.map((p) => first + p));
      expect(segments[k]).toEqual([size, alone.count]);
      start += size;
      first += alone.count;
    }
    expect(count).toBe(first);
    for (const [p, list] of byProvince.entries())
      expect(new Set(list)).toEqual(
        new Set(provinces.flatMap((province, i) => (province === p ? [ofReport[i]] : []))),
      );
  });
});

describe('word order of the merged index', () => {
  it('is code point order (UTF-8 bytes, as Pagefind compares), also where UTF-16 order differs', () => {
    const words = ['0a', '0b', 'u0001', '\uE000', '\uFFFF', '\u{10000}', '\u{10FFFF}'];
    const shuffled = [...words].reverse();
    expect(shuffled.sort(byCodePoint)).toEqual(words);
    expect(byCodePoint('\uFFFF', '\u{10000}')).toBeLessThan(0);
    expect(byCodePoint('u0001', 'u0001')).toBe(0);
    for (const [a, b] of [
      ['0a', '0b'],
      ['\uE000', '\u{10000}'],
    ] as const)
      expect(Math.sign(byCodePoint(a, b))).toBe(
        Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))),
      );
  });
});
