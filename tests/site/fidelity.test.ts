import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readArticles, readBulletin, squash } from '../helpers/content.ts';
import { page } from '../helpers/dist.ts';
import { BULLETIN } from '../helpers/paths.ts';

const SOURCES = join(BULLETIN, '..');
const bulletins = readdirSync(SOURCES).filter((file) => file.endsWith('.txt'));
const articles = readArticles();

describe.each(bulletins)('rendered articles are faithful to %s', (bulletin) => {
  const reports = readBulletin(join(SOURCES, bulletin));

  it.each(reports.map((report) => [report.title, report]))('%s', (title, report) => {
    const matching = articles.filter((article) => article.data.title === title);
    expect(matching, `articles titled ${title}`).toHaveLength(1);
    const article = matching[0]!;
    const $ = page(`/articles/${article.id}/`);
    expect($('h1').text()).toBe(title);
    // Character for character, whitespace aside: no word added, lost or changed.
    expect(squash($('article .body').text())).toBe(squash(report.text));
    expect($('article .source').text().trim()).toBe(`来源：${report.credit}`);
    expect(article.data.source).toBe(report.credit);
  });

  it('keeps the page-break repairs inside paragraphs', () => {
    // Every paragraph of a rendered article ends a sentence: a page break left no fragment behind.
    for (const report of reports) {
      const article = articles.find((a) => a.data.title === report.title)!;
      const paragraphs = page(`/articles/${article.id}/`)('article .body p')
        .map((_, el) => squash(page(`/articles/${article.id}/`)(el).text()))
        .get();
      expect(paragraphs.length).toBeGreaterThan(0);
      for (const paragraph of paragraphs)
        expect(paragraph, paragraph.slice(-20)).toMatch(/[。！？…；][”’」』）)]*$/);
    }
  });
});
