import { describe, expect, it } from 'vitest';
import {
  findProvince,
  getProvince,
  PROVINCE_SLUGS,
  PROVINCES,
  REGIONS,
} from '../../src/data/provinces.ts';

describe('province registry', () => {
  it('holds 31 mainland divisions, Hong Kong, Macao, Taiwan and the Corps', () => {
    expect(PROVINCES).toHaveLength(35);
    const codes = PROVINCES.map((p) => p.code);
    expect(codes.filter((code) => code === null)).toHaveLength(1);
    expect(codes.filter((code) => code !== null && Number(code) < 700000)).toHaveLength(31);
    expect(getProvince('bingtuan')).toMatchObject({
      code: null,
      name: '新疆生产建设兵团',
      department: '新疆生产建设兵团民政局',
    });
  });

  it('has unique six-digit GB/T 2260 codes ending in 0000', () => {
    const codes = PROVINCES.flatMap((p) => (p.code ? [p.code] : []));
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[1-8]\d0000$/);
  });

  it('has unique lowercase pinyin slugs, names, short names and abbreviations', () => {
    for (const key of ['slug', 'name', 'shortName', 'abbr'] as const) {
      const values = PROVINCES.map((p) => p[key]);
      expect(new Set(values).size, key).toBe(values.length);
    }
    for (const p of PROVINCES) {
      expect(p.slug).toMatch(/^[a-z]+$/);
      expect([...p.abbr]).toHaveLength(1);
      expect(p.name.includes(p.shortName), p.name).toBe(true);
      if (p.slug !== 'bingtuan') expect(p.name.startsWith(p.shortName), p.name).toBe(true);
    }
    expect(PROVINCE_SLUGS).toEqual(PROVINCES.map((p) => p.slug));
  });

  it('spells the easily confused divisions right', () => {
    expect(getProvince('shanxi')).toMatchObject({ name: '山西省', code: '140000', abbr: '晋' });
    expect(getProvince('shaanxi')).toMatchObject({ name: '陕西省', code: '610000', abbr: '陕' });
    expect(getProvince('neimenggu')).toMatchObject({
      name: '内蒙古自治区',
      shortName: '内蒙古',
      code: '150000',
    });
    expect(getProvince('guangxi')).toMatchObject({
      name: '广西壮族自治区',
      department: '广西壮族自治区民政厅',
    });
    expect(getProvince('ningxia').name).toBe('宁夏回族自治区');
    expect(getProvince('xinjiang').name).toBe('新疆维吾尔自治区');
    expect(getProvince('xizang').name).toBe('西藏自治区');
    expect(getProvince('xianggang')).toMatchObject({ name: '香港特别行政区', code: '810000' });
    expect(getProvince('aomen')).toMatchObject({ name: '澳门特别行政区', code: '820000' });
    expect(getProvince('taiwan')).toMatchObject({ name: '台湾省', code: '710000' });
    expect(getProvince('heilongjiang').name).toBe('黑龙江省');
  });

  it('names municipalities 民政局 and provinces and regions 民政厅', () => {
    for (const p of PROVINCES) {
      if (p.slug === 'bingtuan' || p.department === null) continue;
      const suffix = p.name.endsWith('市') ? '民政局' : '民政厅';
      expect(p.department).toBe(`${p.name}${suffix}`);
    }
    expect(PROVINCES.filter((p) => p.department?.endsWith('民政局')).map((p) => p.slug)).toEqual([
      'beijing',
      'tianjin',
      'shanghai',
      'chongqing',
      'bingtuan',
    ]);
  });

  it('groups every division under a known region', () => {
    for (const p of PROVINCES) expect(REGIONS).toContain(p.region);
  });

  it('looks slugs up and rejects unknown ones', () => {
    expect(findProvince('zhejiang')?.name).toBe('浙江省');
    expect(findProvince('atlantis')).toBeUndefined();
    expect(() => getProvince('atlantis')).toThrow(/atlantis/);
  });
});
