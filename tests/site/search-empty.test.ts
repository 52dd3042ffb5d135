/** An archive without reports still builds a search page that answers: no results, no error. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { INDEX_FILE_ATTRIBUTES } from '../../src/search/pagefind-index.ts';
import { buildInto } from '../helpers/astro.ts';
import { servedInChromium } from '../helpers/chromium-site.ts';
import { page as builtPage } from '../helpers/dist.ts';
import { writeArchive } from '../helpers/fixtures.ts';

let outDir = '';
beforeAll(async () => {
  const build = await buildInto({ ARTICLES_DIR: writeArchive({}) });
  expect(build.result.code, build.result.output).toBe(0);
  outDir = build.outDir;
});
const site = servedInChromium(() => outDir);

describe('search over an empty archive', () => {
  it('has no Pagefind index, and a search finds 0 reports without an error', async () => {
    const catalog = JSON.parse(readFileSync(join(outDir, 'search', 'catalog.json'), 'utf8')) as {
      ids: string;
    };
    expect(catalog.ids).toBe('');
    expect(existsSync(join(outDir, 'pagefind'))).toBe(false);
    const panel = builtPage('/search/', outDir)('.search-panel');
    for (const attribute of Object.values(INDEX_FILE_ATTRIBUTES))
      expect(panel.attr(attribute), attribute).toBeUndefined();
    const page = await site.browser.newPage();
    const errors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(new URL(`search/?q=${encodeURIComponent('民政')}`, site.server.url).href);
    await page.waitForFunction(() =>
      /共 \d+ 篇|失败/.test(document.querySelector('#search-status')?.textContent ?? ''),
    );
    expect(await page.locator('#search-status').textContent()).toContain('共 0 篇');
    expect(errors).toEqual([]);
    await page.close();
  });
});
