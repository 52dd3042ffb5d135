/** Search excerpts read as Chinese text: whole sentences or clauses, …… for cuts, no stray spaces. */
import { describe, expect, it } from 'vitest';
import { excerpt } from '../../src/search/excerpt.ts';
import { parseQuery } from '../../src/search/query.ts';
import { markdownParagraphs } from '../../src/utils/text.ts';
import { readArticles } from '../helpers/content.ts';

const shown = (text: string, query: string, length?: number) =>
  excerpt(text, parseQuery(query), length)
    .map((piece) => piece.text)
    .join('');
/** Text between the cuts, without the ellipses. */
const inner = (joined: string) => joined.replace(/^……|……$/g, '');
const PUNCTUATION = /^[\s，。、；：！？,.;:!?”’）》」』】〉)\]…—·]/u;

// Every real report, paragraphs joined as the search index joins them.
const reports = readArticles().map((article) => markdownParagraphs(article.body).join('\n'));
// Queries at many places of the texts: every 37th four-character run.
const queries = reports.flatMap((text) =>
  Array.from({ length: Math.floor(text.length / 37) }, (_, i) => text.slice(i * 37, i * 37 + 4))
    .filter((q) => /^\p{Script=Han}{4}$/u.test(q))
    .map((q) => [text, q] as const),
);

describe('excerpts of the real reports', () => {
  it('has queries to try', () => expect(queries.length).toBeGreaterThan(50));

  it('join paragraphs without a space, as the source reads', () => {
    for (const [text, q] of queries) {
      const joined = shown(text, q);
      // What is shown between the cuts is the source's text with its paragraph breaks removed.
      expect(text.replace(/\n/g, ''), q).toContain(inner(joined));
    }
  });

  it('never begin with punctuation, and mark cuts with …… only', () => {
    for (const [text, q] of queries) {
      const joined = shown(text, q);
      expect(inner(joined), q).not.toMatch(PUNCTUATION);
      expect(joined.replace(/……/g, ''), q).not.toContain('…');
      // No comma or opening bracket right before a cut.
      expect(joined, q).not.toMatch(/[，、；：,;:“‘（《(]……/);
    }
  });

  it('start at the beginning of a sentence or clause when one is near', () => {
    let cut = 0;
    for (const [text, q] of queries) {
      const joined = shown(text, q);
      if (!joined.startsWith('……')) continue;
      cut++;
      const at = text.replace(/\n/g, '').indexOf(inner(joined));
      const before = text.replace(/\n/g, '')[at - 1]!;
      // 90 characters are shown, the match in the first third: a sentence of the reports is
      // rarely longer than half of that without a comma.
      expect(before, `${q}: ${joined}`).toMatch(/[。！？，、；：,;:!?]/);
    }
    expect(cut).toBeGreaterThan(10);
  });
});

describe('excerpt cuts', () => {
  it('ends after a sentence or before a clause mark', () => {
    const text = `会议指出要抓好老年助餐服务。${'后面的句子很长，'.repeat(20)}`;
    const joined = shown(text, '老年助餐', 30);
    expect(joined.endsWith('……')).toBe(true);
    expect(inner(joined)).toMatch(/[。]$|[^，、；：,;:]$/);
    expect(inner(joined)).not.toMatch(/，$/);
  });

  it('falls back to a cut mid-clause, still not on punctuation, in text without boundaries', () => {
    const text = `${'甲乙丙丁'.repeat(30)}老年助餐${'戊己庚辛'.repeat(30)}`;
    const joined = shown(text, '老年助餐', 60);
    expect(joined.startsWith('……')).toBe(true);
    expect(joined.endsWith('……')).toBe(true);
    expect(inner(joined)).toContain('老年助餐');
    expect(inner(joined).length).toBeLessThanOrEqual(60);
  });

  it('keeps a space between Latin words of two paragraphs', () => {
    expect(shown('会议提到 AI\nApp 的应用。', 'AI')).toBe('会议提到 AI App 的应用。');
  });
});
