import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getProvince, PROVINCE_SLUGS } from '../../src/data/provinces.ts';
import { catalogOrder } from '../../src/search/catalog.ts';
import {
  encodeExportMetadata,
  exportMetadataDecoder,
  NameList,
  type ExportRef,
} from '../../src/search/export-metadata.ts';
import {
  CSV_FORMAT,
  EXPORT_FIELDS,
  exportFileName,
  exportRow,
  JSON_FORMAT,
  type ExportAbout,
} from '../../src/search/export-rows.ts';
import { csvField, csvRecord, UTF8_BOM } from '../../src/utils/csv.ts';

describe('CSV writer (RFC 4180)', () => {
  it.each([
    ['plain', '民政厅', '民政厅'],
    ['comma', '甲,乙', '"甲,乙"'],
    ['quote', '他说"好"', '"他说""好"""'],
    ['CR', '甲\r乙', '"甲\r乙"'],
    ['LF', '甲\n乙', '"甲\n乙"'],
    ['quote only', '"', '""""'],
    ['empty', '', ''],
    ['formula stays as written', '=SUM(A1)', '=SUM(A1)'],
  ])('%s', (_, value, written) => {
    expect(csvField(value)).toBe(written);
  });

  it('ends records in CRLF, and any fields parse back to themselves', () => {
    expect(csvRecord(['a', 'b'])).toBe('a,b\r\n');
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 2 })), (rows) => {
        const text = rows.map(csvRecord).join('');
        const back = parse(text, { relax_column_count: true }) as string[][];
        expect(back).toEqual(rows);
      }),
    );
  });
});

/** Reports over several provinces and days, with few distinct departments and sources. */
function reports(count: number): (ExportRef & { title: string; names: [string, string] })[] {
  const names = ['浙江省民政厅', '江苏省民政厅', '湖北省民政厅'];
  return Array.from({ length: count }, (_, i) => {
    const province = PROVINCE_SLUGS[i % 7]!;
    const date = `2024-0${1 + (i % 9)}-1${i % 10}`;
    return {
      id: `${date}-${province}${i >= 63 ? `-${2 + Math.floor(i / 63)}` : ''}`,
      date,
      province,
      titleLength: 5,
      title: `第${i}次,"会议"`,
      department: 0,
      source: 0,
      names: [names[i % 3]!, names[(i + 1) % 3]!],
    };
  });
}

describe('export file', () => {
  it('gives back each report’s title, department and source by ID, read in slices', () => {
    const all = reports(150);
    const list = new NameList();
    for (const report of all) {
      report.department = list.number(report.names[0]);
      report.source = list.number(report.names[1]);
    }
    const titles = new Map(all.map((report) => [report.id, report.title]));
    const json = encodeExportMetadata(all, list, (id) => titles.get(id)!);
    expect((JSON.parse(json) as { names: string[] }).names).toEqual(
      [...new Set(all.flatMap((report) => report.names))].sort(),
    );
    const decoder = exportMetadataDecoder(json);
    expect(decoder.size).toBe(all.length);
    for (let start = 0; start < decoder.size; start += 40)
      decoder.decodeRows(start, Math.min(decoder.size, start + 40));
    for (const report of catalogOrder(all))
      expect(decoder.metadata(report.id)).toEqual({
        title: report.title,
        department: report.names[0],
        source: report.names[1],
      });
    expect(decoder.metadata('2099-01-01-beijing')).toBeUndefined();
  });

  it('refuses a file of another version', () => {
    expect(() => exportMetadataDecoder('{"version":2}')).toThrow(/version 2 is not 1/);
  });
});

describe('export rows', () => {
  const entry = {
    id: '2024-03-14-zhejiang',
    date: '2024-03-14',
    province: 'zhejiang',
    titleLength: 3,
  };
  const metadata = { title: '标题,"引号"', department: '浙江省民政厅', source: '浙江省民政厅' };
  const about: ExportAbout = {
    query: '民政 "社会 组织"',
    filters: { province: 'zhejiang', year: '2024' },
    sort: 'relevance',
    exported: '2025-01-01T00:00:00.000Z',
    total: 2,
  };

  it('CSV: BOM, header, a record per row, the occurrences cell empty without terms', () => {
    const rows = [
      exportRow(entry, metadata, 'https://example.org/articles/x/', 7),
      exportRow(entry, metadata, 'https://example.org/articles/x/', undefined),
    ];
    const text = [CSV_FORMAT.head(about), ...rows.map((row, i) => CSV_FORMAT.row(row, !i))].join(
      '',
    );
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    const [header, ...records] = parse(text.slice(1)) as string[][];
    expect(header).toEqual([...EXPORT_FIELDS]);
    expect(records.map((record) => record[2])).toEqual([metadata.title, metadata.title]);
    expect(records.map((record) => record[5])).toEqual(Array(2).fill(getProvince('zhejiang').name));
    expect(records.map((record) => record.at(-1))).toEqual(['7', '']);
  });

  it('JSON: what was searched, then the same rows', () => {
    const rows = [exportRow(entry, metadata, 'u', 1), exportRow(entry, metadata, 'u', 2)];
    const text =
      JSON_FORMAT.head(about) +
      rows.map((row, i) => JSON_FORMAT.row(row, !i)).join('') +
      JSON_FORMAT.tail;
    expect(JSON.parse(text)).toEqual({ ...about, reports: rows });
  });

  it('names files by query, filters and day, without characters systems refuse', () => {
    expect(exportFileName(about, '2025-01-02', 'csv')).toBe(
      'minzheng-search-民政_社会_组织-zhejiang-2024-2025-01-02.csv',
    );
    const odd = { ...about, query: 'a/b\\c:d*e?f<g>h|i\u0000', filters: {} };
    expect(exportFileName(odd, '2025-01-02', 'json')).toBe(
      'minzheng-search-a_b_c_d_e_f_g_h_i-2025-01-02.json',
    );
    expect(exportFileName({ ...about, query: '民'.repeat(99) }, '2025-01-02', 'csv')).toBe(
      `minzheng-search-${'民'.repeat(40)}-2025-01-02.csv`,
    );
  });
});
