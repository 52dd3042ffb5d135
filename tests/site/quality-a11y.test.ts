/**
 * Quality gate: accessibility. axe-core (WCAG 2.2 A/AA rules) in Chromium finds zero
 * violations on the issue's pages, in light and dark mode and at the largest font size;
 * and a keyboard-only reader can search and open a result.
 */
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FONT_SIZE_KEY, FONT_SIZES } from '../../src/utils/reading.ts';
import { readArticles } from '../helpers/content.ts';
import { servedInChromium } from '../helpers/chromium-site.ts';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const LARGEST = FONT_SIZES.at(-1)!.key;

const articles = readArticles();
const article = articles[0]!;

/** The issue's pages; `ready` waits for what scripts render (search results) before axe looks. */
const PAGES: { name: string; path: string; ready?: (tab: Page) => Promise<unknown> }[] = [
  { name: 'home', path: '' },
  { name: 'article', path: `articles/${article.id}/` },
  {
    name: 'article with search highlight',
    path: `articles/${article.id}/?highlight=${encodeURIComponent('民政')}`,
    ready: (tab) => tab.locator('mark.search-highlight').first().waitFor(),
  },
  { name: 'province page', path: `provinces/${article.data.province}/` },
  { name: 'provinces index with map', path: 'provinces/' },
  { name: 'date archive', path: 'archive/' },
  { name: 'year archive', path: `archive/${article.data.date.slice(0, 4)}/` },
  {
    name: 'search with results',
    path: `search/?q=${encodeURIComponent('民政厅')}`,
    ready: (tab) => tab.locator('#search-results li').first().waitFor(),
  },
  {
    name: 'search without results',
    path: `search/?q=${encodeURIComponent('不存在的词语')}`,
    ready: (tab) => tab.locator('#search-status', { hasText: '共 0 篇' }).waitFor(),
  },
  { name: '404', path: 'no-such-page/' },
];

const MODES: { name: string; options: BrowserContextOptions; fontSize?: string }[] = [
  { name: 'light', options: { colorScheme: 'light' } },
  { name: 'dark', options: { colorScheme: 'dark' } },
  { name: `font size ${LARGEST}`, options: { colorScheme: 'light' }, fontSize: LARGEST },
];

const site = servedInChromium();

async function newContext(mode: (typeof MODES)[number]): Promise<BrowserContext> {
  const context = await site.browser.newContext({
    viewport: { width: 1280, height: 900 },
    ...mode.options,
  });
  if (mode.fontSize) {
    // The reader chose the largest size on an earlier visit (the reading-aids script reads it).
    await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [
      FONT_SIZE_KEY,
      mode.fontSize,
    ] as const);
  }
  return context;
}

/** One line per violation: page, mode, rule, impact and the first offending elements. */
function describeViolations(
  where: string,
  violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations'],
): string[] {
  return violations.map((v) => {
    const nodes = v.nodes
      .slice(0, 3)
      .map(
        (node) =>
          `${node.target.join(' ')}${node.failureSummary ? ` (${node.failureSummary.replace(/\s+/g, ' ')})` : ''}`,
      );
    return `${where}: rule ${v.id} [${v.impact}] ${v.help} — ${v.nodes.length} element(s): ${nodes.join('; ')}`;
  });
}

describe('axe-core finds no WCAG 2.2 A/AA violations', () => {
  for (const mode of MODES) {
    it(`on every listed page (${mode.name})`, async () => {
      const context = await newContext(mode);
      const problems: string[] = [];
      try {
        for (const target of PAGES) {
          const tab = await context.newPage();
          const response = await tab.goto(new URL(target.path, site.server.url).href);
          if (target.name === '404') expect(response?.status()).toBe(404);
          await target.ready?.(tab);
          if (mode.fontSize && target.name === 'article') {
            // The setting took effect (otherwise this mode would test nothing).
            expect(await tab.evaluate(() => document.documentElement.dataset.fontSize)).toBe(
              mode.fontSize,
            );
          }
          expect(await tab.getAttribute('html', 'lang'), `${target.name}: lang`).toBe('zh-CN');
          const { violations, passes } = await new AxeBuilder({ page: tab })
            .withTags(WCAG_TAGS)
            .analyze();
          // axe really looked (contrast, names, landmarks …), not at an empty or failed page.
          expect(
            passes.map((rule) => rule.id),
            target.name,
          ).toEqual(expect.arrayContaining(['color-contrast', 'html-has-lang']));
          problems.push(
            ...describeViolations(`${target.name} (/${target.path}, ${mode.name})`, violations),
          );
          await tab.close();
        }
      } finally {
        await context.close();
      }
      expect(problems).toEqual([]);
    });
  }
});

describe('keyboard-only search', () => {
  /** Presses Tab until `selector` has focus (at most `limit` times); returns how many presses it took. */
  async function tabTo(tab: Page, selector: string, limit = 40): Promise<number> {
    for (let presses = 1; presses <= limit; presses++) {
      await tab.keyboard.press('Tab');
      if (await tab.evaluate((s) => document.activeElement?.matches(s) ?? false, selector))
        return presses;
    }
    throw new Error(
      `${await tab.evaluate(() => location.pathname)}: Tab never reached ${selector} in ${limit} presses`,
    );
  }

  const focusOutline = (tab: Page) =>
    tab.evaluate(() => {
      const style = getComputedStyle(document.activeElement!);
      return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    });

  it('Tab to the box, type, Enter, Tab to the results, open one', async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const tab = await context.newPage();
      await tab.goto(site.server.url);
      // From the top of the home page: the skip link comes first, then the header's search box.
      await tab.keyboard.press('Tab');
      expect(await tab.evaluate(() => document.activeElement?.className)).toContain('skip-link');
      await tabTo(tab, '#site-search');
      expect(await focusOutline(tab), 'visible focus on the search box').toBe(true);
      await tab.keyboard.type('民政厅');
      await Promise.all([tab.waitForURL(/\/search\/\?q=/), tab.keyboard.press('Enter')]);
      await expect.poll(() => tab.locator('#search-status').textContent()).toMatch(/共 \d+ 篇/);
      const count = await tab.locator('#search-results > li').count();
      expect(count).toBeGreaterThan(0);

      // Onwards through the search form to the first result's link.
      await tabTo(tab, '#search-results li a');
      expect(await focusOutline(tab), 'visible focus on a result').toBe(true);
      const href = await tab.evaluate(() => (document.activeElement as HTMLAnchorElement).href);
      await Promise.all([tab.waitForURL(href), tab.keyboard.press('Enter')]);
      expect(new URL(tab.url()).pathname).toMatch(/\/articles\/[\w-]+\/$/);
      await tab.locator('mark.search-highlight').first().waitFor();
      expect(await tab.locator('mark.search-highlight').first().textContent()).toBe('民政厅');
    } finally {
      await context.close();
    }
  });
});
