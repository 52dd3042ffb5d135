/**
 * The researchers' search, in Chromium, on a synthetic archive that spans 2015–2025: exclusion
 * and OR against set operations on single-term truth, `from`/`to` periods against the dates,
 * and the year/month chart's bars against the counts, by mouse and by keyboard.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { allResultPaths } from '../../scripts/lib/search-results.ts';
import { monthPeriod } from '../../src/client/search-chart.ts';
import { fold } from '../../src/search/normalize.ts';
import { archiveBuild, syntheticArticles } from '../helpers/archive-build.ts';
import { servedInChromium } from '../helpers/chromium-site.ts';
import { searchDocuments } from '../helpers/search-documents.ts';

const REPORTS = 150;

const build = archiveBuild(() => syntheticArticles(REPORTS), { SEARCH_PARTITION_PAGES: '20' });
const site = servedInChromium(() => build.outDir);

/** A report as the truth below reads it: the folded title and body, as the ground truth joins them. */
interface Doc {
  url: string;
  date: string;
  text: string;
}

let documents: Doc[] = [];
beforeAll(() => {
  documents = searchDocuments(build.articlesDir, build.outDir).map(
    ({ url, date, title, body }) => ({
      url,
      date,
      text: `${title}\n${body}`,
    }),
  );
});

/** The reports holding a term (folded, as a substring): single-term truth. */
const holding = (term: string) =>
  new Set(documents.filter((doc) => doc.text.includes(term)).map((doc) => doc.url));
const union = (a: Set<string>, b: Set<string>) => new Set([...a, ...b]);
const minus = (a: Set<string>, b: Set<string>) => new Set([...a].filter((url) => !b.has(url)));
const both = (a: Set<string>, b: Set<string>) => new Set([...a].filter((url) => b.has(url)));
const sorted = (set: Iterable<string>) => [...set].sort();

/**
 * Two-character terms held by about `share` of the reports, each a different set: computed
 * from the archive, so that exclusion and OR have overlapping, non-trivial sets to work on.
 */
function termsNear(shares: number[]): string[] {
  const frequency = new Map<string, number>();
  for (const doc of documents) {
    const chars = [...doc.text.replace(/\s/g, '')];
    const seen = new Set(chars.slice(1).map((char, i) => chars[i]! + char));
    for (const bigram of seen) frequency.set(bigram, (frequency.get(bigram) ?? 0) + 1);
  }
  const candidates = [...frequency].filter(([bigram]) => /^\p{Script=Han}{2}$/u.test(bigram));
  const picked: string[] = [];
  for (const share of shares) {
    const target = share * documents.length;
    const [best] = candidates
      .filter(([bigram]) => !picked.includes(bigram))
      .sort((a, b) => Math.abs(a[1] - target) - Math.abs(b[1] - target) || (a[0] < b[0] ? -1 : 1));
    picked.push(best![0]);
  }
  return picked;
}

let page: Page;
beforeAll(async () => {
  page = await site.browser.newPage();
});

async function openSearch(params: string): Promise<void> {
  await page.goto(new URL(`search/${params}`, site.server.url).href);
  await waitForCount();
}

const waitForCount = () =>
  page.waitForFunction(() =>
    /共 \d+ 篇/.test(document.querySelector('#search-status')?.textContent ?? ''),
  );

async function statusCount(): Promise<number> {
  const text = (await page.locator('#search-status').textContent()) ?? '';
  return Number(/共 (\d+) 篇/.exec(text)![1]);
}

async function expectResults(want: Set<string>): Promise<void> {
  expect(await statusCount()).toBe(want.size);
  expect(sorted(await allResultPaths(page))).toEqual(sorted(want));
}

const q = (query: string) => `?q=${encodeURIComponent(query)}`;

describe('exclusion and OR', () => {
  it('equal their set truth', async () => {
    const [a, b, c] = termsNear([0.5, 0.35, 0.2]) as [string, string, string];
    const [A, B, C] = [holding(a), holding(b), holding(c)];
    // The sets overlap without one holding another: each operator changes the result.
    expect(both(A, B).size).toBeGreaterThan(0);
    expect(minus(A, B).size).toBeGreaterThan(0);
    expect(minus(B, A).size).toBeGreaterThan(0);
    const all = new Set(documents.map((doc) => doc.url));
    const cases: [string, Set<string>][] = [
      [`${a} -${b}`, minus(A, B)],
      [`${a} OR ${b}`, union(A, B)],
      [`${a} | ${b}`, union(A, B)],
      [`${a}|${b}`, union(A, B)],
      [`-${a}`, minus(all, A)],
      [`"${c}" OR ${b} -${a}`, minus(union(C, B), A)],
      [`${a} ${b} OR ${c}`, both(A, union(B, C))],
      [`${a} -${a}`, new Set()],
    ];
    for (const [query, want] of cases) {
      await openSearch(q(query));
      await expectResults(want);
    }
  });

  it('marks the terms found and never an excluded one', async () => {
    const [a, b] = termsNear([0.5, 0.35]) as [string, string];
    await openSearch(q(`${a} -${b}`));
    const marks = await page.locator('#search-results mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(new Set(marks.map(fold))).toEqual(new Set([a]));
  });
});

describe('from and to', () => {
  const dates = () => documents.map((doc) => doc.date).sort();
  const quantile = (share: number) => dates()[Math.floor(share * (dates().length - 1))]!;
  const within = (from: string, to: string) =>
    new Set(documents.filter((doc) => doc.date >= from && doc.date <= to).map((doc) => doc.url));

  it('list every report of a period with an empty query, newest first', async () => {
    const [from, to] = [quantile(0.3), quantile(0.6)];
    await openSearch(`?q=&from=${from}&to=${to}`);
    await expectResults(within(from, to));
    const listed = await allResultPaths(page);
    const order = listed.map((url) => documents.find((doc) => doc.url === url)!.date);
    expect(order).toEqual([...order].sort().reverse());
  });

  it('combine with the query, each bound alone, and with the year as an intersection', async () => {
    const [a] = termsNear([0.5]) as [string];
    const from = quantile(0.4);
    const to = quantile(0.7);
    await openSearch(`${q(a)}&from=${from}`);
    await expectResults(both(holding(a), within(from, '9999-12-31')));
    await openSearch(`${q(a)}&to=${to}`);
    await expectResults(both(holding(a), within('0000-01-01', to)));
    const year = from.slice(0, 4);
    await openSearch(`${q(a)}&from=${from}&to=${to}&year=${year}`);
    await expectResults(
      both(both(holding(a), within(from, to)), within(`${year}-01-01`, `${year}-12-31`)),
    );
  });

  it('ignore an invalid date with a visible note', async () => {
    const [a] = termsNear([0.5]) as [string];
    await openSearch(`${q(a)}&from=2024-02-30&to=soon`);
    const notes = await page.locator('#search-status .search-note').allTextContents();
    expect(notes).toEqual([
      '起始日期「2024-02-30」不是有效日期（应为 YYYY-MM-DD），已忽略。',
      '截止日期「soon」不是有效日期（应为 YYYY-MM-DD），已忽略。',
    ]);
    await expect.poll(() => page.locator('.search-note').first().isVisible()).toBe(true);
    await expectResults(holding(a));
  });

  it('come from the date inputs into the URL', async () => {
    const [from, to] = [quantile(0.2), quantile(0.5)];
    await page.goto(new URL('search/', site.server.url).href);
    await page.locator('#search-period summary').click();
    await page.locator('#search-from').fill(from);
    await page.locator('#search-to').fill(to);
    await page.locator('#search-query').press('Enter');
    await waitForCount();
    const params = new URL(page.url()).searchParams;
    expect([params.get('from'), params.get('to')]).toEqual([from, to]);
    await expectResults(within(from, to));
  });
});

describe('the chart of matches over time', () => {
  /** The bars' accessible names, in order. */
  const barNames = () =>
    page
      .locator('#search-chart svg a')
      .evaluateAll((links) => links.map((link) => link.getAttribute('aria-label')));

  it('has a bar per year with its count, and a table of the same counts', async () => {
    const [a] = termsNear([0.5]) as [string];
    await openSearch(q(a));
    const byYear = new Map<string, number>();
    for (const doc of documents.filter((doc) => doc.text.includes(a)))
      byYear.set(doc.date.slice(0, 4), (byYear.get(doc.date.slice(0, 4)) ?? 0) + 1);
    const years = [...byYear.keys()].map(Number);
    const want: string[] = [];
    for (let year = Math.min(...years); year <= Math.max(...years); year++)
      want.push(`${year} 年：${byYear.get(String(year)) ?? 0} 篇`);
    // The chart's code loads after the first results.
    await expect.poll(barNames).toEqual(want);
    const rows = await page
      .locator('#search-chart table tbody tr')
      .evaluateAll((list) =>
        (list as HTMLTableRowElement[]).map((row) =>
          [...row.cells].map((cell) => cell.textContent),
        ),
      );
    expect(rows).toEqual(
      want.map((name) => {
        const [, year, count] = /^(\d+) 年：(\d+) 篇$/.exec(name)!;
        return [`${year}年`, count];
      }),
    );
  });

  it('applies a year by mouse and a month by keyboard, and goes back to every year', async () => {
    const [a] = termsNear([0.5]) as [string];
    const A = holding(a);
    await openSearch(q(a));
    const year = documents.find((doc) => A.has(doc.url))!.date.slice(0, 4);
    await expect.poll(async () => (await barNames()).length).toBeGreaterThan(0);
    await page.locator(`#search-chart svg a[aria-label^="${year} 年："]`).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('year')).toBe(year);
    await waitForCount();
    const inYear = (doc: Doc) => A.has(doc.url) && doc.date.startsWith(`${year}-`);
    await expectResults(new Set(documents.filter(inYear).map((doc) => doc.url)));
    const months = Array.from({ length: 12 }, (_, k) => {
      const n = documents.filter((doc) => inYear(doc) && Number(doc.date.slice(5, 7)) === k + 1);
      return `${year} 年 ${k + 1} 月：${n.length} 篇`;
    });
    await expect.poll(barNames).toEqual(months);
    // A month with matches, reached with the Tab key from the link before the bars.
    const month = Number(documents.find(inYear)!.date.slice(5, 7));
    const period = monthPeriod(Number(year), month);
    await page.locator('#search-chart a', { hasText: '看各年份' }).focus();
    for (let k = 0; k < month; k++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      months[month - 1],
    );
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe(period.from);
    expect(new URL(page.url()).searchParams.get('to')).toBe(period.to);
    await waitForCount();
    const inMonth = documents.filter(
      (doc) => inYear(doc) && doc.date >= period.from && doc.date <= period.to,
    );
    await expectResults(new Set(inMonth.map((doc) => doc.url)));
    const chosen = page.locator('#search-chart svg a[aria-current="true"]');
    await expect.poll(() => chosen.getAttribute('aria-label')).toBe(months[month - 1]);
    await page.locator('#search-chart a', { hasText: '看各年份' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe(q(a));
  });
});
