/**
 * Page weights of a built site, per page type: HTML (with the CSS Astro inlines into it), the
 * JavaScript a page loads up front (its module scripts and their static imports) and what it
 * loads only on demand (dynamic imports and script URLs, e.g. the search highlighter), raw and
 * gzip (zlib level 6, as a typical static host compresses on the fly). Prints a Markdown table.
 *
 *   npm run build && npm run weights            # dist/
 *   npx tsx scripts/page-weights.ts path/to/dist
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { load } from 'cheerio';

export interface Bytes {
  raw: number;
  gzip: number;
}

export interface PageWeight {
  type: string;
  path: string;
  html: Bytes;
  /** The inline <style> elements (part of the HTML). */
  css: Bytes;
  /** Scripts loaded with the page, each file gzipped on its own as it is served. */
  js: Bytes;
  /** Scripts loaded only when needed (not counted in the total). */
  jsOnDemand: Bytes;
  /** HTML + up-front JS. */
  total: Bytes;
}

const bytes = (data: string | Buffer): Bytes => ({
  raw: Buffer.byteLength(data),
  gzip: gzipSync(data).length,
});
const sum = (list: Bytes[]): Bytes =>
  list.reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });

/** Static imports and on-demand references (dynamic imports, bundled script URLs) of a built JS file. */
function references(code: string): { static: string[]; dynamic: string[] } {
  const found = { static: [] as string[], dynamic: [] as string[] };
  // Minified output quotes with ', " or `.
  for (const [, spec] of code.matchAll(
    /\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'`]([^"'`]+\.js)["'`]/g,
  ))
    found.static.push(spec!);
  for (const [, spec] of code.matchAll(/\bimport\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g))
    found.dynamic.push(spec!);
  for (const [, spec] of code.matchAll(/["'`](\/[^"'`]*_astro\/[^"'`]+\.js)["'`]/g))
    found.dynamic.push(spec!);
  return found;
}

/** The site path of a file below `dir` (`/_astro/x.js`) ↔ the file. */
function scriptClosure(
  dir: string,
  base: string,
  entries: string[],
): { upFront: Set<string>; onDemand: Set<string> } {
  const upFront = new Set<string>();
  const onDemand = new Set<string>();
  const file = (sitePath: string) => join(dir, sitePath.slice(base.length));
  const visit = (sitePath: string, into: Set<string>) => {
    if (
      into.has(sitePath) ||
      (into === onDemand && upFront.has(sitePath)) ||
      !existsSync(file(sitePath))
    )
      return;
    into.add(sitePath);
    const refs = references(readFileSync(file(sitePath), 'utf8'));
    const resolveRef = (spec: string) =>
      spec.startsWith('/') ? spec : posix.join(posix.dirname(sitePath), spec);
    for (const spec of refs.static) visit(resolveRef(spec), into);
    for (const spec of refs.dynamic) visit(resolveRef(spec), onDemand);
  };
  for (const entry of entries) visit(entry, upFront);
  for (const path of upFront) onDemand.delete(path);
  return { upFront, onDemand };
}

/** Weight of one built page (`path` is a site path below `base`, e.g. `/minzheng/articles/x/`). */
export function pageWeight(dir: string, path: string, type = path, base = '/'): PageWeight {
  const htmlFile = join(dir, path.slice(base.length), path.endsWith('/') ? 'index.html' : '');
  const html = readFileSync(htmlFile, 'utf8');
  const $ = load(html);
  const css = bytes(
    $('style')
      .map((_, el) => $(el).text())
      .get()
      .join('\n'),
  );
  const entries = $('script[src]')
    .map((_, el) => $(el).attr('src')!)
    .get()
    .filter((src) => src.startsWith(base));
  const { upFront, onDemand } = scriptClosure(dir, base, entries);
  const weigh = (paths: Set<string>) =>
    sum([...paths].map((p) => bytes(readFileSync(join(dir, p.slice(base.length))))));
  const htmlBytes = bytes(html);
  const js = weigh(upFront);
  return {
    type,
    path,
    html: htmlBytes,
    css,
    js,
    jsOnDemand: weigh(onDemand),
    total: sum([htmlBytes, js]),
  };
}

/** One page of each type, the heaviest where a type has many (articles, provinces, topics, years). */
export function siteWeights(dir: string, base = '/'): PageWeight[] {
  const pages = (readdirSync(dir, { recursive: true }) as string[])
    .map((file) => file.replaceAll('\\', '/'))
    .filter((file) => file.endsWith('.html'))
    .map((file) => `${base}${file.replace(/index\.html$/, '')}`);
  const heaviest = (pattern: RegExp) =>
    pages
      .filter((p) => pattern.test(p.slice(base.length)))
      .map((p) => ({
        p,
        size: readFileSync(join(dir, p.slice(base.length), p.endsWith('/') ? 'index.html' : ''))
          .length,
      }))
      .sort((a, b) => b.size - a.size || a.p.localeCompare(b.p))[0]?.p;
  const types: [string, string | undefined][] = [
    ['首页', base],
    ['文章（最大的一篇）', heaviest(/^articles\/[^/]+\/$/)],
    ['省份索引（地图）', `${base}provinces/`],
    ['省份页', heaviest(/^provinces\/[^/]+\/$/)],
    ['日期归档（时间线）', `${base}archive/`],
    ['年份页', heaviest(/^archive\/\d{4}\/$/)],
    ['主题索引', `${base}topics/`],
    ['主题页', heaviest(/^topics\/[^/]+\/$/)],
    ['检索页', `${base}search/`],
    ['404', `${base}404.html`],
  ];
  return types
    .filter((t): t is [string, string] => Boolean(t[1]) && pages.includes(t[1]!))
    .map(([type, path]) => pageWeight(dir, path, type, base));
}

const kB = (n: number) => (n / 1024).toFixed(1);

/** A Markdown table: gzip sizes in kB, raw sizes in parentheses. */
export function weightsTable(weights: PageWeight[]): string {
  const cell = (b: Bytes) => `${kB(b.gzip)} (${kB(b.raw)})`;
  const rows = weights.map(
    (w) =>
      `| ${w.type} | \`${w.path}\` | ${cell(w.html)} | ${cell(w.css)} | ${cell(w.js)} | ${w.jsOnDemand.raw ? cell(w.jsOnDemand) : '–'} | **${kB(w.total.gzip)}** |`,
  );
  return [
    '| 页面类型 | 路径 | HTML | 其中内联 CSS | JS | 按需 JS | 合计 gzip |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    'kB gzip (raw kB in parentheses). CSS is inlined in the HTML and counted there; the total is HTML + up-front JS.',
    'On-demand JS loads only when needed (the search highlighter on an article opened from a result). The search',
    "index itself (Pagefind's WebAssembly and chunks, catalog, display files) loads with the first query: see npm run bench.",
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '../dist'));
  if (!existsSync(join(dir, 'index.html'))) {
    console.error(`No built site in ${dir}: run npm run build first.`);
    process.exit(1);
  }
  console.log(weightsTable(siteWeights(dir)));
}
