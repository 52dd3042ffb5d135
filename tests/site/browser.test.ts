import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { getProvince } from '../../src/data/provinces.ts';
import { readArticles } from '../helpers/content.ts';
import { servedInChromium } from '../helpers/chromium-site.ts';

const articles = readArticles();
const site = servedInChromium();

async function open(path: string, options: Parameters<Browser['newPage']>[0] = {}): Promise<Page> {
  const page = await site.browser.newPage(options);
  const response = await page.goto(new URL(path.replace(/^\//, ''), site.server.url).href);
  expect(response?.ok() || path.includes('404'), path).toBe(true);
  return page;
}

describe('reading in Chromium', () => {
  it('goes home → province → article → next report', async () => {
    // An article with a later neighbour, reached through its province.
    const index = articles.findIndex((_, i) => i > 0);
    const article = articles[index]!;
    const later = articles[index - 1]!;
    const province = getProvince(article.data.province);

    const page = await open('/');
    await page.getByRole('link', { name: '按省份浏览' }).first().click();
    await page.locator(`a[data-province="${province.slug}"]`).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(province.name);
    await page.getByRole('link', { name: article.data.title }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(article.data.title);
    await page.locator('a[rel="next"]').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(later.data.title);
    expect(new URL(page.url()).pathname).toBe(`/articles/${later.id}/`);
    await page.close();
  });

  const paths = [
    '/',
    `/articles/${articles[0]!.id}/`,
    '/provinces/',
    `/provinces/${articles[0]!.data.province}/`,
    '/archive/',
    `/archive/${articles[0]!.data.date.slice(0, 4)}/`,
    '/search/',
    '/404.html',
  ];

  it.each(paths)('fits 320 px without horizontal scrolling: %s', async (path) => {
    const page = await open(path, { viewport: { width: 320, height: 640 } });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });

  it('sets article text at 30-40 characters a line with a line height near 1.8', async () => {
    const page = await open(`/articles/${articles[0]!.id}/`, {
      viewport: { width: 1280, height: 900 },
    });
    const { width, fontSize, lineHeight } = await page
      .locator('article .body p')
      .first()
      .evaluate((p) => {
        const style = getComputedStyle(p);
        return {
          width: p.getBoundingClientRect().width,
          fontSize: parseFloat(style.fontSize),
          lineHeight: parseFloat(style.lineHeight),
        };
      });
    expect(width / fontSize).toBeGreaterThanOrEqual(30);
    expect(width / fontSize).toBeLessThanOrEqual(40);
    expect(lineHeight / fontSize).toBeGreaterThanOrEqual(1.7);
    expect(lineHeight / fontSize).toBeLessThanOrEqual(1.9);
    await page.close();
  });

  it('offers a skip link as the first Tab stop, moving focus to the content', async () => {
    const page = await open(`/articles/${articles[0]!.id}/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到正文');
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement!).outlineStyle,
    );
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.close();
  });

  it('follows the system dark mode', async () => {
    const brightness = async (colorScheme: 'light' | 'dark') => {
      const page = await open('/', { colorScheme });
      const rgb = await page.evaluate(() =>
        getComputedStyle(document.body).backgroundColor.match(/\d+/g)!.map(Number),
      );
      await page.close();
      return rgb.slice(0, 3).reduce((sum, channel) => sum + channel, 0) / 3;
    };
    expect(await brightness('light')).toBeGreaterThan(200);
    expect(await brightness('dark')).toBeLessThan(60);
  });

  it('prints an article without navigation', async () => {
    const page = await open(`/articles/${articles[0]!.id}/`);
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['header.site-header', 'footer.site-footer', '.breadcrumbs']) {
      expect(await page.locator(selector).isVisible(), selector).toBe(false);
    }
    expect(await page.locator('article h1').isVisible()).toBe(true);
    expect(await page.locator('article .source').isVisible()).toBe(true);
    await page.close();
  });

  it('submits the header search box to the search page', async () => {
    const page = await open('/');
    await page.getByRole('searchbox', { name: '检索报道' }).fill('民政厅');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\/\?q=/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('民政厅');
    await page.close();
  });
});
