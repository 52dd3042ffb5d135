/**
 * What the article loader refuses before Astro reads a file (src/loaders/): symbolic links,
 * bytes that are not UTF-8, YAML anchors and aliases, and addresses two articles claim.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addressConflicts } from '../../src/loaders/article-addresses.ts';
import { articleEntries, articleIdsIn } from '../../src/loaders/article-files.ts';
import {
  articleTextProblem,
  encodingProblem,
  frontMatterAlias,
} from '../../src/loaders/article-text.ts';
import { invalidUtf8Offset, lineAtByte } from '../../src/utils/utf8.ts';
import { ARTICLES } from '../helpers/paths.ts';

const REAL = readFileSync(join(ARTICLES, '2024/2024-03-13-hubei.md'));
const REAL_TEXT = REAL.toString('utf8');

/** Where a lossy UTF-8 decoder first gives up: the byte offset of its first U+FFFD. */
const firstLoss = (bytes: Uint8Array) =>
  Buffer.from(new TextDecoder().decode(bytes)).indexOf('\uFFFD');

/** Well-formed sequences at UTF-8's edges: U+0000–U+007F, U+0800, U+D7FF, U+E000, U+10000, U+10FFFF … */
const VALID = ['41', '0a', '7f', 'c280', 'c3a9', 'dfbf', 'e0a080', 'e4b8ad', 'ed9fbf', 'ee8080'];
VALID.push('efbfbf', 'f0908080', 'f09f9880', 'f48fbfbf');
/** … and the ill-formed ones next to them: overlong, surrogate, above U+10FFFF, stray, cut short. */
const INVALID = ['80', 'bf', 'c080', 'c1bf', 'e09fbf', 'eda080', 'edbfbf', 'f08fbfbf', 'f4908080'];
INVALID.push('f5', 'ff', 'e4b8', 'f09f98', 'c3');

/** Byte strings of those pieces, an ill-formed one in eight, the same for every run. */
function edgyBytes(count: number): Buffer[] {
  return Array.from({ length: count }, (_, i) => {
    const hash = createHash('sha512').update(String(i)).digest();
    const pieces = Array.from({ length: 1 + (hash[0]! % 8) }, (_, k) => {
      const roll = hash[k + 1]!;
      const pick = hash[k + 20]!;
      return roll % 8 === 0 ? INVALID[pick % INVALID.length]! : VALID[pick % VALID.length]!;
    });
    return Buffer.from(pieces.join(''), 'hex');
  });
}

describe('invalidUtf8Offset', () => {
  it('agrees with the WHATWG decoder on byte strings around every edge of UTF-8', () => {
    let invalid = 0;
    for (const bytes of edgyBytes(20_000)) {
      const offset = invalidUtf8Offset(bytes);
      const valid = (() => {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
          return true;
        } catch {
          return false;
        }
      })();
      expect(offset === -1, Buffer.from(bytes).toString('hex')).toBe(valid);
      if (offset !== -1) {
        invalid++;
        // The decoder copes up to the offset, and gives up exactly there.
        const decoded = new TextDecoder().decode(bytes);
        expect(
          decoded.startsWith(`${new TextDecoder().decode(bytes.subarray(0, offset))}\uFFFD`),
        ).toBe(true);
      }
    }
    // Both kinds were tried often.
    expect(invalid).toBeGreaterThan(2000);
    expect(invalid).toBeLessThan(18_000);
  });

  it('finds where a GBK copy of a real article stops being UTF-8', () => {
    const gbk = execFileSync('iconv', ['-f', 'utf-8', '-t', 'gbk'], { input: REAL });
    expect(gbk.length).toBeLessThan(REAL.length);
    expect(invalidUtf8Offset(REAL)).toBe(-1);
    expect(invalidUtf8Offset(gbk)).toBe(firstLoss(gbk));
  });

  it('counts lines by newlines before the offset', () => {
    const bytes = Buffer.from('a\nb\nc');
    expect([0, 1, 2, 3, 4].map((offset) => lineAtByte(bytes, offset))).toEqual([1, 1, 2, 2, 3]);
  });
});

describe('encodingProblem', () => {
  const gbk = execFileSync('iconv', ['-f', 'utf-8', '-t', 'gbk'], { input: REAL });
  const lossy = Buffer.from(new TextDecoder().decode(gbk));

  it('accepts UTF-8, with or without a byte-order mark', () => {
    expect(encodingProblem(REAL)).toBeUndefined();
    expect(encodingProblem(Buffer.concat([Buffer.from('\uFEFF'), REAL]))).toBeUndefined();
  });

  it('names the offset and line of GBK bytes', () => {
    const offset = firstLoss(gbk);
    const line = gbk.subarray(0, offset).toString('latin1').split('\n').length;
    expect(encodingProblem(gbk)).toMatch(
      new RegExp(`^invalid UTF-8 byte sequence [0-9A-F ]+ at offset ${offset} \\(line ${line}\\)`),
    );
  });

  it('names UTF-16 by its byte-order mark, and without one by its NUL bytes', () => {
    const le = Buffer.from(REAL_TEXT, 'utf16le');
    expect(encodingProblem(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toMatch(
      /^the file is UTF-16 \(it starts with the byte-order mark FF FE\)/,
    );
    const be = Buffer.from(le).swap16();
    expect(encodingProblem(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toMatch(
      /byte-order mark FE FF/,
    );
    expect(encodingProblem(le)).toMatch(new RegExp(`^NUL byte at offset ${le.indexOf(0)} `));
  });

  it('refuses text that an earlier conversion already replaced with U+FFFD', () => {
    expect(encodingProblem(lossy)).toMatch(
      new RegExp(`^U\\+FFFD \\(replacement character\\) at offset ${lossy.indexOf('\uFFFD')} `),
    );
  });
});

describe('frontMatterAlias', () => {
  const lineOf = (text: string, needle: string) =>
    text.slice(0, text.indexOf(needle)).split('\n').length;

  it('finds anchors and aliases, with their line in the file', () => {
    const text = `---\ntitle: "x"\ntopics: [&a ["shehui-jiuzhu"], *a]\n---\n\n正文\n`;
    expect(frontMatterAlias(text)).toEqual({ token: '&a', line: lineOf(text, '&a') });
    const merge = `---\nbase: &b {title: "x"}\nother:\n  <<: *b\n---\n`;
    expect(frontMatterAlias(merge)).toEqual({ token: '&b', line: lineOf(merge, '&b') });
    const key = `\uFEFF---\n&k title: "x"\n---\n`;
    expect(frontMatterAlias(key)).toEqual({ token: '&k', line: 2 });
    const alias = `---\ntitle: *nowhere\n---\n`;
    expect(frontMatterAlias(alias)).toEqual({ token: '*nowhere', line: 2 });
  });

  it('leaves & and * in strings, plain text, block scalars, comments and the body alone', () => {
    for (const text of [
      REAL_TEXT,
      `---\ntitle: "省厅 & *会议"\nsource: '&a'\n---\n`,
      `---\ntitle: 甲 & 乙 *丙\n---\n`,
      `---\ntitle: |\n  &a\n  *a\n# &c *d\n---\n`,
      `---\ntitle: "x"\n---\n\n&a *a 正文\n`,
      `+++\ntitle = "&a"\n+++\n`,
      `没有前言 &a *a\n`,
    ])
      expect(frontMatterAlias(text), text).toBeUndefined();
  });

  it('refuses the alias bomb by its first anchor, before anything expands it', () => {
    const names = 'abcdefghi';
    const levels = [...names].map(
      (name, i) =>
        `&${name} [${Array(9)
          .fill(i ? `*${names[i - 1]}` : '"shehui-jiuzhu"')
          .join(',')}]`,
    );
    const text = REAL_TEXT.replace(/^topics: .*$/m, `topics: [${levels.join(', ')}]`);
    expect(text).not.toBe(REAL_TEXT);
    expect(articleTextProblem(Buffer.from(text))).toBe(
      `front matter line ${lineOf(text, '&a')}: YAML anchor "&a": anchors (&name) and aliases (*name) are refused in articles: write every value out`,
    );
  });
});

describe('articleEntries', () => {
  let dirs: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'articles-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    dirs = [];
  });
  const archive = () => {
    const dir = folder();
    mkdirSync(join(dir, '2024'));
    writeFileSync(join(dir, '2024/2024-03-13-hubei.md'), REAL);
    return dir;
  };
  const display = (entry: string) => `articles/${entry}`;

  it('lists Markdown files as the glob loader does, skipping hidden folders', () => {
    const dir = archive();
    mkdirSync(join(dir, '.staging/2024'), { recursive: true });
    writeFileSync(join(dir, '.staging/2024/2024-03-15-hubei.md'), REAL);
    writeFileSync(join(dir, '2024/notes.txt'), 'x');
    expect(articleEntries(dir, display)).toEqual(['2024/2024-03-13-hubei.md']);
    expect(articleIdsIn(dir)).toEqual(new Set(['2024-03-13-hubei']));
  });

  it('follows a link that is the articles folder itself: the archive is where it points', () => {
    const dir = archive();
    const link = join(folder(), 'articles');
    symlinkSync(dir, link);
    expect(articleEntries(link, display)).toEqual(articleEntries(dir, display));
    expect(articleEntries(link, display)).toHaveLength(1);
  });

  it('refuses a link to a file outside the archive, naming both', () => {
    const dir = archive();
    const outside = join(folder(), 'elsewhere.md');
    writeFileSync(outside, REAL);
    symlinkSync(outside, join(dir, '2024/2024-03-15-hubei.md'));
    expect(() => articleEntries(dir, display)).toThrow(
      `articles/2024/2024-03-15-hubei.md is a symbolic link to ${outside}, outside the articles folder`,
    );
  });

  it('refuses links inside the archive, to folders, and dangling links too', () => {
    const inside = archive();
    symlinkSync('2024-03-13-hubei.md', join(inside, '2024/2024-03-15-hubei.md'));
    expect(() => articleEntries(inside, display)).toThrow(
      'articles/2024/2024-03-15-hubei.md is a symbolic link to 2024-03-13-hubei.md, inside the articles folder',
    );
    const folderLink = archive();
    const other = folder();
    symlinkSync(other, join(folderLink, '2023'));
    expect(() => articleEntries(folderLink, display)).toThrow(
      `articles/2023 is a symbolic link to ${other}, outside the articles folder`,
    );
    const dangling = archive();
    symlinkSync('gone.md', join(dangling, '2024/2024-03-15-hubei.md'));
    expect(() => articleEntries(dangling, display)).toThrow(
      'is a symbolic link to gone.md, which does not exist',
    );
  });
});

describe('addressConflicts', () => {
  const a = { file: 'a.md', id: '2024-03-13-hubei', formerIds: ['2024-03-12-hubei'] };

  it('passes distinct addresses', () => {
    expect(addressConflicts([a, { file: 'b.md', id: '2024-03-14-hubei', formerIds: [] }])).toEqual(
      [],
    );
  });

  it('names both files when a former ID is another article’s ID or former ID', () => {
    const current = { file: 'b.md', id: '2024-03-12-hubei', formerIds: [] };
    expect(addressConflicts([a, current])).toEqual([
      '/articles/2024-03-12-hubei/ is claimed twice: by b.md (its ID) and by a.md (formerIds)',
    ]);
    const former = { file: 'c.md', id: '2024-03-14-hubei', formerIds: ['2024-03-12-hubei'] };
    expect(addressConflicts([a, former])).toEqual([
      '/articles/2024-03-12-hubei/ is claimed twice: by a.md (formerIds) and by c.md (formerIds)',
    ]);
  });

  it('refuses an article that lists its own ID', () => {
    expect(addressConflicts([{ ...a, formerIds: [a.id] }])).toEqual([
      `a.md: formerIds lists the article's own ID "${a.id}"`,
    ]);
  });
});
