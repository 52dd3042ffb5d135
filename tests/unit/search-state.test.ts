/** What the search page applies of a request (src/client/search-state.ts). */
import { describe, expect, it } from 'vitest';
import {
  applyRequest,
  MAX_QUERY_CHARS,
  requestedByUrl,
  stateUrl,
} from '../../src/client/search-state.ts';
import { PROVINCE_SLUGS } from '../../src/data/provinces.ts';

const choices = { provinces: new Set(['', ...PROVINCE_SLUGS]), years: new Set(['', '2024']) };
const apply = (search: string) => applyRequest(requestedByUrl(search), choices);

describe('applyRequest', () => {
  it('applies a valid request as it is, without notes', () => {
    const period = { from: '2024-03-01', to: '2024-03-31' };
    expect(
      apply(`?q=民政&province=hubei&year=2024&from=${period.from}&to=${period.to}&sort=newest`),
    ).toEqual({
      state: { q: '民政', province: 'hubei', year: '2024', ...period, sort: 'newest', asked: true },
      notes: [],
    });
    expect(apply('')).toEqual({
      state: { q: '', province: '', year: '', from: '', to: '', sort: 'relevance', asked: false },
      notes: [],
    });
  });

  it.each([
    ['province=../../etc', { province: '' }, '未知省份「../../etc」，已按全部省份检索。'],
    ['year=abc', { year: '' }, '未知年份「abc」，已按全部年份检索。'],
    ['year=1990', { year: '' }, '未知年份「1990」，已按全部年份检索。'],
    ['sort=toString', { sort: 'relevance' }, '未知排序「toString」，已按相关度排序。'],
    [
      'from=2024-02-30',
      { from: '' },
      '起始日期「2024-02-30」不是有效日期（应为 YYYY-MM-DD），已忽略。',
    ],
    ['to=2024-3-1', { to: '' }, '截止日期「2024-3-1」不是有效日期（应为 YYYY-MM-DD），已忽略。'],
    [
      'from=yesterday',
      { from: '' },
      '起始日期「yesterday」不是有效日期（应为 YYYY-MM-DD），已忽略。',
    ],
  ])('ignores %s with a note', (query, applied, note) => {
    const { state, notes } = apply(`?q=民政&${query}`);
    expect(state).toMatchObject({ q: '民政', ...applied });
    expect(notes).toEqual([note]);
  });

  it('quotes at most 20 characters of an unknown value', () => {
    const { notes } = apply(`?province=${'x'.repeat(500)}`);
    expect(notes).toEqual([`未知省份「${'x'.repeat(20)}…」，已按全部省份检索。`]);
  });

  it(`cuts the query to ${MAX_QUERY_CHARS} characters, counting a character outside the BMP as one`, () => {
    const long = '𠀀民'.repeat(MAX_QUERY_CHARS);
    const { state, notes } = apply(`?q=${encodeURIComponent(long)}`);
    expect([...state.q]).toHaveLength(MAX_QUERY_CHARS);
    expect(long.startsWith(state.q)).toBe(true);
    expect(notes).toEqual([`检索词超过 ${MAX_QUERY_CHARS} 字，已按前 ${MAX_QUERY_CHARS} 字检索。`]);
    const exact = '民'.repeat(MAX_QUERY_CHARS);
    expect(apply(`?q=${exact}`)).toMatchObject({ state: { q: exact }, notes: [] });
  });

  it('keeps a period that ends before it starts, saying it holds no reports', () => {
    const { state, notes } = apply('?from=2024-05-01&to=2024-04-30');
    expect(state).toMatchObject({ from: '2024-05-01', to: '2024-04-30' });
    expect(notes).toEqual(['起始日期 2024-05-01 晚于截止日期 2024-04-30，这段时间里没有报道。']);
  });

  it('knows an empty query in the URL from none', () => {
    expect(apply('?q=').state.asked).toBe(true);
    expect(apply('?province=hubei').state.asked).toBe(false);
  });
});

describe('stateUrl', () => {
  it('carries only what is applied, the query trimmed', () => {
    const { state } = apply('?q=%20民政%20&province=../../etc&sort=newest');
    expect(stateUrl('/search/', state)).toBe(
      `/search/?q=${encodeURIComponent('民政')}&sort=newest`,
    );
    expect(stateUrl('/search/', apply('').state)).toBe('/search/');
    expect(stateUrl('/search/', apply('?from=2024-01-01&to=bad&year=2024').state)).toBe(
      '/search/?year=2024&from=2024-01-01',
    );
  });
});
