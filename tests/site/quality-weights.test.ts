/**
 * Page weights (scripts/page-weights.ts, the README's table) stay within budget: pages are
 * small, article pages load under 2 kB gzip of script, and nothing but the search page loads more.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { siteWeights } from '../../scripts/page-weights.ts';
import { DIST } from '../helpers/paths.ts';

/** Budgets in bytes gzip. */
const HTML_BUDGET = 20 * 1024;
const SCRIPT_BUDGET = 2 * 1024;
const SEARCH_SCRIPT_BUDGET = 16 * 1024;
/** The search page's script with what a search may load on demand (the Traditional → Simplified table, the chart). */
const SEARCH_ALL_SCRIPT_BUDGET = 31 * 1024;
/** The export module (src/client/search-export.ts), which only 导出 CSV / 导出 JSON load. */
const EXPORT_SCRIPT_BUDGET = 3 * 1024;

/** Bytes gzip of the built export module. */
function exportScriptGzip(): number {
  const dir = join(DIST, '_astro');
  const files = readdirSync(dir).filter((name) => /^search-export\.[\w-]+\.js$/.test(name));
  expect(files).toHaveLength(1);
  return gzipSync(readFileSync(join(dir, files[0]!))).length;
}

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
    // The export module is among the search page's on-demand scripts, but no search loads it.
    const exportScript = exportScriptGzip();
    expect(exportScript).toBeLessThanOrEqual(EXPORT_SCRIPT_BUDGET);
    expect(search.js.gzip + search.jsOnDemand.gzip - exportScript).toBeLessThanOrEqual(
      SEARCH_ALL_SCRIPT_BUDGET,
    );
  });
});
