import { describe, expect, it } from 'vitest';
import { bibtexEntry, bibtexEscape, gbtReference } from '../../src/utils/citation.ts';
import { readArticles } from '../helpers/content.ts';

/** GB/T 7714-2015, electronic resource: Author. Title[EB/OL]. (published)[cited]. URL. */
const GBT =
  /^(.+)\. (.+)\[EB\/OL\]\. \((\d{4}-\d{2}-\d{2})\)\[(\d{4}-\d{2}-\d{2})\]\. (https?:\/\/\S+)\.$/;

describe('citations of every article', () => {
  for (const { id, data } of readArticles()) {
    const input = { id, ...data, url: `https://example.org/articles/${id}/` };

    it(`${id}: GB/T 7714 names author, title, dates and URL`, () => {
      const match = GBT.exec(gbtReference(input, '2026-11-30'));
      expect(match?.slice(1)).toEqual([
        data.source,
        data.title,
        data.date,
        '2026-11-30',
        input.url,
      ]);
    });

    it(`${id}: BibTeX has balanced braces and the cited date only when known`, () => {
      for (const cited of [undefined, '2026-11-30']) {
        const entry = bibtexEntry(input, cited);
        expect(entry.startsWith(`@online{${id},\n`)).toBe(true);
        const depth = [...entry.replace(/\\[{}]/g, '')].reduce(
          (d, c) => (d < 0 ? d : d + (c === '{' ? 1 : c === '}' ? -1 : 0)),
          0,
        );
        expect(depth).toBe(0);
        expect(entry.includes('urldate')).toBe(cited !== undefined);
        expect(entry).toContain(`url = {${input.url}}`);
      }
    });
  }
});

describe('bibtexEscape', () => {
  it.each([
    ['50%的{省份}', '50\\%的\\{省份\\}'],
    ['A&B_C#1$', 'A\\&B\\_C\\#1\\$'],
    ['a\\b~c^d', 'a\\textbackslash{}b\\~{}c\\^{}d'],
    ['浙江省民政厅', '浙江省民政厅'],
  ])('%s', (text, escaped) => expect(bibtexEscape(text)).toBe(escaped));
});
