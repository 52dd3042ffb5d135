/**
 * The bulletin importer end to end: `scripts/import-bulletin.ts` run as a child process
 * (Node + tsx, as `npm run import` does) on the real bulletin and on variants of it,
 * writing into temporary folders.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  COMMITTED,
  lineOf,
  mtimes,
  readTree,
  REAL_BULLETIN,
  reportBlocks,
  runImport,
  tempDir,
} from '../helpers/importer.ts';
import { BULLETIN } from '../helpers/paths.ts';

// Each test starts the CLI (Node + tsx) one to three times; on a busy 2-core machine that takes
// seconds.
vi.setConfig({ testTimeout: 60_000 });

const [ZHEJIANG, JIANGSU, HUBEI] = reportBlocks() as [string, string, string];
const ZJ_FILE = COMMITTED['2024/2024-03-14-zhejiang.md']!;
const JS_FILE = COMMITTED['2024/2024-03-14-jiangsu.md']!;

/** Writes `text` (or bytes) to a bulletin file in a fresh folder and returns its path. */
function bulletinFile(text: string | Uint8Array, name = 'bulletin.txt'): string {
  const file = join(tempDir('bulletin-'), name);
  writeFileSync(file, text);
  return file;
}

/** Imports `text` into a fresh (or the given) articles folder. */
async function importText(
  text: string | Uint8Array,
  args: string[] = ['--year', '2024'],
  out = join(tempDir(), 'articles'),
) {
  const result = await runImport([bulletinFile(text), '--out', out, ...args]);
  return { ...result, out, tree: readTree(out) };
}

/** A frontmatter line of a file, e.g. line(ZJ_FILE, 'title'). */
const frontmatterLine = (file: string, key: string) =>
  file.split('\n').find((l) => l.startsWith(`${key}: `))!;

describe.concurrent('the real bulletin', () => {
  it('reproduces the committed articles byte for byte', async ({ expect }) => {
    const out = join(tempDir(), 'articles');
    const result = await runImport([BULLETIN, '--year', '2024', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readTree(out)).toEqual(COMMITTED);
    expect(result.stdout).toContain(
      '3 reports, 3 provinces (浙江省、江苏省、湖北省), dates 2024-03-13 … 2024-03-14: 3 written, 0 unchanged.',
    );
    for (const path of Object.keys(COMMITTED))
      expect(result.stdout).toContain(`written      ${join(out, path)}`);
  });

  it('reads the bulletin from standard input with -', async ({ expect }) => {
    const out = join(tempDir(), 'articles');
    const result = await runImport(['-', '--year', '2024', '--out', out], REAL_BULLETIN);
    expect(result.code).toBe(0);
    expect(readTree(out)).toEqual(COMMITTED);
  });

  it('is idempotent: a second import writes nothing and says unchanged', async ({ expect }) => {
    const out = join(tempDir(), 'articles');
    expect((await runImport([BULLETIN, '--year', '2024', '--out', out])).code).toBe(0);
    const before = mtimes(out);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const again = await runImport([BULLETIN, '--year', '2024', '--out', out]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 written, 3 unchanged.');
    expect(again.stdout).toContain('Nothing to do');
    for (const path of Object.keys(COMMITTED))
      expect(again.stdout).toContain(`unchanged    ${join(out, path)}`);
    expect(mtimes(out)).toEqual(before);
    expect(readTree(out)).toEqual(COMMITTED);
  });

  it('--dry-run prints every path and content and writes nothing', async ({ expect }) => {
    const out = join(tempDir(), 'articles');
    const result = await runImport([BULLETIN, '--year', '2024', '--out', out, '--dry-run']);
    expect(result.code).toBe(0);
    for (const [path, content] of Object.entries(COMMITTED))
      expect(result.stdout).toContain(`--- would write ${join(out, path)} ---\n${content}`);
    expect(result.stdout).toContain('3 would be written, 0 unchanged. Dry run: nothing written.');
    expect(existsSync(out)).toBe(false);
  });

  it('--help explains the flags and the suffix rule', async ({ expect }) => {
    const result = await runImport(['--help']);
    expect(result.code).toBe(0);
    for (const flag of ['--year', '--out', '--dry-run', '--force', '--source', '--province'])
      expect(result.stdout).toContain(flag);
    expect(result.stdout).toContain('2024-03-14-zhejiang-2.md');
    // The rules of issue 14: headings, refusals, invisible characters, dates, staging, lock.
    for (const rule of [
      '1 to 6 "#" (or full-width "＃")',
      '#topic#',
      'a (据…) credit that ends a line before',
      'naming different divisions',
      'U+2028',
      'zero-width',
      '1949-10-01 to 2099-12-31',
      '.import-staging',
      '.import.lock',
      'exit code 3',
    ])
      expect(result.stdout).toContain(rule);
  });
});

describe.concurrent('variants of the real bulletin that must give the same articles', () => {
  const variants: [string, string | Uint8Array][] = [
    ['CRLF line ends and a BOM', `\uFEFF${REAL_BULLETIN.replaceAll('\n', '\r\n')}`],
    ['full-width credit parentheses', REAL_BULLETIN.replace(/\(据([^)]+)\)/g, '（据$1）')],
    [
      'every credit moved: onto the last paragraph, or onto its own line',
      REAL_BULLETIN.replace('会议。\n\n(据浙江省民政厅)', '会议。(据浙江省民政厅)')
        .replace('会议。(据江苏省民政厅)', '会议。\n\n（据江苏省民政厅）')
        .replace('会议。\n\n(据湖北省民政厅)', '会议。 （ 据湖北省民政厅 ）'),
    ],
    [
      'full-width indents, stray spaces around headings and paragraphs, runs of blank lines',
      REAL_BULLETIN.split('\n')
        .map((line) =>
          line.startsWith('#')
            ? `  ${line.replace(/^(#+) /, '$1 \u3000 ')}  `
            : line
              ? `\u3000\u3000${line} \u3000`
              : '\n\n',
        )
        .join('\n'),
    ],
  ];

  it.for(variants)('%s', async ([, text], { expect }) => {
    const result = await importText(text);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.tree).toEqual(COMMITTED);
  });
});

describe.concurrent('province, department and date from the text', () => {
  /** The Zhejiang report and its committed file with 浙江省民政厅 replaced everywhere, and the province slug. */
  function renamed(department: string, slug: string) {
    const text = ZHEJIANG.replaceAll('浙江省民政厅', department);
    const file = ZJ_FILE.replaceAll('浙江省民政厅', department).replace(
      'province: "zhejiang"',
      `province: "${slug}"`,
    );
    return { text, file, path: `2024/2024-03-14-${slug}.md` };
  }

  it.for([
    ['a municipality (民政局)', '北京市民政局', 'beijing'],
    ['an autonomous region', '广西壮族自治区民政厅', 'guangxi'],
    ['the Corps, not Xinjiang', '新疆生产建设兵团民政局', 'bingtuan'],
  ])('%s', async ([, department, slug], { expect }) => {
    const { text, file, path } = renamed(department, slug);
    const result = await importText(text);
    expect(result.stderr).toBe('');
    expect(result.tree).toEqual({ [path]: file });
    expect(frontmatterLine(file, 'department')).toBe(`department: "${department}"`);
  });

  it('a short name in the title gives the full department name (广西民政厅 → 广西壮族自治区民政厅)', async ({
    expect,
  }) => {
    // The credit agrees (广西); the body names another division's department in passing.
    const text = ZHEJIANG.replace('浙江省民政厅', '广西民政厅')
      .replace('(据浙江省民政厅)', '(据广西日报)')
      .replaceAll('浙江省民政厅', '新疆生产建设兵团民政局');
    const result = await importText(text);
    const file = ZJ_FILE.replace(
      frontmatterLine(ZJ_FILE, 'title'),
      frontmatterLine(ZJ_FILE, 'title').replace('浙江省民政厅', '广西民政厅'),
    )
      .replace('department: "浙江省民政厅"', 'department: "广西壮族自治区民政厅"')
      .replace('source: "浙江省民政厅"', 'source: "广西日报"')
      .replaceAll('浙江省民政厅', '新疆生产建设兵团民政局')
      .replace('province: "zhejiang"', 'province: "guangxi"');
    expect(result.stderr).toBe('');
    expect(result.tree).toEqual({ '2024/2024-03-14-guangxi.md': file });
  });

  it('a title without the province takes it from the credit, before the body', async ({
    expect,
  }) => {
    // Title says only 省民政厅; the body names Jiangsu's department in passing; the credit names
    // Zhejiang's.
    const text = ZHEJIANG.replace('浙江省民政厅召开', '省民政厅召开').replace(
      '3月14日,浙江省民政厅党组',
      '3月14日,江苏省民政厅党组',
    );
    const result = await importText(text);
    const titleLine = frontmatterLine(ZJ_FILE, 'title');
    const file = ZJ_FILE.replace(
      titleLine,
      titleLine.replace('浙江省民政厅召开', '省民政厅召开'),
    ).replace('3月14日,浙江省民政厅党组', '3月14日,江苏省民政厅党组');
    expect(result.stderr).toBe('');
    expect(result.tree).toEqual({ '2024/2024-03-14-zhejiang.md': file });
  });

  it('a title and credit without the province take it from the body', async ({ expect }) => {
    const text = ZHEJIANG.replace('浙江省民政厅召开', '省民政厅召开').replace(
      '(据浙江省民政厅)',
      '(据中国社会报)',
    );
    const result = await importText(text);
    const titleLine = frontmatterLine(ZJ_FILE, 'title');
    const file = ZJ_FILE.replace(
      titleLine,
      titleLine.replace('浙江省民政厅召开', '省民政厅召开'),
    ).replace('source: "浙江省民政厅"', 'source: "中国社会报"');
    expect(result.tree).toEqual({ '2024/2024-03-14-zhejiang.md': file });
  });

  it('a year written in the text needs no --year, and wins over --year', async ({ expect }) => {
    const text = ZHEJIANG.replace('3月14日,浙江', '2023年3月14日,浙江');
    const file = ZJ_FILE.replace('date: "2024-03-14"', 'date: "2023-03-14"').replace(
      '3月14日,浙江',
      '2023年3月14日,浙江',
    );
    const withoutYear = await importText(text, []);
    expect(withoutYear.stderr).toBe('');
    expect(withoutYear.tree).toEqual({ '2023/2023-03-14-zhejiang.md': file });
    const withYear = await importText(text, ['--year', '2024']);
    expect(withYear.tree).toEqual({ '2023/2023-03-14-zhejiang.md': file });
    expect(withYear.stderr).toContain('the text writes the year 2023, which wins over --year 2024');
  });

  it('--source stands in for a missing credit; a written credit wins over it', async ({
    expect,
  }) => {
    const text = `${ZHEJIANG.replace('(据浙江省民政厅)', '')}${JIANGSU}`;
    const result = await importText(text, ['--year', '2024', '--source', '民政部网站']);
    expect(result.stderr).toBe('');
    expect(result.tree).toEqual({
      '2024/2024-03-14-zhejiang.md': ZJ_FILE.replace(
        'source: "浙江省民政厅"',
        'source: "民政部网站"',
      ),
      '2024/2024-03-14-jiangsu.md': JS_FILE,
    });
  });
});

describe.concurrent('a second report of the same province and day', () => {
  const otherTitle = '江苏省民政厅召开厅务会议 研究部署一季度重点工作';
  const secondJiangsu = JIANGSU.replace(/^## .*$/m, `## ${otherTitle}`);
  const secondFile = JS_FILE.replace(
    frontmatterLine(JS_FILE, 'title'),
    `title: ${JSON.stringify(otherTitle)}`,
  );

  it('in the same bulletin gets the -2 suffix', async ({ expect }) => {
    const result = await importText(`${REAL_BULLETIN}\n${secondJiangsu}`);
    expect(result.stderr).toBe('');
    expect(result.tree).toEqual({ ...COMMITTED, '2024/2024-03-14-jiangsu-2.md': secondFile });
    expect(result.stdout).toContain('4 reports, 3 provinces');
  });

  it('next to an existing article of that day gets the next suffix, existing files untouched', async ({
    expect,
  }) => {
    const first = await importText(REAL_BULLETIN);
    const before = mtimes(first.out);
    const second = await importText(secondJiangsu, ['--year', '2024'], first.out);
    expect(second.code).toBe(0);
    expect(second.tree).toEqual({ ...COMMITTED, '2024/2024-03-14-jiangsu-2.md': secondFile });
    for (const [path, time] of Object.entries(before)) expect(mtimes(first.out)[path]).toBe(time);
    // And a third one after that gets -3.
    const third = await importText(
      JIANGSU.replace(/^## .*$/m, '## 江苏省民政厅召开第三次会议'),
      ['--year', '2024'],
      first.out,
    );
    expect(third.code).toBe(0);
    expect(Object.keys(third.tree).sort()).toEqual(
      [
        ...Object.keys(COMMITTED),
        '2024/2024-03-14-jiangsu-2.md',
        '2024/2024-03-14-jiangsu-3.md',
      ].sort(),
    );
  });

  it('with the same title but other content is refused without --force, overwritten with it', async ({
    expect,
  }) => {
    const first = await importText(REAL_BULLETIN);
    const edited = JIANGSU.replace('3月14日,江苏省民政厅召开', '3月14日上午,江苏省民政厅召开');
    const refused = await importText(edited, ['--year', '2024'], first.out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      '2024/2024-03-14-jiangsu.md already holds this report (same title) with different content; pass --force',
    );
    expect(refused.tree).toEqual(COMMITTED);

    const forced = await importText(edited, ['--year', '2024', '--force'], first.out);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(
      `overwritten  ${join(first.out, '2024/2024-03-14-jiangsu.md')}`,
    );
    expect(forced.tree).toEqual({
      ...COMMITTED,
      '2024/2024-03-14-jiangsu.md': JS_FILE.replace(
        '3月14日,江苏省民政厅召开',
        '3月14日上午,江苏省民政厅召开',
      ),
    });
  });

  it('keeps topics an editor chose: a file that differs only in topics is unchanged, even with --force', async ({
    expect,
  }) => {
    const first = await importText(REAL_BULLETIN);
    const curated = JS_FILE.replace(
      frontmatterLine(JS_FILE, 'topics'),
      'topics: ["lianghui-jingshen"]',
    );
    writeFileSync(join(first.out, '2024/2024-03-14-jiangsu.md'), curated);
    const again = await importText(REAL_BULLETIN, ['--year', '2024', '--force'], first.out);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 written, 3 unchanged.');
    expect(again.tree).toEqual({ ...COMMITTED, '2024/2024-03-14-jiangsu.md': curated });
  });

  it('twice with the same title in one bulletin is an error', async ({ expect }) => {
    const text = `${JIANGSU}\n${JIANGSU}`;
    const result = await importText(text);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `same title, province and day as the report at line ${lineOf(text, '## ')}`,
    );
    expect(result.tree).toEqual({});
  });
});

describe('many reports', () => {
  it('prints progress instead of one line per file, and numbers 25 reports of one day 1 … 25', async () => {
    const count = 25;
    const text = Array.from({ length: count }, (_, i) =>
      ZHEJIANG.replace(/^# .*$/m, `# 浙江省民政厅第${i + 1}次会议`),
    ).join('\n');
    const result = await importText(text);
    expect(result.code).toBe(0);
    const paths = Object.keys(result.tree).sort();
    const expected = Array.from(
      { length: count },
      (_, i) => `2024/2024-03-14-zhejiang${i ? `-${i + 1}` : ''}.md`,
    ).sort();
    expect(paths).toEqual(expected);
    expect(result.stdout).not.toContain('written      ');
    for (const done of [10, 20, 25]) expect(result.stdout).toContain(`[${done}/${count}] written`);
    expect(result.stdout).toContain(
      `${count} reports, 1 province (浙江省), dates 2024-03-14: ${count} written, 0 unchanged.`,
    );
  });
});

describe.concurrent(
  'bad input exits non-zero, says what is wrong where, and writes nothing',
  () => {
    /** Imports into a folder that already holds the real bulletin's articles; the folder must stay as it was. */
    async function rejected(text: string | Uint8Array, args: string[] = ['--year', '2024']) {
      const out = join(tempDir(), 'articles');
      mkdirSync(out);
      for (const [path, content] of Object.entries(COMMITTED)) {
        mkdirSync(join(out, path, '..'), { recursive: true });
        writeFileSync(join(out, path), content);
      }
      const before = mtimes(out);
      const result = await importText(text, args, out);
      return { ...result, unchanged: result.tree, before, after: mtimes(out) };
    }

    const cases: [string, string | Uint8Array, string[], RegExp][] = [
      [
        'no headings',
        '3月14日,浙江省民政厅召开会议。\n\n(据浙江省民政厅)\n',
        ['--year', '2024'],
        /bulletin\.txt:1: no headings found/,
      ],
      ['an empty file', '', ['--year', '2024'], /bulletin\.txt:1: no headings found/],
      [
        'an unknown province',
        JIANGSU.replaceAll('江苏省', '某省').replaceAll('江苏', '某地'),
        ['--year', '2024'],
        /bulletin\.txt:1 「某省民政厅召开党组\(扩大\)会议.*」: unknown province/,
      ],
      [
        'no date',
        ZHEJIANG.replace('3月14日,', '').replace('3月12日上午', '上午'),
        ['--year', '2024'],
        /bulletin\.txt:1 「浙江省民政厅召开.*」: no date found/,
      ],
      [
        'a date that does not exist',
        ZHEJIANG.replace('3月14日', '2月30日'),
        ['--year', '2024'],
        /bulletin\.txt:3 「浙江.*」: "2月30日" is not a real calendar day \(2024-02-30\)/,
      ],
      [
        'no credit and no --source',
        ZHEJIANG.replace('(据浙江省民政厅)', ''),
        ['--year', '2024'],
        /bulletin\.txt:\d+ 「浙江.*」: no credit: .*pass --source/,
      ],
      [
        'an empty report',
        `${ZHEJIANG}\n## 空的报道\n\n\n`,
        ['--year', '2024'],
        /bulletin\.txt:\d+ 「空的报道」: empty report/,
      ],
      [
        'a report that is only a credit',
        `## 只有来源\n\n(据浙江省民政厅)\n`,
        ['--year', '2024'],
        /bulletin\.txt:1 「只有来源」: empty report/,
      ],
      [
        'text before the first heading',
        `编者按:本期汇编三篇。\n\n${ZHEJIANG}`,
        ['--year', '2024'],
        /bulletin\.txt:1: text before the first heading/,
      ],
      [
        'a heading without a title',
        `${ZHEJIANG}\n##   \n`,
        ['--year', '2024'],
        /heading "##" has no title/,
      ],
      [
        'a binary file (NUL bytes)',
        new Uint8Array([0x23, 0x20, 0x41, 0x0a, 0x00, 0x01, 0x02]),
        ['--year', '2024'],
        /bulletin\.txt:2: this is a binary file/,
      ],
      [
        'invalid UTF-8 (GBK bytes)',
        new Uint8Array([0x23, 0x20, 0x41, 0x0a, 0x0a, 0xc4, 0xe3, 0xba, 0xc3, 0x0a]),
        ['--year', '2024'],
        /bulletin\.txt:3: this file is not valid UTF-8/,
      ],
    ];

    it.for(cases)('%s', async ([, text, args, message], { expect }) => {
      const result = await rejected(text, args);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toMatch(/[Nn]othing was written/);
      expect(result.stdout).toBe('');
      expect(result.unchanged).toEqual(COMMITTED);
      expect(result.after).toEqual(result.before);
    });

    it('no year without --year: every report is listed with the line of its date', async ({
      expect,
    }) => {
      const result = await rejected(REAL_BULLETIN, []);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('3 problems');
      for (const [date, needle] of [
        ['3月14日', '3月14日,浙江'],
        ['3月14日', '3月14日,江苏'],
        ['3月13日', '3月13日,湖北'],
      ] as const) {
        expect(result.stderr).toContain(`bulletin.txt:${lineOf(REAL_BULLETIN, needle)} `);
        expect(result.stderr).toContain(`the date "${date}" has no year: pass --year`);
      }
      expect(result.unchanged).toEqual(COMMITTED);
    });

    it('all or nothing: one bad report stops the good ones, and every problem is listed', async ({
      expect,
    }) => {
      const text = `${HUBEI.replace('3月13日', '3月14日').replace(/^## .*$/m, '## 湖北省民政厅召开另一次会议')}\n${ZHEJIANG.replace('(据浙江省民政厅)', '')}\n## 空的报道\n`;
      const result = await rejected(text);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('2 problems');
      expect(result.stderr).toMatch(/no credit/);
      expect(result.stderr).toContain(
        `bulletin.txt:${lineOf(text, '## 空的报道')} 「空的报道」: empty report`,
      );
      expect(result.unchanged).toEqual(COMMITTED);
    });

    it('a path that does not exist', async ({ expect }) => {
      const out = join(tempDir(), 'articles');
      const missing = join(tempDir(), 'no-such-bulletin.txt');
      const result = await runImport([missing, '--year', '2024', '--out', out]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${missing}: no such file`);
      expect(existsSync(out)).toBe(false);
    });

    it.for<[string, string[], RegExp]>([
      ['no bulletin', [], /which bulletin\?/],
      ['two bulletins', ['a.txt', 'b.txt'], /one bulletin at a time/],
      ['a bad --year', [BULLETIN, '--year', '24'], /--year must be a four-digit year/],
      ['an unknown flag', [BULLETIN, '--yaer', '2024'], /Unknown option '--yaer'/],
    ])('wrong usage (%s) exits 2', async ([, args, message], { expect }) => {
      const out = join(tempDir(), 'articles');
      const result = await runImport([...args, '--out', out]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toContain('--help');
      expect(existsSync(out)).toBe(false);
    });
  },
);
