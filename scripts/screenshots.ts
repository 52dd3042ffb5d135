/**
 * A gallery of the built site for looking at it after a change: every page type at 320, 375,
 * 768 and 1280 px in light and dark, the article at 特大, and printed pages (A4 PDFs, with a PNG
 * of each first page as Chromium's PDF viewer draws it). Reads dist/, writes PNGs and PDFs
 * into screenshots/ (ignored by git), full-page.
 *
 *   npm run build && npm run screenshots
 *   npm run screenshots -- --out /tmp/shots --only article,search
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { load } from 'cheerio';
import type { Browser, BrowserContext } from 'playwright-core';
import { FONT_SIZE_KEY } from '../src/utils/reading.ts';
import { launchBrowser } from './lib/browser.ts';
import { serveStatic } from './lib/static-server.ts';

const WIDTHS = [320, 375, 768, 1280] as const;
const SCHEMES = ['light', 'dark'] as const;
/** Page types printed to PDF. */
const PRINTED = ['article', 'home', 'provinces'];

interface Shot {
  /** File name stem and --only key. */
  name: string;
  /** Site path, no leading slash. */
  path: string;
  /** What to wait for before the picture (search results render from script). */
  ready?: string;
}

/** The article with both neighbours if there is one (its page shows every part), else the first. */
function sampleArticle(dist: string): string {
  const ids = readdirSync(join(dist, 'articles')).sort();
  const full = ids.find((id) => {
    const $ = load(readFileSync(join(dist, 'articles', id, 'index.html'), 'utf8'));
    return $('a[rel="prev"]').length > 0 && $('a[rel="next"]').length > 0;
  });
  return full ?? ids[0]!;
}

/** One page of each type, found in the build. */
function shots(dist: string): Shot[] {
  const id = sampleArticle(dist);
  const $ = load(readFileSync(join(dist, 'articles', id, 'index.html'), 'utf8'));
  const province = $('article').attr('data-province')!;
  const year = $('article').attr('data-date')!.slice(0, 4);
  const topic = $('.topics a').first().attr('href') ?? '/topics/';
  return [
    { name: 'home', path: '' },
    { name: 'article', path: `articles/${id}/` },
    { name: 'provinces', path: 'provinces/' },
    { name: 'province', path: `provinces/${province}/` },
    { name: 'topics', path: 'topics/' },
    { name: 'topic', path: topic.replace(/^\//, '') },
    { name: 'archive', path: 'archive/' },
    { name: 'year', path: `archive/${year}/` },
    {
      name: 'search',
      path: `search/?q=${encodeURIComponent('民政厅')}`,
      ready: '#search-results li',
    },
    { name: 'about', path: 'about/' },
    { name: '404', path: 'no-such-page/' },
  ];
}

async function capture(context: BrowserContext, base: string, shot: Shot, file: string) {
  const tab = await context.newPage();
  await tab.goto(new URL(shot.path, base).href);
  if (shot.ready) await tab.locator(shot.ready).first().waitFor();
  await tab.screenshot({ path: file, fullPage: true });
  await tab.close();
}

/** Each shot at each width in both schemes, then the article at 特大 at each width. */
async function screens(browser: Browser, base: string, list: Shot[], out: string) {
  for (const width of WIDTHS) {
    for (const colorScheme of SCHEMES) {
      const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme });
      for (const shot of list)
        await capture(context, base, shot, join(out, `${shot.name}-${width}-${colorScheme}.png`));
      await context.close();
    }
    const article = list.find((shot) => shot.name === 'article');
    if (!article) continue;
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    await context.addInitScript(([key]) => localStorage.setItem(key!, 'xlarge'), [FONT_SIZE_KEY]);
    await capture(context, base, article, join(out, `article-xlarge-${width}-light.png`));
    await context.close();
  }
}

/** A4 PDFs of the printed page types, and a PNG of each PDF's first page from Chromium's viewer. */
async function prints(browser: Browser, base: string, list: Shot[], out: string) {
  const context = await browser.newContext({ viewport: { width: 794, height: 1123 } });
  for (const shot of list.filter((s) => PRINTED.includes(s.name))) {
    const tab = await context.newPage();
    await tab.goto(new URL(shot.path, base).href);
    const pdf = join(out, `print-${shot.name}.pdf`);
    writeFileSync(pdf, await tab.pdf({ format: 'A4', preferCSSPageSize: true }));
    await tab.goto(`file://${pdf}#toolbar=0&navpanes=0&view=Fit`);
    // The viewer draws in an extension frame the page cannot observe: give it a moment.
    await tab.waitForTimeout(1500);
    await tab.screenshot({ path: join(out, `print-${shot.name}.png`) });
    await tab.close();
  }
  await context.close();
}

async function main() {
  const { values } = parseArgs({
    options: {
      dist: { type: 'string', default: 'dist' },
      out: { type: 'string', default: 'screenshots' },
      only: { type: 'string' },
    },
  });
  const dist = resolve(values.dist);
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(`No built site in ${dist}: run npm run build first.`);
    process.exit(1);
  }
  const out = resolve(values.out);
  mkdirSync(out, { recursive: true });
  // A fresh gallery: pictures of pages that no longer exist would mislead.
  for (const file of readdirSync(out)) if (/\.(png|pdf)$/.test(file)) rmSync(join(out, file));
  const only = values.only?.split(',');
  const list = shots(dist).filter((shot) => !only || only.includes(shot.name));
  const [browser, server] = await Promise.all([launchBrowser(), serveStatic(dist, '/')]);
  try {
    await screens(browser, server.url, list, out);
    await prints(browser, server.url, list, out);
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`${readdirSync(out).length} files in ${out}`);
}

await main();
