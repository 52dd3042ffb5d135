/**
 * Quality gate: no broken links. linkinator crawls the site built under a subpath and served
 * there, following every page, asset, stylesheet url(), feed and #fragment, plus every absolute
 * URL the build writes into feeds, the sitemap, robots.txt and the JSON index.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LinkChecker, LinkState, type LinkResult } from 'linkinator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';
import { buildInto } from '../helpers/astro.ts';
import { allPages } from '../helpers/dist.ts';

const BASE = '/minzheng/';
/** The deployed origin the build writes into absolute URLs; the crawl maps it to the local server. */
const SITE = 'https://archive.example';

let outDir = '';
let server: StaticServer;
let origin = '';

beforeAll(async () => {
  const build = await buildInto({ BASE_PATH: BASE, SITE_URL: SITE });
  expect(build.result.code, build.result.output).toBe(0);
  outDir = build.outDir;
  server = await serveStatic(outDir, BASE);
  origin = new URL(server.url).origin;
});
afterAll(async () => {
  await server?.close();
  if (outDir) rmSync(dirname(outDir), { recursive: true, force: true });
});

/** Every absolute URL on the deployed origin that the build's data files (feeds, sitemaps, JSON, robots.txt) contain. */
function absoluteUrlsInDataFiles(): Map<string, string> {
  const found = new Map<string, string>();
  const files = (readdirSync(outDir, { recursive: true }) as string[]).filter((file) =>
    /\.(xml|json|txt)$/.test(file),
  );
  expect(files.map((f) => f.replaceAll('\\', '/'))).toEqual(
    expect.arrayContaining(['rss.xml', 'sitemap-index.xml', 'robots.txt', 'data/articles.json']),
  );
  for (const file of files) {
    const text = readFileSync(join(outDir, file), 'utf8');
    for (const [match] of text.matchAll(/https:\/\/archive\.example[^\s"'<>\\]*/g)) {
      const url = match.replaceAll('&amp;', '&');
      if (!found.has(url)) found.set(url, `/${file.replaceAll('\\', '/')}`);
    }
  }
  return found;
}

const local = (url: string) => url.replace(SITE, origin);

/** The pages that only send the reader on (old addresses of reports), as site paths. */
const redirectPages = () =>
  allPages(outDir).filter((path) =>
    readFileSync(join(outDir, path, path.endsWith('/') ? 'index.html' : ''), 'utf8').includes(
      'http-equiv="refresh"',
    ),
  );

describe(`links of a build served under ${BASE}`, () => {
  it('has no broken internal link, anchor, asset or feed, and reaches every page', async () => {
    const fromData = absoluteUrlsInDataFiles();
    const checker = new LinkChecker();
    const result = await checker.check({
      // The home page, the 404 page and the old addresses of reports (formerIds; all linked from
      // nowhere), and every URL the feeds and sitemaps name.
      path: [
        server.url,
        `${server.url}404.html`,
        ...redirectPages().map((path) => `${server.url}${path.slice(1)}`),
        ...[...fromData.keys()].map(local),
      ],
      recurse: true,
      checkFragments: true,
      checkCss: true,
      concurrency: 8,
      timeout: 20_000,
      // Absolute URLs on the deployed origin (canonical, og:image, JSON-LD) are checked on the
      // local server.
      urlRewriteExpressions: [
        { pattern: new RegExp(`^${SITE.replace(/\./g, '\\.')}`), replacement: origin },
      ],
      // Other origins are not ours to check (and the machine may be offline). Skip rules see links
      // before rewriting.
      linksToSkip: async (link) => !link.startsWith(`${origin}/`) && !link.startsWith(`${SITE}/`),
    });

    const where = (link: LinkResult) =>
      link.parent
        ? link.parent.replace(origin, '')
        : `${fromData.get(link.url.replace(origin, SITE)) ?? 'start'}`;
    const broken = result.links
      .filter((link) => link.state === LinkState.BROKEN)
      .map((link) => {
        const rule =
          link.url.includes('#') && link.status !== 404
            ? 'missing anchor'
            : `broken link (HTTP ${link.status ?? 'error'})`;
        return `${where(link)}: ${rule}: ${link.url.replace(origin, '')}`;
      });
    expect(broken).toEqual([]);

    // Outside links were skipped, not silently passed; our pages were all reached.
    const ok = new Set(
      result.links
        .filter((link) => link.state === LinkState.OK)
        .map((link) => new URL(link.url).pathname),
    );
    const unreached = allPages(outDir)
      .map((path) => `${BASE}${path.slice(1)}`)
      .filter((path) => !ok.has(path));
    expect(unreached, 'pages the crawl never reached (orphans)').toEqual([]);
    for (const feed of [`${BASE}rss.xml`, `${BASE}data/articles.json`, `${BASE}sitemap-index.xml`])
      expect(ok, feed).toContain(feed);
  });
});
