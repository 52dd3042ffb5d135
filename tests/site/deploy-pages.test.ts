/**
 * Hosts that send no headers of their own (GitHub Pages): every page carries the
 * Content-Security-Policy of public/_headers as a <meta http-equiv>, less what only a header can
 * say, and Chromium enforces it with no header at all.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { servedInChromium } from '../helpers/chromium-site.ts';
import { allPages, page } from '../helpers/dist.ts';
import { cspDirectives, siteHeaders } from '../helpers/headers.ts';

const HEADER_POLICY = siteHeaders()['Content-Security-Policy'] ?? '';
/** CSP 3: a policy delivered in a <meta> element ignores these. */
const NOT_IN_META = ['frame-ancestors', 'report-uri', 'sandbox'];

describe('the Content-Security-Policy without headers', () => {
  it('is the first thing after the charset on every page: the header policy less frame-ancestors', () => {
    const want = [...cspDirectives(HEADER_POLICY)].filter(([name]) => !NOT_IN_META.includes(name));
    expect(want.length).toBeGreaterThan(0);
    expect(cspDirectives(HEADER_POLICY).has('frame-ancestors')).toBe(true);
    const pages = allPages();
    expect(pages).toContain('/404.html');
    for (const path of pages) {
      const $ = page(path);
      const head = $('head').children();
      expect(head.eq(0).attr('charset'), path).toBe('utf-8');
      expect(head.eq(1).attr('http-equiv'), path).toBe('Content-Security-Policy');
      expect([...cspDirectives(head.eq(1).attr('content') ?? '')], path).toEqual(want);
    }
  });

  describe('in Chromium, served with no headers', () => {
    const site = servedInChromium();

    /** A tab that records each CSP report and console complaint about the policy. */
    async function watched(found: string[]): Promise<Page> {
      const tab = await site.browser.newPage();
      tab.on('console', (message) => {
        if (/Content.Security.Policy/i.test(message.text())) found.push(message.text());
      });
      await tab.exposeFunction('__cspViolation', (text: string) => found.push(text));
      await tab.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) =>
          (window as unknown as { __cspViolation(text: string): void }).__cspViolation(
            `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`,
          ),
        );
      });
      return tab;
    }

    it('blocks an inline script', async () => {
      const found: string[] = [];
      const tab = await watched(found);
      const response = await tab.goto(site.server.url);
      expect(response?.headers()['content-security-policy']).toBeUndefined();
      await tab.addScriptTag({ content: 'window.__inlineRan = true;' }).catch(() => undefined);
      expect(
        await tab.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan),
      ).toBeUndefined();
      await expect.poll(() => found.join('\n')).toMatch(/script-src-elem blocked inline/);
      await tab.close();
    });

    it('lets search run, with no violation and no directive ignored', async () => {
      const found: string[] = [];
      const tab = await watched(found);
      await tab.goto(`${site.server.url}search/?q=${encodeURIComponent('民政')}`);
      await tab.waitForFunction(() =>
        /共 [1-9]\d* 篇/.test(document.querySelector('#search-status')?.textContent ?? ''),
      );
      await tab.waitForLoadState('networkidle');
      await tab.close();
      expect(found).toEqual([]);
    });
  });
});
