/** 引用本文 on every article page: GB/T 7714 and BibTeX, the reader's date, copying, head metadata. */
import { describe, expect, it } from 'vitest';
import { readArticles } from '../helpers/content.ts';
import { servedInChromium } from '../helpers/chromium-site.ts';
import { page as built } from '../helpers/dist.ts';

const site = servedInChromium();
const articles = readArticles();
const LOCAL = 'http://localhost:4321';
const GBT = /^(.+)\. (.+)\[EB\/OL\]\. \((\d{4}-\d{2}-\d{2})\)\[(.+)\]\. (https?:\/\/\S+)\.$/;

describe('citing a report', () => {
  it('the built page names author, title, date and URL, with a placeholder for the cited date', () => {
    for (const { id, data } of articles) {
      const $ = built(`/articles/${id}/`);
      const match = GBT.exec($('#citation-gbt').text().trim());
      const url = `${LOCAL}/articles/${id}/`;
      expect(match?.slice(1), id).toEqual([data.source, data.title, data.date, '引用日期', url]);
      expect($('[data-bibtex]').text(), id).not.toContain('urldate');
      expect($('button[data-copy]').attr('hidden'), id).toBeDefined();
      const meta = (name: string) => $(`meta[name="${name}"]`).attr('content');
      expect(meta('citation_title'), id).toBe(data.title);
      expect(meta('citation_author'), id).toBe(data.source);
      expect(meta('citation_date'), id).toBe(data.date.replaceAll('-', '/'));
      expect(meta('citation_public_url'), id).toBe(url);
      expect(meta('citation_publisher'), id).toBeTruthy();
    }
  });

  it("fills in the reader's today and copies the reference", async () => {
    const context = await site.browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    await page.clock.setFixedTime(new Date('2026-11-30T10:00:00'));
    for (const { id, data } of articles) {
      await page.goto(new URL(`articles/${id}/`, site.server.url).href);
      const reference = page.locator('#citation-gbt');
      await expect.poll(() => reference.innerText()).toContain('[2026-11-30]');
      const match = GBT.exec((await reference.innerText()).trim());
      expect(match?.slice(1, 5), id).toEqual([data.source, data.title, data.date, '2026-11-30']);
      expect(await page.locator('[data-bibtex]').textContent(), id).toContain(
        'urldate = {2026-11-30}',
      );
      await page.getByRole('button', { name: '复制引文' }).click();
      await expect.poll(() => page.locator('.copy-status').innerText()).toBe('已复制到剪贴板');
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
        (await reference.innerText()).trim(),
      );
    }
    await context.close();
  });

  it('without JavaScript shows the placeholder and no dead buttons', async () => {
    const page = await site.browser.newPage({ javaScriptEnabled: false });
    await page.goto(new URL(`articles/${articles[0]!.id}/`, site.server.url).href);
    expect(await page.locator('#citation-gbt').innerText()).toContain('[引用日期]');
    expect(await page.getByRole('button', { name: '复制引文' }).count()).toBe(0);
    await page.close();
  });
});
