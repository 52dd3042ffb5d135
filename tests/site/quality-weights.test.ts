/**
 * Page weights (scripts/page-weights.ts, the README's table) stay within budget: pages are
 * small, article pages load under 2 kB gzip of script, and nothing but the search page loads more.
 */
import { describe, expect, it } from 'vitest';
import { siteWeights } from '../../scripts/page-weights.ts';
import { DIST } from '../helpers/paths.ts';

/** Budgets in bytes gzip. */
const HTML_BUDGET = 20 * 1024;
const SCRIPT_BUDGET = 2 * 1024;
const SEARCH_SCRIPT_BUDGET = 16 * 1024;
/** The search page's script with what it may load on demand (the Traditional → Simplified table). */
const SEARCH_ALL_SCRIPT_BUDGET = 30 * 1024;

describe('page weights', () => {
  it('measures every page type, each within budget', () => {
    const weights = siteWeights(DIST);
    expect(weights.map((w) => w.type)).toHaveLength(10);
    const over: string[] = [];
    for (const w of weights) {
      if (w.html.gzip > HTML_BUDGET)
        over.push(`${w.path}: rule html-budget: ${w.html.gzip} B gzip > ${HTML_BUDGET}`);
      const budget = w.path === '/search/' ? SEARCH_SCRIPT_BUDGET : SCRIPT_BUDGET;
      if (w.js.gzip > budget)
        over.push(`${w.path}: rule script-budget: ${w.js.gzip} B gzip > ${budget}`);
      expect(w.css.raw, `${w.path}: inline CSS is part of the HTML`).toBeLessThan(w.html.raw);
      expect(w.js.raw, `${w.path}: the header's "/" shortcut script at least`).toBeGreaterThan(0);
    }
    expect(over).toEqual([]);
    // The highlighter loads only on demand: an article's up-front script is the reading aids and
    // the "/" shortcut.
    const article = weights.find((w) => w.path.startsWith('/articles/'))!;
    expect(article.jsOnDemand.raw).toBeGreaterThan(0);
    const search = weights.find((w) => w.path === '/search/')!;
    expect(search.jsOnDemand.raw, 'the Traditional table loads on demand').toBeGreaterThan(0);
    expect(search.js.gzip + search.jsOnDemand.gzip).toBeLessThanOrEqual(SEARCH_ALL_SCRIPT_BUDGET);
  });
});
