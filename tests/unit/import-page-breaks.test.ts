/**
 * Page-break repair stays linear (issue 14, item 8): judged by the work it counts
 * (src/import/paragraphs.ts RepairWork), never by time.
 */
import { describe, expect, it } from 'vitest';
import { importBulletin } from '../../src/import/bulletin.ts';
import { endsSentence, joinParagraphs, type RepairWork } from '../../src/import/paragraphs.ts';
import type { Fragment } from '../../src/import/split.ts';

/** `count` lines of `width` characters, none ending a sentence; the last ends one. */
function unbrokenReport(count: number, width: number): Fragment[] {
  const chars = '民政系统要以高度的政治自觉认真学习研究和贯彻落实会议精神';
  return Array.from({ length: count }, (_, i) => {
    let text = '';
    for (let j = 0; j < width; j++) text += chars[(i + j) % chars.length];
    return { text: i === count - 1 ? `${text}。` : text, line: 2 * i + 3 };
  });
}

const work = (): RepairWork => ({ fragments: 0, characters: 0 });

describe('page-break repair', () => {
  it('looks at each line once and at a bounded number of its characters: 32,000 lines, 3.4 MB', () => {
    const fragments = unbrokenReport(32_000, 35);
    const bytes = Buffer.byteLength(fragments.map((f) => f.text).join('\n\n'));
    expect(bytes).toBeGreaterThan(3_300_000);
    const done = work();
    const { paragraphs } = joinParagraphs(fragments, done);
    expect(paragraphs).toEqual([{ text: fragments.map((f) => f.text).join(''), line: 3 }]);
    expect(done.fragments).toBe(fragments.length);
    // One character per line here (no closing quotes): the repair never rereads what it joined.
    expect(done.characters).toBe(fragments.length);
  });

  it('does work proportional to the lines: ten times the lines, ten times the work', () => {
    const small = work();
    const large = work();
    joinParagraphs(unbrokenReport(1_000, 35), small);
    joinParagraphs(unbrokenReport(10_000, 35), large);
    expect(large.characters).toBe(10 * small.characters);
    expect(large.fragments).toBe(10 * small.fragments);
  });

  it('counts the closing quotes and brackets it looks past, so the counter sees real work', () => {
    const done = work();
    expect(endsSentence('会议。”）', done)).toBe(true);
    expect(done.characters).toBe(3);
    expect(endsSentence('会议”）', done)).toBe(false);
    expect(done.characters).toBe(6);
  });

  it('joins the same way as before: only where a line does not end a sentence', () => {
    const fragments = ['第一句,', '接着说。', '“引语。”', '第三段', '没有结束'].map((text, i) => ({
      text,
      line: i + 1,
    }));
    expect(joinParagraphs(fragments)).toEqual({
      paragraphs: [
        { text: '第一句,接着说。', line: 1 },
        { text: '“引语。”', line: 3 },
        { text: '第三段没有结束', line: 4 },
      ],
      unterminated: { text: '第三段没有结束', line: 4 },
    });
  });

  it('imports a report of 32,000 lines without sentence ends as one paragraph, every character kept', () => {
    const fragments = unbrokenReport(32_000, 35);
    const body = fragments.map((f) => f.text).join('\n\n');
    const text = `# 浙江省民政厅召开会议\n\n3月14日,浙江省民政厅召开会议,\n\n${body}\n\n(据浙江省民政厅)\n`;
    const result = importBulletin(text, { year: 2024 });
    expect(result.problems).toEqual([]);
    expect(result.articles[0]!.paragraphs).toEqual([
      `3月14日,浙江省民政厅召开会议,${fragments.map((f) => f.text).join('')}`,
    ]);
  });
});
