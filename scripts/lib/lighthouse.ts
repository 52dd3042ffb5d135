/**
 * Lighthouse 12 on a built site with its default mobile settings (a mid-range phone, simulated
 * slow 4G and 4x CPU slowdown), served as a static host would: over HTTP/2 (TLS with a
 * throwaway certificate), gzipped, with the given response headers (the site's are in
 * public/_headers). HTTP/2 matters to the simulation: over HTTP/1.1 it spreads the search
 * page's parallel requests over new connections, each starting slow.
 */
import { launch, type LaunchedChrome } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './browser.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface Audit {
  /** Category → score out of 100. */
  scores: Partial<Record<Category, number>>;
  /** What keeps a category below 100: audit id, score and value. */
  findings: string[];
  /** Total blocking time in milliseconds (performance runs only). */
  totalBlockingTime?: number;
}

export interface LighthouseSite {
  audit(path: string, categories: readonly Category[]): Promise<Audit>;
  close(): Promise<void>;
}

/** Serves `dist` with `headers` on every response and starts a Chromium for Lighthouse to drive. */
export async function lighthouseSite(
  dist: string,
  headers: Record<string, string>,
): Promise<LighthouseSite> {
  const server: StaticServer = await serveStatic(dist, '/', { gzip: true, headers, http2: true });
  const chrome: LaunchedChrome = await launch({
    chromePath: process.env.CHROME_PATH ?? CHROMIUM_PATH,
    // The server's certificate is a throwaway one.
    chromeFlags: [...CHROMIUM_FLAGS, '--ignore-certificate-errors'],
  });
  return {
    audit: (path, categories) => audit(new URL(path, server.url).href, chrome.port, categories),
    close: async () => {
      chrome.kill();
      await server.close();
    },
  };
}

async function audit(url: string, port: number, categories: readonly Category[]): Promise<Audit> {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: [...categories],
  });
  const lhr = result!.lhr;
  if (lhr.runtimeError)
    throw new Error(
      `Lighthouse failed on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`,
    );
  const scores: Audit['scores'] = {};
  const findings: string[] = [];
  for (const id of categories) {
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
  const blocking = lhr.audits['total-blocking-time']?.numericValue;
  return { scores, findings, ...(blocking === undefined ? {} : { totalBlockingTime: blocking }) };
}
