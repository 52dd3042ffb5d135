import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { describe, expect, it } from 'vitest';
import {
  articlePath,
  articlePathProblems,
  articleSchema,
  formatSchemaIssues,
  isCalendarDate,
  parseArticlePath,
} from '../../src/schemas/article.ts';
import { PROVINCE_SLUGS } from '../../src/data/provinces.ts';
import { ARTICLES } from '../helpers/paths.ts';

const valid = {
  title: '浙江省民政厅召开党组(扩大)会议',
  date: '2024-03-14',
  province: 'zhejiang',
  department: '浙江省民政厅',
  source: '浙江省民政厅',
  topics: [],
};

/** The messages the schema gives for `data`, or [] when it passes. */
function problems(data: unknown): string[] {
  const result = articleSchema.safeParse(data);
  return result.success ? [] : formatSchemaIssues(result.error);
}

function articleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? articleFiles(join(dir, entry.name))
      : entry.name.endsWith('.md')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('article schema', () => {
  it('accepts every committed article, and its path agrees with it', () => {
    const files = articleFiles(ARTICLES);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const { frontmatter } = parseFrontmatter(readFileSync(file, 'utf8'));
      expect(problems(frontmatter), file).toEqual([]);
      const data = articleSchema.parse(frontmatter);
      expect(articlePathProblems(relative(ARTICLES, file), data), file).toEqual([]);
    }
  });

  it.each([
    ['title', { ...valid, title: undefined }, /^title: /],
    ['title', { ...valid, title: '  ' }, /^title: title must not be empty/],
    ['date', { ...valid, date: '2024-02-30' }, /^date: date is not a real calendar day/],
    ['date', { ...valid, date: '2023-02-29' }, /^date: date is not a real calendar day/],
    ['date', { ...valid, date: '2024/03/14' }, /^date: date must be written YYYY-MM-DD/],
    ['date', { ...valid, date: new Date('2024-03-14') }, /^date: date must be a quoted string/],
    [
      'province',
      { ...valid, province: 'atlantis' },
      /^province: province "atlantis" is not a slug/,
    ],
    ['department', { ...valid, department: '' }, /^department: /],
    ['source', { ...valid, source: undefined }, /^source: /],
    ['topics', { ...valid, topics: 'x' }, /^topics: /],
    ['unknown key', { ...valid, titel: 'typo' }, /titel/],
    [
      'formerIds',
      { ...valid, formerIds: '2024-03-13-hubei' },
      /^formerIds: formerIds must be a list/,
    ],
    ['formerIds', { ...valid, formerIds: [20240313] }, /^formerIds\.0: each former ID must be a/],
    [
      'formerIds',
      { ...valid, formerIds: ['2024-03-13-hubei', '../2024-03-13-hubei'] },
      /^formerIds\.1: former ID "\.\.\/2024-03-13-hubei" is not an article ID/,
    ],
    ['formerIds', { ...valid, formerIds: ['2024-02-30-hubei'] }, /^formerIds\.0: former ID/],
    ['formerIds', { ...valid, formerIds: ['2024-03-13-hubei-1'] }, /^formerIds\.0: former ID/],
    ['formerIds', { ...valid, formerIds: ['2024-03-13-Hubei'] }, /^formerIds\.0: former ID/],
    [
      'formerIds',
      { ...valid, formerIds: ['2024-03-13-hubei', '2024-03-13-hubei'] },
      /^formerIds: formerIds must not repeat an ID/,
    ],
  ])('rejects a bad %s with a message naming the field', (_, data, message) => {
    const found = problems(data);
    expect(found.length).toBeGreaterThan(0);
    expect(found.join('\n')).toMatch(message);
  });

  it('defaults topics to an empty list', () => {
    const { topics, ...rest } = valid;
    expect(articleSchema.parse(rest).topics).toEqual(topics);
  });

  it('keeps former IDs: any article ID, also of a slug no longer in the registry', () => {
    const formerIds = ['2024-03-13-hubei', '2024-03-13-hubei-2', '2023-12-31-shanxisheng'];
    expect(PROVINCE_SLUGS).not.toContain('shanxisheng');
    expect(articleSchema.parse({ ...valid, formerIds }).formerIds).toEqual(formerIds);
    expect(articleSchema.parse(valid)).not.toHaveProperty('formerIds');
  });

  it('knows real calendar days', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2024-13-01')).toBe(false);
    expect(isCalendarDate('2024-3-1')).toBe(false);
  });
});

describe('article paths', () => {
  it('round-trips between path and parts', () => {
    expect(articlePath('2024-03-14', 'zhejiang')).toBe('2024/2024-03-14-zhejiang.md');
    expect(articlePath('2024-03-14', 'zhejiang', 2)).toBe('2024/2024-03-14-zhejiang-2.md');
    expect(parseArticlePath('2024/2024-03-14-zhejiang-2.md')).toEqual({
      id: '2024-03-14-zhejiang-2',
      year: '2024',
      date: '2024-03-14',
      province: 'zhejiang',
      sequence: 2,
    });
    expect(parseArticlePath('2024-03-14-zhejiang.md')).toBeUndefined();
    expect(parseArticlePath('2024/2024-03-14-zhejiang-1.md')).toBeUndefined();
    expect(parseArticlePath('2024/notes.md')).toBeUndefined();
  });

  it('reports a path that disagrees with date or province', () => {
    const data = articleSchema.parse(valid);
    expect(articlePathProblems('2024/2024-03-14-zhejiang.md', data)).toEqual([]);
    expect(articlePathProblems('2024/2024-03-15-zhejiang.md', data).join()).toMatch(
      /date "2024-03-14" does not match the file name's date 2024-03-15/,
    );
    expect(articlePathProblems('2023/2024-03-14-zhejiang.md', data).join()).toMatch(
      /year folder 2023/,
    );
    expect(articlePathProblems('2024/2024-03-14-jiangsu.md', data).join()).toMatch(
      /province "zhejiang" does not match/,
    );
    expect(articlePathProblems('misc/readme.md', data).join()).toMatch(/path must be/);
  });
});
