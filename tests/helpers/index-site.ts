/**
 * Sites for the index build's tests, without `astro build`: the built search page and article
 * page of dist/ (global-setup) as templates, and one article page per synthetic report
 * (scripts/lib/synthetic-archive.ts), which is all the index build reads.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'cheerio';
import {
  writeSyntheticArchive,
  type SyntheticReport,
} from '../../scripts/lib/synthetic-archive.ts';
import { fileHashes } from './dist.ts';
import { ARTICLES, DIST, ROOT } from './paths.ts';

/** A built article page of dist/, whose article element the reports' pages replace. */
function templatePage(): string {
  const [id] = readdirSync(join(DIST, 'articles')).sort();
  return readFileSync(join(DIST, 'articles', id!, 'index.html'), 'utf8');
}

/** Writes (or overwrites) the article page of `report` in `dist`, made from the template. */
export function writeArticlePage(dist: string, report: SyntheticReport): void {
  const $ = load(templatePage());
  const article = $('article[data-article-id]');
  article.attr('data-article-id', report.id);
  article.attr('data-date', report.date);
  article.attr('data-province', report.province);
  article.find('h1').first().text(report.title);
  const body = article.find('.body').first();
  body.empty();
  for (const paragraph of report.paragraphs) body.append($('<p>').text(paragraph));
  mkdirSync(join(dist, 'articles', report.id), { recursive: true });
  writeFileSync(join(dist, 'articles', report.id, 'index.html'), $.html());
}

/** A new site in a temporary folder: dist/'s home and search pages, and `count` synthetic reports' article pages. */
export function writeIndexSite(count: number): { dist: string; reports: SyntheticReport[] } {
  const work = mkdtempSync(join(tmpdir(), 'archive-build-'));
  const dist = join(work, 'dist');
  mkdirSync(join(dist, 'search'), { recursive: true });
  cpSync(join(DIST, 'index.html'), join(dist, 'index.html'));
  cpSync(join(DIST, 'search', 'index.html'), join(dist, 'search', 'index.html'));
  const reports = writeSyntheticArchive(join(work, 'articles'), count, { sourceDir: ARTICLES });
  for (const report of reports) writeArticlePage(dist, report);
  return { dist, reports };
}

/** `count` new synthetic reports dated from `first` to `last` (their Markdown is thrown away). */
export function newReports(
  count: number,
  first: string,
  last = first,
  seed = 7,
): SyntheticReport[] {
  const dir = mkdtempSync(join(tmpdir(), 'articles-'));
  return writeSyntheticArchive(dir, count, { sourceDir: ARTICLES, first, last, seed });
}

/** SHA-256 of every file the index build writes (below `pagefind/` and `search/`), by path. */
export function indexFiles(dist: string): Map<string, string> {
  return new Map([...fileHashes(dist)].filter(([file]) => /^(pagefind|search)\//.test(file)));
}

/** A run of scripts/build-search-index.ts: what it printed so far, and its end. */
export interface IndexScriptRun {
  output(): string;
  done: Promise<{ code: number | null; output: string }>;
}

/** Starts scripts/build-search-index.ts on `dist` with the cache `cache`, and `env` besides PATH and HOME. */
export function startIndexScript(
  dist: string,
  cache: string,
  env: Record<string, string>,
): IndexScriptRun {
  const script = join(ROOT, 'scripts/build-search-index.ts');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', script, '--dist', dist, '--cache', cache],
    { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const done = new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
  return { output: () => output, done };
}
