import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FONT_SIZES } from '../../src/utils/reading.ts';
import { readArticles } from '../helpers/content.ts';
import { page as builtPage } from '../helpers/dist.ts';
import { DIST } from '../helpers/paths.ts';
import { servedInChromium } from '../helpers/chromium-site.ts';

const articles = readArticles();
const articlePath = (index: number) => `articles/${articles[index]!.id}/`;
const label = (key: (typeof FONT_SIZES)[number]['key']) =>
  FONT_SIZES.find((size) => size.key === key)!.label;

const site = servedInChromium();

/** A fresh browser profile (its own localStorage), closed after the test. */
async function withContext<T>(
  options: Parameters<Browser['newContext']>[0],
  run: (context: BrowserContext) => Promise<T>,
): Promise<T> {
  const context = await site.browser.newContext(options);
  try {
    return await run(context);
  } finally {
    await context.close();
  }
}

async function open(context: BrowserContext, path: string): Promise<Page> {
  const tab = await context.newPage();
  await tab.goto(new URL(path, site.server.url).href);
  return tab;
}

const bodyFontSize = (tab: Page) =>
  tab
    .locator('article .body p')
    .first()
    .evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
const overflow = (tab: Page) =>
  tab.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const sizeButton = (tab: Page, key: (typeof FONT_SIZES)[number]['key']) =>
  tab.getByRole('group', { name: '字号' }).getByRole('button', { name: label(key), exact: true });

describe('font size control', () => {
  it('enlarges the text, persists across articles and resets', async () => {
    expect(articles.length).toBeGreaterThan(1);
    await withContext({ viewport: { width: 1280, height: 900 } }, async (context) => {
      const first = await open(context, articlePath(0));
      const standard = await bodyFontSize(first);
      expect(await sizeButton(first, 'standard').getAttribute('aria-pressed')).toBe('true');

      await sizeButton(first, 'large').click();
      const large = await bodyFontSize(first);
      expect(large).toBeGreaterThan(standard * 1.1);
      await sizeButton(first, 'xlarge').click();
      const xlarge = await bodyFontSize(first);
      expect(xlarge).toBeGreaterThan(large * 1.1);
      expect(await sizeButton(first, 'xlarge').getAttribute('aria-pressed')).toBe('true');
      expect(await sizeButton(first, 'standard').getAttribute('aria-pressed')).toBe('false');

      // Another article, and a reload: still 特大.
      const second = await open(context, articlePath(1));
      expect(await bodyFontSize(second)).toBeCloseTo(xlarge, 1);
      expect(await sizeButton(second, 'xlarge').getAttribute('aria-pressed')).toBe('true');
      await second.reload();
      expect(await bodyFontSize(second)).toBeCloseTo(xlarge, 1);

      // Keyboard: Tab to 标准 and press it.
      await sizeButton(second, 'standard').focus();
      await second.keyboard.press('Enter');
      expect(await bodyFontSize(second)).toBeCloseTo(standard, 1);
      const third = await open(context, articlePath(0));
      expect(await bodyFontSize(third)).toBeCloseTo(standard, 1);
    });
  });

  it.each([
    [320, 'xlarge'],
    [320, 'large'],
    // 200% browser zoom on a 1280 px window lays out like a 640 px one.
    [640, 'xlarge'],
  ] as const)('leaves no horizontal scroll at %i px in %s', async (width, size) => {
    await withContext({ viewport: { width, height: 700 } }, async (context) => {
      const tab = await open(context, articlePath(0));
      await sizeButton(tab, size).click();
      for (let i = 0; i < articles.length; i++) {
        const other = await open(context, articlePath(i));
        expect(await other.evaluate(() => document.documentElement.dataset.fontSize)).toBe(size);
        expect(await overflow(other), articlePath(i)).toBeLessThanOrEqual(0);
        // The text column stays inside the window.
        const right = await other
          .locator('article')
          .evaluate((el) => el.getBoundingClientRect().right);
        expect(right).toBeLessThanOrEqual(width);
        await other.close();
      }
    });
  });

  it('is absent without JavaScript, and the article reads at the standard size', async () => {
    const standard = await withContext({}, async (context) =>
      bodyFontSize(await open(context, articlePath(0))),
    );
    await withContext({ javaScriptEnabled: false }, async (context) => {
      const tab = await open(context, articlePath(0));
      expect(await tab.locator('[data-reading-tools]').isVisible()).toBe(false);
      expect(await bodyFontSize(tab)).toBeCloseTo(standard, 1);
      expect(await tab.locator('article .body p').first().isVisible()).toBe(true);
    });
    // In the HTML the controls start hidden; the script reveals them.
    expect(builtPage(`/${articlePath(0)}`)('[data-reading-tools]').attr('hidden')).toBeDefined();
  });

  it('stays small: the reading-aids bundle is under 1 kB gzip', () => {
    const $ = builtPage(`/${articlePath(0)}`);
    const bundles = $('script[src]')
      .map((_, el) => readFileSync(join(DIST, $(el).attr('src')!), 'utf8'))
      .get();
    const aids = bundles.filter((code) => code.includes('data-reading-tools'));
    expect(aids).toHaveLength(1);
    expect(gzipSync(aids[0]!).length).toBeLessThan(1024);
  });
});

describe('printing', () => {
  it('has a 打印 button that opens the print dialog', async () => {
    await withContext({}, async (context) => {
      await context.addInitScript(() => {
        (window as unknown as { printed: number }).printed = 0;
        window.print = () => void (window as unknown as { printed: number }).printed++;
      });
      const tab = await open(context, articlePath(0));
      await tab.getByRole('button', { name: '打印' }).click();
      expect(await tab.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    });
  });

  it('prints the article with its URL and source, without navigation or controls', async () => {
    await withContext({}, async (context) => {
      const tab = await open(context, articlePath(0));
      await tab.emulateMedia({ media: 'print' });
      for (const selector of [
        'header.site-header',
        'footer.site-footer',
        '.breadcrumbs',
        '.neighbours',
        '.related',
        '[data-reading-tools]',
      ]) {
        if (await tab.locator(selector).count())
          expect(await tab.locator(selector).isVisible(), selector).toBe(false);
      }
      const canonical = await tab.locator('link[rel="canonical"]').getAttribute('href');
      expect(await tab.locator('article .print-url').isVisible()).toBe(true);
      expect(await tab.locator('article .print-url').textContent()).toBe(`本文网址：${canonical}`);
      expect(await tab.locator('article .source').textContent()).toBe(
        `来源：${articles[0]!.data.source}`,
      );
      // On screen the URL line is not shown (the address bar has it).
      await tab.emulateMedia({ media: 'screen' });
      expect(await tab.locator('article .print-url').isVisible()).toBe(false);
    });
  });

  it('prints at the standard size whatever the screen size', async () => {
    await withContext({}, async (context) => {
      const tab = await open(context, articlePath(0));
      await tab.emulateMedia({ media: 'print' });
      const standard = await bodyFontSize(tab);
      await tab.emulateMedia({ media: 'screen' });
      await sizeButton(tab, 'xlarge').click();
      await tab.emulateMedia({ media: 'print' });
      expect(await bodyFontSize(tab)).toBeCloseTo(standard, 1);
    });
  });
});
