/**
 * Reading polish, checked in Chromium on the real archive: quotation marks from the CJK face,
 * every text of an article at the chosen size in one measure, no justify gaps on narrow
 * screens, a compact header with one search box on the search page, related reports without
 * the neighbours, the printed page, and the about page.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SITE_TITLE } from '../../src/consts.ts';
import { formatDate } from '../../src/utils/dates.ts';
import { FONT_SIZE_KEY, FONT_SIZES } from '../../src/utils/reading.ts';
import { readArticles } from '../helpers/content.ts';
import { allPages, page } from '../helpers/dist.ts';
import { DIST } from '../helpers/paths.ts';
import { pdfText } from '../helpers/pdf.ts';
import { servedInChromium } from '../helpers/chromium-site.ts';

type Size = (typeof FONT_SIZES)[number]['key'];
const articles = readArticles();
const articlePath = (id: string) => `articles/${id}/`;
const site = servedInChromium();

/** A context whose reader chose `size` on an earlier visit; closed after `run`. */
async function withSize<T>(
  size: Size,
  width: number,
  run: (context: BrowserContext) => Promise<T>,
  height = 800,
): Promise<T> {
  const context = await site.browser.newContext({ viewport: { width, height } });
  await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [
    FONT_SIZE_KEY,
    size,
  ] as const);
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

describe('quotation marks', () => {
  /** Wraps the first of each quotation mark, and the first Han character, of the body in probes. */
  const probe = (tab: Page) =>
    tab.evaluate(() => {
      const body = document.querySelector('article .body')!;
      const wrap = (test: (text: string) => number, attribute: string): string | undefined => {
        const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = test((node as Text).data);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + 1);
          const span = document.createElement('span');
          span.setAttribute(attribute, '');
          range.surroundContents(span);
          return span.textContent!;
        }
        return undefined;
      };
      const han = wrap((text) => text.search(/\p{Script=Han}/u), 'data-probe-han');
      const quotes = ['“', '”', '‘', '’'].filter((mark) =>
        wrap((text) => text.indexOf(mark), `data-probe-${mark.codePointAt(0)}`),
      );
      // Lay the probes out before the fonts are asked for.
      void document.body.offsetHeight;
      return { han, quotes };
    });

  it.each(['screen', 'print'] as const)(
    'in body text are drawn by the face of the Chinese text around them (%s)',
    async (media) => {
      const tab = await site.browser.newPage();
      const cdp = await tab.context().newCDPSession(tab);
      let checked = 0;
      for (const article of articles) {
        await tab.goto(new URL(articlePath(article.id), site.server.url).href);
        await tab.emulateMedia({ media });
        const { han, quotes } = await probe(tab);
        expect(han, article.id).toBeDefined();
        await cdp.send('DOM.enable');
        await cdp.send('CSS.enable');
        const { root } = await cdp.send('DOM.getDocument', {});
        const faces = async (selector: string) => {
          const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
          const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
          return fonts.map((font) => font.familyName);
        };
        const chinese = await faces('[data-probe-han]');
        expect(chinese).toHaveLength(1);
        for (const mark of quotes) {
          expect(
            await faces(`[data-probe-${mark.codePointAt(0)}]`),
            `${article.id} ${mark}`,
          ).toEqual(chinese);
          checked++;
        }
      }
      // The reports quote (“十四五”): the check ran on real marks.
      expect(checked).toBeGreaterThan(1);
      await tab.close();
    },
  );
});

/** Font size of every visible element of main with text of its own, by position in the page. */
const textSizes = (tab: Page) =>
  tab.evaluate(() =>
    [...document.querySelectorAll('main *')].flatMap((el, index) => {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim());
      if (!own || !el.getClientRects().length) return [];
      const label = `${el.tagName.toLowerCase()}.${el.className} “${el.textContent!.trim().slice(0, 10)}”`;
      return [{ index, label, size: parseFloat(getComputedStyle(el).fontSize) }];
    }),
  );

const width = (tab: Page, selector: string) =>
  tab.locator(selector).evaluate((el) => el.getBoundingClientRect().width);

describe('font sizes on the article page', () => {
  it('特大 scales every text of the page alike, as much as the body', async () => {
    for (const article of articles) {
      const path = articlePath(article.id);
      const standard = await withSize('standard', 1280, async (c) =>
        textSizes(await open(c, path)),
      );
      const xlarge = await withSize('xlarge', 1280, async (c) => textSizes(await open(c, path)));
      expect(xlarge.map((t) => t.index)).toEqual(standard.map((t) => t.index));
      const body = standard.findIndex((t) => t.label.startsWith('p. '));
      const scale = xlarge[body]!.size / standard[body]!.size;
      expect(scale).toBeGreaterThan(1.3);
      for (const [i, text] of standard.entries())
        expect(xlarge[i]!.size / text.size, `${path} ${text.label}`).toBeCloseTo(scale, 2);
      // The controls, the topics, the neighbours and the related list are among them.
      const main = page(`/${path}`)('main').text();
      for (const word of ['特大', '主题：', '来源：', '上一篇', '下一篇', '相关报道'])
        if (main.includes(word))
          expect(
            standard.some((t) => t.label.includes(word)),
            `${path} ${word}`,
          ).toBe(true);
    }
  });

  it.each(FONT_SIZES.map((size) => size.key))(
    'keeps one column of about 35 characters for every block at 1280 px (%s)',
    async (size) => {
      let blocks = 0;
      await withSize(size, 1280, async (context) => {
        for (const article of articles) {
          const tab = await open(context, articlePath(article.id));
          const column = await width(tab, 'article');
          const character = await tab
            .locator('article .body p')
            .first()
            .evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
          const perLine = Math.floor((await width(tab, 'article .body')) / character);
          expect(perLine, article.id).toBeGreaterThanOrEqual(34);
          expect(perLine, article.id).toBeLessThanOrEqual(36);
          for (const selector of ['.breadcrumbs', '.neighbours', '.related']) {
            if (!(await tab.locator(selector).count())) continue;
            expect(await width(tab, selector), `${article.id} ${selector}`).toBeCloseTo(column, 0);
            blocks++;
          }
          await tab.close();
        }
      });
      expect(blocks).toBeGreaterThan(articles.length);
    },
  );

  /** The widest step from one Han character to the next on a line, in ems of the paragraph. */
  const widestStep = (tab: Page) =>
    tab.evaluate(() => {
      let widest = 0;
      for (const p of document.querySelectorAll('article .body p')) {
        const em = parseFloat(getComputedStyle(p).fontSize);
        const boxes: { char: string; left: number; top: number }[] = [];
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = (node as Text).data;
          for (let i = 0; i < text.length; i++) {
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const rect = range.getClientRects()[0];
            if (rect) boxes.push({ char: text[i]!, left: rect.left, top: rect.top });
          }
        }
        for (let i = 1; i < boxes.length; i++) {
          const [a, b] = [boxes[i - 1]!, boxes[i]!];
          const han = /\p{Script=Han}/u;
          if (Math.abs(a.top - b.top) > 1 || !han.test(a.char) || !han.test(b.char)) continue;
          widest = Math.max(widest, (b.left - a.left) / em);
        }
      }
      return widest;
    });

  it.each([
    [375, 'xlarge'],
    [375, 'large'],
    [375, 'standard'],
    [320, 'standard'],
    [320, 'xlarge'],
    [640, 'standard'],
    [768, 'xlarge'],
    [1280, 'xlarge'],
    [1280, 'standard'],
  ] as const)('opens no gaps between characters at %i px in %s', async (viewport, size) => {
    await withSize(size, viewport, async (context) => {
      for (const article of articles) {
        const tab = await open(context, articlePath(article.id));
        // A justified line spreads its slack over its gaps: on a wide column a tenth of a
        // character each, unseen; on a narrow one a quarter or more, a visible gap.
        expect(await widestStep(tab), article.id).toBeLessThan(1.15);
        await tab.close();
      }
    });
  });
});

describe('line endings', () => {
  /** Texts whose last line holds a single letter or digit (punctuation aside), with that line. */
  const loneEndings = (tab: Page, selector: string) =>
    tab.locator(selector).evaluateAll((elements) =>
      elements.flatMap((el) => {
        const lines = new Map<number, string>();
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = (node as Text).data;
          for (let i = 0; i < text.length; i++) {
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const rect = range.getClientRects()[0];
            if (!rect || !rect.width) continue;
            const top = Math.round(rect.top);
            lines.set(top, (lines.get(top) ?? '') + text[i]);
          }
        }
        const ordered = [...lines].sort((a, b) => a[0] - b[0]).map(([, line]) => line);
        const last = ordered.at(-1) ?? '';
        return ordered.length > 1 && last.replace(/[^\p{L}\p{N}]/gu, '').length < 2 ? [last] : [];
      }),
    );

  it.each([320, 375, 768, 1280])(
    'leave no character alone on the last line of a title, a caption or a short text at %i px',
    async (viewport) => {
      const context = await site.browser.newContext({ viewport: { width: viewport, height: 800 } });
      const pages: [string, string][] = [
        ...articles.map((a): [string, string] => [articlePath(a.id), 'h1, .neighbours .title']),
        ['', 'h1, .province-map .note, .article-list .title'],
        ['provinces/', '.province-map .note, main > p'],
        ['no-such-page/', 'main p'],
        ['about/', 'main p'],
      ];
      for (const [path, selector] of pages) {
        const tab = await open(context, path);
        expect(await loneEndings(tab, selector), `${path} ${selector}`).toEqual([]);
        await tab.close();
      }
      await context.close();
    },
  );
});

describe('province cards', () => {
  it.each([320, 768])('of one row are equally tall at %i px', async (viewport) => {
    const context = await site.browser.newContext({ viewport: { width: viewport, height: 800 } });
    const tab = await open(context, 'provinces/');
    const cards = await tab.locator('a[data-province]').evaluateAll((links) =>
      links.map((a) => {
        const { top, height } = a.getBoundingClientRect();
        return { top: Math.round(top), height: Math.round(height) };
      }),
    );
    const rows = Map.groupBy(cards, (card) => card.top);
    // Some names wrap (新疆维吾尔自治区), so rows share cards of different content.
    expect(new Set(cards.map((card) => card.height)).size).toBeGreaterThan(1);
    for (const [top, row] of rows)
      expect(new Set(row.map((card) => card.height)).size, `row at ${top}`).toBe(1);
    await context.close();
  });
});

describe('related reports', () => {
  it('leave out the reports already linked as 上一篇 and 下一篇', () => {
    let neighboursSeen = 0;
    for (const article of articles) {
      const $ = page(`/${articlePath(article.id)}`);
      const neighbours = $('.neighbours a')
        .map((_, a) => $(a).attr('href'))
        .get();
      const related = $('.related li a')
        .map((_, a) => $(a).attr('href'))
        .get();
      neighboursSeen += neighbours.length;
      for (const href of neighbours) expect(related, article.id).not.toContain(href);
      expect(related, article.id).not.toContain(`/${articlePath(article.id)}`);
    }
    expect(neighboursSeen).toBeGreaterThan(0);
  });
});

describe('the header', () => {
  // One page of each type.
  const article = articles[0]!;
  const PAGES = [
    '',
    articlePath(article.id),
    `provinces/${article.data.province}/`,
    'provinces/',
    'topics/',
    'archive/',
    'about/',
    'search/',
  ];
  const box = (tab: Page, selector: string) =>
    tab
      .locator(selector)
      .first()
      .evaluate((el) => {
        const { top, bottom } = el.getBoundingClientRect();
        return { top, bottom, visible: el.getClientRects().length > 0 };
      });

  it.each([320, 375])(
    'is two short rows at %i px: the name with a link to search, then the sections',
    async (viewport) => {
      const context = await site.browser.newContext({ viewport: { width: viewport, height: 800 } });
      for (const path of PAGES) {
        const tab = await open(context, path);
        const brand = await box(tab, '.site-header .brand');
        const search = await box(tab, '.site-header a[href="/search/"]');
        const nav = await box(tab, '.site-header nav');
        expect(search.visible, path).toBe(true);
        // Same row: each starts above where the other ends.
        expect(search.top, path).toBeLessThan(brand.bottom);
        expect(brand.top, path).toBeLessThan(search.bottom);
        expect(nav.top, path).toBeGreaterThanOrEqual(Math.min(brand.bottom, search.bottom) - 8);
        expect(await tab.locator('.site-header form').isVisible(), path).toBe(false);
        await tab.close();
      }
      await context.close();
    },
  );

  it('has a search box on wide screens, but not on the search page, which has its own', async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 800 } });
    for (const path of PAGES) {
      const tab = await open(context, path);
      const own = path === 'search/';
      expect(await tab.locator('.site-header form[role="search"]').isVisible(), path).toBe(!own);
      expect(await tab.locator('.site-header a[href="/search/"]').isVisible(), path).toBe(own);
      expect(await tab.locator('input[type="search"]:visible').count(), path).toBe(1);
      await tab.close();
    }
    await context.close();
  });

  it('leads to search from every page without JavaScript', () => {
    for (const path of allPages()) {
      const $ = page(path);
      const form = $('header.site-header form[role="search"]');
      const link = $('header.site-header a[href="/search/"]');
      expect(link.length, path).toBe(1);
      if (path === '/search/') {
        expect(form.length, path).toBe(0);
        expect(link.attr('aria-current'), path).toBe('page');
      } else expect(form.attr('action'), path).toBe('/search/');
    }
  });

  it('shows the first search result in the top 60% of a 375 × 800 phone screen', async () => {
    const context = await site.browser.newContext({ viewport: { width: 375, height: 800 } });
    const tab = await open(context, `search/?q=${encodeURIComponent('民政厅')}`);
    const first = tab.locator('#search-results > li').first();
    await first.waitFor();
    const { top } = await box(tab, '#search-results > li');
    expect(top).toBeLessThanOrEqual(800 * 0.6);
    // One search box on the first screen.
    const boxes = await tab.locator('input[type="search"]').evaluateAll((inputs) =>
      inputs.filter((input) => {
        const rect = input.getBoundingClientRect();
        return input.getClientRects().length > 0 && rect.top < innerHeight;
      }),
    );
    expect(boxes).toHaveLength(1);
    await context.close();
  });
});

describe('the breadcrumb of an article', () => {
  it('leads to the province, and leaves the title to the heading right below', () => {
    for (const article of articles) {
      const $ = page(`/${articlePath(article.id)}`);
      const items = $('.breadcrumbs li');
      expect($('.breadcrumbs').text(), article.id).not.toContain(article.data.title);
      expect(items.last().find('a').attr('href'), article.id).toBe(
        `/provinces/${article.data.province}/`,
      );
      expect($('.breadcrumbs [aria-current]').length, article.id).toBe(0);
    }
  });
});

describe('the printed article', () => {
  /** The @page rule's margins, in points. */
  const pageMargins = (tab: Page) =>
    tab.evaluate(() => {
      const rule = [...document.styleSheets]
        .flatMap((sheet) => [...sheet.cssRules])
        .find((r): r is CSSPageRule => r instanceof CSSPageRule)!;
      const points = (value: string) => {
        const [, n, unit] = /^([\d.]+)(mm|pt|px|cm|in)$/.exec(value)!;
        const perUnit = { mm: 72 / 25.4, cm: 72 / 2.54, in: 72, pt: 1, px: 0.75 };
        return Number(n) * perUnit[unit as keyof typeof perUnit];
      };
      return {
        size: rule.style.getPropertyValue('size'),
        left: points(rule.style.marginLeft),
        right: points(rule.style.marginRight),
      };
    });
  /** The value most lines share: the edge that every full line of a justified column reaches. */
  const mostCommon = (values: number[]) => {
    const counts = new Map<number, number>();
    for (const v of values.map((x) => Math.round(x * 2) / 2))
      counts.set(v, (counts.get(v) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  };

  it('fills the printable width of A4 between even margins', async () => {
    const tab = await site.browser.newPage();
    for (const article of articles) {
      await tab.goto(new URL(articlePath(article.id), site.server.url).href);
      const margins = await pageMargins(tab);
      expect(margins.size).toMatch(/A4/i);
      // Body lines: the size the body prints at.
      await tab.emulateMedia({ media: 'print' });
      const bodyPoints = await tab
        .locator('article .body p')
        .first()
        .evaluate((p) => parseFloat(getComputedStyle(p).fontSize) * 0.75);
      const { width, lines } = pdfText(await tab.pdf({ format: 'A4', preferCSSPageSize: true }));
      const body = lines.filter((line) => Math.abs(line.size - bodyPoints) < 0.1);
      expect(body.length, article.id).toBeGreaterThan(10);
      // A CJK glyph advances one em, so a full line ends one em after its last glyph starts.
      const left = mostCommon(body.map((line) => line.left));
      const right = mostCommon(body.map((line) => line.lastGlyph + line.size));
      const printable = width - margins.left - margins.right;
      expect(right - left, article.id).toBeGreaterThan(printable - bodyPoints / 2);
      expect(right - left, article.id).toBeLessThanOrEqual(printable + 1);
      expect(left, article.id).toBeCloseTo(margins.left, -0.5);
      expect(width - right, article.id).toBeCloseTo(margins.right, -0.5);
      for (const line of lines) expect(line.lastGlyph, article.id).toBeLessThan(width - 1);
    }
    await tab.close();
  });

  it('names the site, the date and the source at the top, and the URL at the end', async () => {
    const tab = await site.browser.newPage();
    for (const article of articles) {
      await tab.goto(new URL(articlePath(article.id), site.server.url).href);
      await tab.emulateMedia({ media: 'print' });
      const header = tab.locator('article .print-header');
      expect(await header.isVisible()).toBe(true);
      const text = await header.textContent();
      for (const part of [SITE_TITLE, formatDate(article.data.date), article.data.source])
        expect(text, article.id).toContain(part);
      const order = await tab.evaluate(() => {
        const top = (selector: string) =>
          document.querySelector(selector)!.getBoundingClientRect().top;
        return [top('.print-header'), top('article h1'), top('article .body'), top('.print-url')];
      });
      expect(order).toEqual([...order].sort((a, b) => a - b));
      // Nothing of the article prints after the URL.
      const last = await tab.evaluate(() => {
        const shown = [...document.querySelectorAll('article *')].filter(
          (el) => el.getClientRects().length > 0,
        );
        return Math.max(...shown.map((el) => el.getBoundingClientRect().bottom));
      });
      expect(
        await tab.locator('.print-url').evaluate((el) => el.getBoundingClientRect().bottom),
      ).toBe(last);
      await tab.emulateMedia({ media: 'screen' });
      expect(await header.isVisible()).toBe(false);
    }
    await tab.close();
  });
});

describe('the about page', () => {
  it('says what is collected, where it comes from, how it is updated and kept faithful, how to report an error and the terms of reuse', () => {
    const $ = page('/about/');
    expect($('h1').text()).toBe('关于本站');
    const sections = new Map(
      $('main h2')
        .map((_, h2) => [[$(h2).text(), $(h2).nextUntil('h2').text()]])
        .get() as unknown as [string, string][],
    );
    const section = (heading: RegExp) =>
      [...sections].find(([title]) => heading.test(title))?.[1] ?? '';
    expect(section(/收录/)).toMatch(/不收录/);
    expect(section(/从哪里来/)).toContain('来源');
    expect(section(/更新/)).toContain(`${articles.length} 篇`);
    expect(section(/更新/)).toContain(formatDate(articles[0]!.data.date));
    expect(section(/原文/)).toMatch(/错别字.*原样保留/);
    expect(section(/错误/)).toMatch(/网址/);
    expect(section(/使用|转载/)).toMatch(/著作权/);
    // The data downloads the build writes, linked where the terms of their reuse are.
    for (const file of ['articles.json', 'corpus.jsonl']) {
      const link = $(`main a[href="/data/${file}"]`);
      expect(link.length, file).toBe(1);
      expect(link.closest('p').prevAll('h2').first().text()).toMatch(/使用|转载/);
      expect(existsSync(join(DIST, 'data', file)), file).toBe(true);
    }
  });

  it('is linked from the footer of every page', () => {
    for (const path of allPages())
      expect(page(path)('footer a[href="/about/"]').length, path).toBe(1);
  });

  it.each(['light', 'dark'] as const)('passes axe in %s mode', async (colorScheme) => {
    const context = await site.browser.newContext({ colorScheme });
    const tab = await context.newPage();
    const response = await tab.goto(new URL('about/', site.server.url).href);
    expect(response?.ok()).toBe(true);
    const { violations } = await new AxeBuilder({ page: tab })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual(
      [],
    );
    await context.close();
  });
});
