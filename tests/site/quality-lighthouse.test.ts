/**
 * Quality gate: fast for readers. Lighthouse 12 with its default mobile settings (a mid-range
 * phone, simulated slow 4G and 4x CPU slowdown) scores 100 for performance, accessibility,
 * best practices and SEO on an article, the home page and the search page with results, served
 * as a static host would: over HTTP/2 (TLS with a throwaway certificate), gzipped, with the
 * site's response headers (public/_headers). HTTP/2 matters to the simulation: over HTTP/1.1 it
 * spreads the search page's parallel requests over new connections, each starting slow.
 */
import { launch, type LaunchedChrome } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH } from '../../scripts/lib/browser.ts';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';
import { readArticles } from '../helpers/content.ts';
import { siteHeaders } from '../helpers/headers.ts';
import { DIST } from '../helpers/paths.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const PAGES = [
  { name: 'article', path: `articles/${readArticles()[0]!.id}/` },
  { name: 'home', path: '' },
  { name: 'search with results', path: `search/?q=${encodeURIComponent('民政厅')}` },
];

let chrome: LaunchedChrome;
let server: StaticServer;
beforeAll(async () => {
  server = await serveStatic(DIST, '/', { gzip: true, headers: siteHeaders(), http2: true });
  chrome = await launch({
    chromePath: process.env.CHROME_PATH ?? CHROMIUM_PATH,
    chromeFlags: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--ignore-certificate-errors',
    ],
  });
});
afterAll(async () => {
  chrome?.kill();
  await server?.close();
});

interface Audit {
  /** Category → score out of 100. */
  scores: Record<string, number>;
  /** What keeps a category below 100: audit id, score and value. */
  findings: string[];
}

async function audit(path: string): Promise<Audit> {
  const result = await lighthouse(new URL(path, server.url).href, {
    port: chrome.port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: [...CATEGORIES],
  });
  const lhr = result!.lhr;
  if (lhr.runtimeError)
    throw new Error(
      `Lighthouse failed on /${path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`,
    );
  const scores: Record<string, number> = {};
  const findings: string[] = [];
  for (const id of CATEGORIES) {
    const category = lhr.categories[id]!;
    scores[id] = Math.round((category.score ?? 0) * 100);
    if (scores[id] === 100) continue;
    for (const ref of category.auditRefs) {
      const item = lhr.audits[ref.id]!;
      if (ref.weight > 0 && item.score !== null && item.score < 1)
        findings.push(
          `${id}: rule ${item.id} scored ${item.score}${item.displayValue ? ` (${item.displayValue})` : ''}: ${item.title}`,
        );
    }
  }
  return { scores, findings };
}

describe('Lighthouse (mobile)', () => {
  for (const target of PAGES) {
    it(`scores 100 in every category on ${target.name}`, async () => {
      let { scores, findings } = await audit(target.path);
      // Timing on a shared 2-core machine is noisy: a performance score below 100 gets one
      // more run, and the better run counts. The other categories do not depend on timing.
      if (scores.performance! < 100) {
        const again = await audit(target.path);
        if (again.scores.performance! >= scores.performance!) {
          scores = { ...scores, performance: again.scores.performance! };
          findings = [
            ...findings.filter((f) => !f.startsWith('performance:')),
            ...again.findings.filter((f) => f.startsWith('performance:')),
          ];
        }
      }
      const below = CATEGORIES.filter((id) => scores[id]! < 100).map(
        (id) => `/${target.path} (${target.name}): ${id} ${scores[id]}`,
      );
      expect([...below, ...(below.length ? findings : [])]).toEqual([]);
    });
  }
});
