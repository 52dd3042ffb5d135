/**
 * The site as deployed: a build under a subpath, served by Debian's nginx with the server block
 * docs/deploy.md ships (deploy/nginx/site.conf.template), read in Chromium and byte by byte over
 * HTTP. What it must send comes from public/_headers, the rules for the other static hosts.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { dirname, extname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../scripts/lib/browser.ts';
import { siteWeights } from '../../scripts/page-weights.ts';
import { fold } from '../../src/search/normalize.ts';
import { parseQuery } from '../../src/search/query.ts';
import { buildInto } from '../helpers/astro.ts';
import { readArticles } from '../helpers/content.ts';
import { page as builtPage } from '../helpers/dist.ts';
import { validArticle, writeArchive } from '../helpers/fixtures.ts';
import { headerRules, headersFor, siteHeaders } from '../helpers/headers.ts';
import { serveWithNginx, type NginxSite } from '../helpers/nginx.ts';
import { ARTICLES } from '../helpers/paths.ts';

const BASE = '/minzheng/';
const RULES = headerRules();
const SECURITY = siteHeaders();
/** Text a static host compresses; everything else here (images, Pagefind's files) is compressed already or binary. */
const TEXT = new Set(['.html', '.css', '.js', '.json', '.xml', '.txt', '.svg']);
/** The issue's list of files named by their content. */
const contentNamed = (file: string) =>
  file.startsWith('_astro/') || /\.pf_(meta|index)$/.test(file);

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A GET with nothing done to the answer: no redirect followed, nothing decompressed. */
function get(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode!,
          headers: response.headers,
          body: Buffer.concat(chunks),
        }),
      );
    })
      .on('error', reject)
      .end();
  });
}

/** The site path a reader asks for to get a built file (`articles/x/index.html` → `/articles/x/`). */
const sitePath = (file: string) => `/${file.replace(/(^|\/)index\.html$/, '$1')}`;

/** Headers that differ from those of public/_headers' `/*` rule, one line each. */
function securityMismatches(where: string, headers: Record<string, unknown>): string[] {
  return Object.entries(SECURITY)
    .filter(([name, value]) => headers[name.toLowerCase()] !== value)
    .map(([name, value]) => `${where}: ${name} is ${headers[name.toLowerCase()]}, not ${value}`);
}

let outDir = '';
let articlesDir = '';
let files: string[] = [];
let browser: Browser;
let site: NginxSite;

beforeAll(async () => {
  // The archive's own reports, and two from another year so that the year filter has work.
  articlesDir = writeArchive({
    ...Object.fromEntries(
      (readdirSync(ARTICLES, { recursive: true }) as string[])
        .filter((file) => file.endsWith('.md'))
        .map((file) => [file, readFileSync(join(ARTICLES, file), 'utf8')]),
    ),
    ...Object.fromEntries([
      validArticle('hubei', '2023-06-01'),
      validArticle('jiangsu', '2023-07-01'),
    ]),
  });
  const build = await buildInto({
    ARTICLES_DIR: articlesDir,
    BASE_PATH: BASE,
    SITE_URL: 'https://example.org',
  });
  expect(build.result.code, build.result.output).toBe(0);
  outDir = build.outDir;
  files = (readdirSync(outDir, { recursive: true }) as string[])
    .map((file) => file.replaceAll('\\', '/'))
    .filter((file) => statSync(join(outDir, file)).isFile() && file !== '_headers')
    .sort();
  [browser, site] = await Promise.all([launchBrowser(), serveWithNginx(outDir, BASE)]);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  for (const dir of [articlesDir, outDir && dirname(outDir)])
    if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A tab whose every failed or refused request, and every script error, lands in `problems`. */
async function watchedTab(problems: string[]): Promise<Page> {
  const context = await browser.newContext();
  context.on('response', (response) => {
    // The 404 page is the one expected refusal; each test checks its own.
    if (response.status() >= 400 && response.request().resourceType() !== 'document')
      problems.push(`${response.url()}: status ${response.status()}`);
  });
  context.on('requestfailed', (request) =>
    problems.push(`${request.url()}: ${request.failure()?.errorText}`),
  );
  const tab = await context.newPage();
  tab.on('pageerror', (error) => problems.push(`${tab.url()}: ${error.message}`));
  return tab;
}

describe(`the site at ${BASE} behind nginx, with deploy/nginx/site.conf.template`, () => {
  it('serves every page type, the feeds and the data files, with all they load, in Chromium', async () => {
    const pages = siteWeights(outDir, BASE).map((weight) => weight.path);
    expect(pages).toHaveLength(10);
    const province = readArticles(articlesDir)[0]!.data.province;
    const data = ['rss.xml', `provinces/${province}/rss.xml`, 'sitemap-index.xml', 'robots.txt'];
    const problems: string[] = [];
    const tab = await watchedTab(problems);
    for (const path of pages) {
      const response = await tab.goto(new URL(path, site.url).href);
      expect(response?.status(), path).toBe(200);
      expect(await tab.title(), path).toBe(
        builtPage(path.slice(BASE.length - 1), outDir)('title').text(),
      );
      const headers = await response!.allHeaders();
      expect(headers['content-encoding'], path).toBe('gzip');
      problems.push(...securityMismatches(path, headers));
      await tab.waitForLoadState('networkidle');
    }
    for (const file of [...data, 'data/articles.json']) {
      const response = await tab.goto(new URL(file, site.url).href);
      expect(response?.status(), file).toBe(200);
      expect(await response!.body(), file).toEqual(readFileSync(join(outDir, file)));
      expect((await response!.allHeaders())['content-encoding'], file).toBe('gzip');
    }
    await tab.context().close();
    expect(problems).toEqual([]);
  });

  it('answers an unknown path with the 404 page and status 404, inside the subpath or not', async () => {
    const problems: string[] = [];
    const tab = await watchedTab(problems);
    const title = builtPage('/404.html', outDir)('title').text();
    for (const path of ['no-such-page/', 'articles/no-such-report/', '_headers', '/elsewhere/']) {
      const response = await tab.goto(new URL(path, site.url).href);
      expect(response?.status(), path).toBe(404);
      expect(await tab.title(), path).toBe(title);
      problems.push(...securityMismatches(path, await response!.allHeaders()));
      await tab.waitForLoadState('networkidle');
    }
    await tab.context().close();
    expect(problems).toEqual([]);
  });

  it('adds the slash to a directory, on the host and port the reader used', async () => {
    const { id } = readArticles(articlesDir)[0]!;
    const response = await get(`${site.url}articles/${id}`);
    expect(response.status).toBe(301);
    expect(response.headers.location).toBe(`${BASE}articles/${id}/`);
  });

  it('finds exactly the reports that contain the query, within a province and a year', async () => {
    const documents = readArticles(articlesDir).map((article) => ({
      url: `${BASE}articles/${article.id}/`,
      province: article.data.province,
      year: article.data.date.slice(0, 4),
      title: fold(article.data.title),
      body: fold(builtPage(`/articles/${article.id}/`, outDir)('article .body').text()),
    }));
    const query = '民政';
    const terms = parseQuery(query);
    const hits = documents.filter((doc) =>
      terms.every((term) => doc.title.includes(term) || doc.body.includes(term)),
    );
    // A report whose province has hits in other years and whose year has hits in other
    // provinces: both filters leave out reports the query finds.
    const { province, year } = hits.find(
      (doc) =>
        hits.some((other) => other.province === doc.province && other.year !== doc.year) &&
        hits.some((other) => other.province !== doc.province && other.year === doc.year),
    )!;
    const want = hits.filter((doc) => doc.province === province && doc.year === year);

    const problems: string[] = [];
    const tab = await watchedTab(problems);
    const params = new URLSearchParams({ q: query, province, year });
    await tab.goto(`${site.url}search/?${params}`);
    await tab.waitForFunction(() =>
      /共 \d+ 篇/.test(document.querySelector('#search-status')?.textContent ?? ''),
    );
    while (await tab.locator('#search-more').isVisible()) await tab.locator('#search-more').click();
    const found = await tab
      .locator('ol[aria-label="搜索结果"] > li a')
      .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(found.sort()).toEqual(want.map((doc) => doc.url).sort());
    await tab.context().close();
    expect(problems).toEqual([]);
  });

  it('sends every file as built, gzip-compressed where it is text', async () => {
    const wrong: string[] = [];
    for (const file of files) {
      const response = await get(site.url + sitePath(file).slice(1), {
        'accept-encoding': 'gzip',
      });
      const gzip = response.headers['content-encoding'] === 'gzip';
      const body = gzip ? gunzipSync(response.body) : response.body;
      const text = TEXT.has(extname(file));
      if (response.status !== 200) wrong.push(`${file}: status ${response.status}`);
      if (!body.equals(readFileSync(join(outDir, file)))) wrong.push(`${file}: not the built file`);
      if (gzip !== text) wrong.push(`${file}: content-encoding ${gzip ? 'gzip' : 'none'}`);
      if (text && !/;\s*charset=utf-8$/i.test(response.headers['content-type'] ?? ''))
        wrong.push(`${file}: Content-Type ${response.headers['content-type']}`);
    }
    expect(wrong).toEqual([]);
    for (const ext of ['.html', '.js', '.json', '.xml', '.txt', '.svg'])
      expect(
        files.some((file) => extname(file) === ext),
        ext,
      ).toBe(true);
  });

  it('sends the security headers of public/_headers with every response', async () => {
    expect(Object.keys(SECURITY)).toContain('Content-Security-Policy');
    const wrong: string[] = [];
    for (const file of files) {
      const response = await get(site.url + sitePath(file).slice(1));
      wrong.push(...securityMismatches(file, response.headers));
    }
    expect(wrong).toEqual([]);
  });

  it('caches files named by their content for a year and revalidates every other, as public/_headers says', async () => {
    const wrong: string[] = [];
    const longLived: string[] = [];
    for (const file of files) {
      const path = sitePath(file);
      const response = await get(site.url + path.slice(1));
      const sent = String(response.headers['cache-control']);
      const promised = headersFor(RULES, path)['Cache-Control'];
      if (promised) {
        longLived.push(file);
        if (sent !== promised) wrong.push(`${path}: Cache-Control ${sent}, not ${promised}`);
        continue;
      }
      // No rule: what those hosts send by default, a copy revalidated by its ETag.
      if (!/\bno-cache\b/.test(sent) && !/\bmax-age=0\b.*\bmust-revalidate\b/.test(sent))
        wrong.push(`${path}: Cache-Control ${sent} lets a copy go unchecked`);
      const etag = response.headers.etag;
      const again = etag && (await get(site.url + path.slice(1), { 'if-none-match': etag }));
      if (!again || again.status !== 304) wrong.push(`${path}: not revalidated (ETag ${etag})`);
      else wrong.push(...securityMismatches(`${path} (304)`, again.headers));
    }
    expect(wrong).toEqual([]);
    expect(longLived).toEqual(files.filter(contentNamed));
    for (const file of longLived) {
      const policy = headersFor(RULES, sitePath(file))['Cache-Control']!;
      expect(policy, file).toMatch(/\bimmutable\b/);
      expect(Number(/\bmax-age=(\d+)/.exec(policy)?.[1]), file).toBeGreaterThanOrEqual(31_536_000);
    }
    // Pagefind's are named by the SHA-256 of their bytes (src/integrations/pagefind-merge.ts).
    for (const file of longLived.filter((name) => name.startsWith('pagefind/'))) {
      const stem = file.replace(/^.*\/(pagefind\.\w+?_)?/, '').replace(/\.pf_\w+$/, '');
      const digest = createHash('sha256')
        .update(readFileSync(join(outDir, file)))
        .digest('hex');
      expect(stem.length, file).toBeGreaterThanOrEqual(8);
      expect(digest.startsWith(stem), file).toBe(true);
    }
    // The files the issue names as keeping their name are among those revalidated.
    const revalidated = files.filter((file) => !longLived.includes(file));
    expect(revalidated).toEqual(
      expect.arrayContaining([
        'index.html',
        'pagefind/pagefind.js',
        'pagefind/pagefind-entry.json',
        'search/catalog.json',
      ]),
    );
    expect(revalidated.filter((file) => /^pagefind\/wasm\./.test(file))).toHaveLength(1);
    expect(revalidated.filter((file) => /^search\/docs\/.+\.json$/.test(file)).length).toBe(
      readArticles(articlesDir).length,
    );
  });
});
