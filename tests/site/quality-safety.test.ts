/**
 * Quality gate: safe content. A report carrying script, frame, event-handler and script-URL
 * markup comes out as text on its page, in the feeds and in search excerpts (in Chromium,
 * without the CSP's help);
 * and the site works under the Content-Security-Policy of public/_headers, search included,
 * without a single violation.
 */
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../scripts/lib/browser.ts';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';
import { buildInto } from '../helpers/astro.ts';
import { allPages, page as builtPage } from '../helpers/dist.ts';
import { articleData, articleSource, validArticle, writeArchive } from '../helpers/fixtures.ts';
import { cspDirectives, siteHeaders } from '../helpers/headers.ts';
import { DIST } from '../helpers/paths.ts';

const HEADERS = siteHeaders();
const CSP = HEADERS['Content-Security-Policy'] ?? '';

/** Each kind of markup that must never become code, as an editor might paste it into a report. */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<iframe src="https://evil.example/"></iframe>',
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '<a href="javascript:alert(1)">坏链接</a>',
];
const HOSTILE_ID = '2024-03-15-jiangsu';
const HOSTILE_BODY = [
  `会议指出<img src=x onerror=alert(1)>，要做好老年助餐工作。${PAYLOADS[0]}`,
  PAYLOADS[0],
  PAYLOADS[1],
  `段落中的图片${PAYLOADS[2]}和链接${PAYLOADS[3]}与${PAYLOADS[4]}。`,
  '[引用式链接][bad] <javascript:alert(1)> ![图](javascript:alert(1)) <b onmouseover="alert(1)">加粗</b>',
  '[bad]: javascript:alert(1)',
].join('\n\n');

/** Where a page, feed item or excerpt would run code: one line per finding, naming the rule. */
function liveCode($: CheerioAPI, where: string, { page = false } = {}): string[] {
  const found: string[] = [];
  $('script').each((_, el) => {
    const script = $(el);
    const type = script.attr('type');
    if (page && type === 'application/ld+json') return; // Data, not code.
    if (
      page &&
      type === 'module' &&
      /^\/_astro\/[\w.-]+\.js$/.test(script.attr('src') ?? '') &&
      !script.text().trim()
    )
      return;
    found.push(
      `${where}: rule no-script: <script${type ? ` type=${type}` : ''}> ${script.attr('src') ?? script.text().slice(0, 60)}`,
    );
  });
  $('iframe, frame, object, embed, applet, base').each((_, el) => {
    found.push(`${where}: rule no-embedding: <${(el as { tagName: string }).tagName}>`);
  });
  $('*').each((_, el) => {
    const { tagName, attribs } = el as unknown as {
      tagName: string;
      attribs: Record<string, string>;
    };
    for (const [name, value] of Object.entries(attribs)) {
      if (/^on/i.test(name))
        found.push(`${where}: rule no-event-handler: <${tagName} ${name}="${value}">`);
      // eslint-disable-next-line no-control-regex
      if (
        /^(href|src|action|formaction|xlink:href|poster|data)$/i.test(name) &&
        /^(javascript|vbscript|data):/i.test(value.replace(/[\u0000-\u0020]/g, ''))
      ) {
        found.push(`${where}: rule no-script-url: <${tagName} ${name}="${value}">`);
      }
    }
  });
  return found;
}

interface FeedItem {
  link: string;
  description: string;
  content: string;
}

/** A feed's items, their HTML fields as a feed reader gets them (XML-decoded). */
function feedItems(file: string): FeedItem[] {
  const $ = load(readFileSync(file, 'utf8'), { xml: true });
  return $('item')
    .map((_, el) => ({
      link: $(el).children('link').text(),
      description: $(el).children('description').text(),
      content: $(el).children('content\\:encoded').text(),
    }))
    .get();
}

describe('a report with hostile markup', () => {
  let outDir = '';
  let articlesDir = '';
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    articlesDir = writeArchive(
      Object.fromEntries([
        validArticle('zhejiang', '2024-03-14'),
        [
          `2024/${HOSTILE_ID}.md`,
          articleSource(
            { ...articleData('jiangsu', '2024-03-15', '江苏省民政厅召开会议'), topics: [] },
            HOSTILE_BODY,
          ),
        ],
      ]),
    );
    const build = await buildInto({ ARTICLES_DIR: articlesDir });
    expect(build.result.code, build.result.output).toBe(0);
    outDir = build.outDir;
    [browser, server] = await Promise.all([launchBrowser(), serveStatic(outDir)]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    for (const dir of [articlesDir, outDir && dirname(outDir)])
      if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is shown as text on its page, and no page of the build carries live code', () => {
    const pages = allPages(outDir);
    expect(pages).toContain(`/articles/${HOSTILE_ID}/`);
    expect(
      pages.flatMap((path) => liveCode(builtPage(path, outDir), path, { page: true })),
    ).toEqual([]);
    // Escaped, not dropped: the reader sees exactly what the source says.
    const text = builtPage(`/articles/${HOSTILE_ID}/`, outDir)('article .body').text();
    for (const payload of [PAYLOADS[0], PAYLOADS[1], PAYLOADS[2], PAYLOADS[4]])
      expect(text).toContain(payload);
    expect(text).toContain('和链接x与'); // The javascript: link kept its text, not its URL.
  });

  it('is text in the archive feed and the province feed', () => {
    for (const feed of ['rss.xml', 'provinces/jiangsu/rss.xml']) {
      const items = feedItems(join(outDir, feed));
      const hostile = items.find((item) => item.link.endsWith(`/articles/${HOSTILE_ID}/`));
      expect(hostile, `${feed} lists the report`).toBeDefined();
      const found = items.flatMap((item) => [
        // Feed readers render both fields as HTML.
        ...liveCode(load(item.description), `/${feed} <description> of ${item.link}`),
        ...liveCode(load(item.content), `/${feed} <content:encoded> of ${item.link}`),
      ]);
      expect(found).toEqual([]);
      expect(load(hostile!.content).root().text()).toContain(PAYLOADS[0]);
      expect(load(hostile!.description).root().text()).toContain(PAYLOADS[2]);
    }
  });

  // Served without the CSP header, and the pages' own <meta> policy bypassed: either would block
  // inline code anyway; this proves the pages themselves safe.
  it('runs nothing in Chromium, even without the CSP: the article, the search excerpt, the highlighted article', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const ran: string[] = [];
    try {
      const tab = await context.newPage();
      tab.on('dialog', (dialog) => {
        ran.push(
          `${new URL(tab.url()).pathname}: rule no-script-execution: ${dialog.type()}(${dialog.message()})`,
        );
        void dialog.dismiss();
      });
      tab.on('pageerror', (error) =>
        ran.push(`${new URL(tab.url()).pathname}: page error: ${error.message}`),
      );

      await tab.goto(`${server.url}articles/${HOSTILE_ID}/`);
      await tab.waitForLoadState('networkidle');
      expect(
        liveCode(load(await tab.content()), `/articles/${HOSTILE_ID}/ (live DOM)`, { page: true }),
      ).toEqual([]);
      expect(ran).toEqual([]);

      await tab.goto(`${server.url}search/?q=alert`);
      await expect
        .poll(() => tab.locator('#search-status').textContent(), {
          message: '/search/?q=alert: search status',
        })
        .toMatch(/共 \d+ 篇/);
      const result = tab
        .locator('#search-results li')
        .filter({ has: tab.locator(`a[href*="/articles/${HOSTILE_ID}/"]`) });
      expect(await result.count(), `/search/?q=alert finds /articles/${HOSTILE_ID}/`).toBe(1);
      expect(await result.locator('.result-excerpt').textContent()).toMatch(/alert\(1\)/);
      // The result holds text and <mark>s, nothing else.
      expect(
        await result.evaluate((li) =>
          [...li.querySelectorAll('*')]
            .map((el) => el.localName)
            .filter((n) => !['a', 'p', 'time', 'mark'].includes(n)),
        ),
      ).toEqual([]);
      expect(liveCode(load(await result.innerHTML()), 'search result (/search/?q=alert)')).toEqual(
        [],
      );

      await result.locator('a').first().click();
      await tab.waitForURL(new RegExp(`/articles/${HOSTILE_ID}/\\?highlight=`));
      await tab.locator('mark.search-highlight').first().waitFor();
      expect(
        liveCode(load(await tab.content()), `/articles/${HOSTILE_ID}/?highlight=alert (live DOM)`, {
          page: true,
        }),
      ).toEqual([]);
      await tab.waitForLoadState('networkidle');
      expect(ran).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the Content-Security-Policy', () => {
  const PAGES = [
    '',
    'provinces/',
    'provinces/zhejiang/',
    'archive/',
    'topics/',
    'articles/2024-03-14-zhejiang/',
    `articles/2024-03-14-zhejiang/?highlight=${encodeURIComponent('民政')}`,
    `search/?q=${encodeURIComponent('民政厅')}`,
    `search/?q=${encodeURIComponent('社会组织')}&province=jiangsu`,
    `search/?q=${encodeURIComponent('不存在的词语')}`,
    'no-such-page/',
  ];

  it('allows no inline script and no third-party origin', () => {
    const directives = cspDirectives(CSP);
    expect([...directives.keys()]).toEqual(
      expect.arrayContaining([
        'default-src',
        'script-src',
        'object-src',
        'base-uri',
        'frame-ancestors',
      ]),
    );
    // Scripts from this site only, WebAssembly allowed (search); no inline script, no eval.
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('default-src')).toEqual(["'none'"]);
    for (const [name, sources] of directives) {
      // No host, scheme or nonce sources: nothing from another origin.
      for (const source of sources)
        expect(source, `${name}: own origin only`).toMatch(
          /^'(self|none|wasm-unsafe-eval|unsafe-inline)'$/,
        );
      // Inline styles (Astro inlines its stylesheets) are the only inline content allowed.
      if (sources.includes("'unsafe-inline'")) expect(name).toBe('style-src');
    }
  });

  describe('in Chromium', () => {
    let browser: Browser;
    let server: StaticServer;

    beforeAll(async () => {
      [browser, server] = await Promise.all([
        launchBrowser(),
        serveStatic(DIST, '/', { headers: HEADERS }),
      ]);
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    /** A browser profile that records every violation into `violations`: in the page, or on its console (a Worker's land there). */
    async function watchedContext(violations: string[]): Promise<BrowserContext> {
      const context = await browser.newContext();
      const where = (page: Page) =>
        decodeURIComponent(new URL(page.url()).pathname + new URL(page.url()).search);
      await context.exposeBinding('__cspViolation', ({ page }, text: string) =>
        violations.push(`${where(page)}: ${text}`),
      );
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          (window as unknown as { __cspViolation(text: string): void }).__cspViolation(
            `rule ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}${event.sample ? ` (${event.sample})` : ''}`,
          );
        });
      });
      context.on('page', (page) => {
        page.on('console', (message) => {
          if (/Content.Security.Policy/i.test(message.text()))
            violations.push(`${where(page)}: console: ${message.text()}`);
        });
        page.on('pageerror', (error) =>
          violations.push(`${where(page)}: page error: ${error.message}`),
        );
      });
      return context;
    }

    it('is sent with every response and enforced (an inline script is blocked)', async () => {
      const violations: string[] = [];
      const context = await watchedContext(violations);
      try {
        const tab = await context.newPage();
        const response = await tab.goto(server.url);
        expect(response?.headers()['content-security-policy']).toBe(CSP);
        await tab.addScriptTag({ content: 'window.__inlineRan = true;' }).catch(() => undefined);
        expect(
          await tab.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan),
        ).toBeUndefined();
        // The listener works: the blocked script is reported.
        await expect
          .poll(() => violations.join('\n'))
          .toMatch(/rule script-src-elem blocked inline/);
      } finally {
        await context.close();
      }
    });

    it('lets every page, search and the highlighter work without a violation', async () => {
      const violations: string[] = [];
      const context = await watchedContext(violations);
      const broken: string[] = [];
      /** Waits for what scripts render; a page that never gets there is a finding, reported with the violations. */
      const expectRendered = async (
        tab: Page,
        where: string,
        what: string,
        ready: () => Promise<boolean>,
      ) => {
        for (let waited = 0; waited < 10_000; waited += 100) {
          if (await ready()) return;
          await tab.waitForTimeout(100);
        }
        broken.push(
          `${where}: rule works-under-csp: ${what} (status: ${await tab
            .locator('#search-status')
            .textContent()
            .catch(() => '')})`,
        );
      };
      for (const path of PAGES) {
        const tab = await context.newPage();
        await tab.goto(new URL(path, server.url).href);
        const status = () => tab.locator('#search-status').textContent();
        if (path.startsWith('search/')) {
          const none = path.includes(encodeURIComponent('不存在'));
          await expectRendered(
            tab,
            `/${path}`,
            none ? 'search reports no result' : 'search shows results',
            async () =>
              none
                ? /共 0 篇/.test((await status()) ?? '')
                : (await tab.locator('#search-results > li').count()) > 0,
          );
        }
        if (path.includes('highlight=')) {
          await expectRendered(
            tab,
            `/${path}`,
            'the highlighter marks the query',
            async () => (await tab.locator('mark.search-highlight').count()) > 0,
          );
        }
        await tab.waitForLoadState('networkidle');
        await tab.close();
      }
      // Search typed into the page, not only from the URL: the Worker and WebAssembly load here
      // too.
      const tab = await context.newPage();
      await tab.goto(`${server.url}search/`);
      await tab.fill('#search-query', '老年助餐');
      await tab.press('#search-query', 'Enter');
      await expectRendered(
        tab,
        '/search/ (typed query)',
        'search shows results',
        async () => (await tab.locator('#search-results > li').count()) > 0,
      );
      await tab.waitForLoadState('networkidle');
      await tab.close();
      await context.close();
      expect([...violations, ...broken]).toEqual([]);
    });
  });
});
