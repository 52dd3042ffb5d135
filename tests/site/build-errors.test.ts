import { describe, expect, it } from 'vitest';
import { buildInto } from '../helpers/astro.ts';
import { articleData, articleSource, validArticle, writeArchive } from '../helpers/fixtures.ts';

const good = articleData('hubei', '2024-03-13');
const { title: _title, ...withoutTitle } = good;

// Each broken article must fail the build, and the message must name the file and the field.
const cases: [name: string, files: Record<string, string>, file: string, message: RegExp][] = [
  [
    'missing title',
    { '2024/2024-03-13-hubei.md': articleSource(withoutTitle) },
    '2024/2024-03-13-hubei.md',
    /title: /,
  ],
  [
    'impossible date',
    { '2024/2024-02-30-hubei.md': articleSource({ ...good, date: '2024-02-30' }) },
    '2024/2024-02-30-hubei.md',
    /date: date is not a real calendar day/,
  ],
  [
    'unquoted date',
    { '2024/2024-03-13-hubei.md': articleSource(good).replace('"2024-03-13"', '2024-03-13') },
    '2024/2024-03-13-hubei.md',
    /date: date must be a quoted string/,
  ],
  [
    'unknown province',
    { '2024/2024-03-13-atlantis.md': articleSource({ ...good, province: 'atlantis' }) },
    '2024/2024-03-13-atlantis.md',
    /province: province "atlantis" is not a slug/,
  ],
  [
    'unknown key',
    { '2024/2024-03-13-hubei.md': articleSource({ ...good, titel: '错字' }) },
    '2024/2024-03-13-hubei.md',
    /titel/,
  ],
  [
    'path/date mismatch',
    { '2024/2024-03-14-hubei.md': articleSource(good) },
    '2024/2024-03-14-hubei.md',
    /date "2024-03-13" does not match the file name's date 2024-03-14/,
  ],
  [
    'duplicate ID',
    {
      '2024/2024-03-13-hubei.md': articleSource(good),
      '2023/2024-03-13-hubei.md': articleSource(good),
    },
    '2023/2024-03-13-hubei.md and',
    /Duplicate article ID "2024-03-13-hubei"/,
  ],
];

describe('a broken article fails the build, naming file and field', () => {
  it.each(cases)('%s', async (_, files, file, message) => {
    const [okPath, okSource] = validArticle('zhejiang', '2024-03-14');
    const dir = writeArchive({ [okPath]: okSource, ...files });
    const { result } = await buildInto({ ARTICLES_DIR: dir });
    expect(result.code, result.output).not.toBe(0);
    expect(result.output).toContain(`${dir}/${file}`);
    expect(result.output).toMatch(message);
  });
});
