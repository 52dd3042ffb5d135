import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildInto } from '../helpers/astro.ts';
import { articleData, articleSource, validArticle, writeArchive } from '../helpers/fixtures.ts';
import { ARTICLES } from '../helpers/paths.ts';

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

/** A real article's path and bytes, to be saved the ways editors' tools save files. */
const REAL_PATH = '2024/2024-03-13-hubei.md';
const REAL = readFileSync(join(ARTICLES, REAL_PATH));
const GBK = execFileSync('iconv', ['-f', 'utf-8', '-t', 'gbk'], { input: REAL });
const UTF16 = Buffer.from(REAL.toString('utf8'), 'utf16le');
/** The GBK copy opened as UTF-8 and saved again: what the build published before. */
const LOSSY = Buffer.from(new TextDecoder().decode(GBK));
const names = 'abcdefghi';
/** 9 levels of 9 aliases each: 9^9 topics once expanded, in a few hundred bytes. */
const BOMB = REAL.toString('utf8').replace(
  /^topics: .*$/m,
  `topics: [${[...names]
    .map(
      (name, i) =>
        `&${name} [${Array(9)
          .fill(i ? `*${names[i - 1]}` : '"x"')
          .join(',')}]`,
    )
    .join(', ')}]`,
);
const lineOf = (text: string, needle: string) =>
  text.slice(0, text.indexOf(needle)).split('\n').length;
/** A change that saves the real article as these bytes. */
const saved = (bytes: Uint8Array | string) => (dir: string) => {
  writeFileSync(join(dir, REAL_PATH), bytes);
  return REAL_PATH;
};
/** Adds `formerIds: [id]` to an article of the archive. */
const addFormerId = (dir: string, path: string, id: string) =>
  writeFileSync(
    join(dir, path),
    readFileSync(join(dir, path), 'utf8').replace(/^topics:/m, `formerIds: ["${id}"]\ntopics:`),
  );

// Each case changes a copy of the real archive and returns what the message must name after the
// folder: the file, or both files.
const fileCases: [name: string, change: (dir: string) => string, message: () => RegExp][] = [
  [
    'a GBK copy',
    saved(GBK),
    () =>
      new RegExp(`invalid UTF-8 byte sequence [0-9A-F ]+ at offset ${LOSSY.indexOf('\uFFFD')} `),
  ],
  [
    'UTF-16 with a byte-order mark',
    saved(Buffer.concat([Buffer.from([0xff, 0xfe]), UTF16])),
    () => /the file is UTF-16 \(it starts with the byte-order mark FF FE\)/,
  ],
  ['UTF-16 without one', saved(UTF16), () => new RegExp(`NUL byte at offset ${UTF16.indexOf(0)} `)],
  [
    'text already lost to U+FFFD',
    saved(LOSSY),
    () => new RegExp(`U\\+FFFD \\(replacement character\\) at offset ${LOSSY.indexOf('\uFFFD')} `),
  ],
  [
    'a YAML alias bomb',
    saved(BOMB),
    () => new RegExp(`front matter line ${lineOf(BOMB, '&a')}: YAML anchor "&a": anchors`),
  ],
  [
    'a link to a file outside the archive',
    (dir) => {
      const outside = join(mkdtempSync(join(tmpdir(), 'articles-')), '2024-03-15-hubei.md');
      writeFileSync(outside, REAL.toString('utf8').replaceAll('2024-03-13', '2024-03-15'));
      symlinkSync(outside, join(dir, '2024/2024-03-15-hubei.md'));
      return `2024/2024-03-15-hubei.md is a symbolic link to ${outside}, outside the articles folder`;
    },
    () => /the build follows no links/,
  ],
  [
    'a link inside the archive',
    (dir) => {
      symlinkSync('2024-03-13-hubei.md', join(dir, '2024/2024-03-15-hubei.md'));
      return '2024/2024-03-15-hubei.md is a symbolic link to 2024-03-13-hubei.md, inside the articles folder';
    },
    () => /the build follows no links/,
  ],
  [
    "a former ID that is another article's ID",
    (dir) => {
      addFormerId(dir, REAL_PATH, '2024-03-14-zhejiang');
      return `2024/2024-03-14-zhejiang.md (its ID) and by ${dir}/${REAL_PATH} (formerIds)`;
    },
    () => /\/articles\/2024-03-14-zhejiang\/ is claimed twice: by /,
  ],
  [
    'a former ID that two articles claim',
    (dir) => {
      addFormerId(dir, REAL_PATH, '2024-03-12-hubei');
      addFormerId(dir, '2024/2024-03-14-zhejiang.md', '2024-03-12-hubei');
      return `${REAL_PATH} (formerIds) and by ${dir}/2024/2024-03-14-zhejiang.md (formerIds)`;
    },
    () => /\/articles\/2024-03-12-hubei\/ is claimed twice: by /,
  ],
];

describe('an article the build cannot publish faithfully fails it, naming file and cause', () => {
  it.each(fileCases)('%s', async (_, change, message) => {
    const dir = writeArchive({});
    cpSync(ARTICLES, dir, { recursive: true });
    const file = change(dir);
    const { result } = await buildInto({ ARTICLES_DIR: dir });
    expect(result.code, result.output).not.toBe(0);
    expect(result.output).toContain(`${dir}/${file}`);
    expect(result.output).toMatch(message());
  });
});
