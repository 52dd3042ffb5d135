/** Which built pages the sitemap lists (the filter of @astrojs/sitemap in astro.config.mjs). */
import { fileURLToPath } from 'node:url';
import { ARTICLES_DIR } from '../consts.ts';
import { articleIdsIn } from '../loaders/article-files.ts';
import { basePath } from './base-path.ts';

/**
 * A filter for the pages of the project at `root`: every page but the 404 page and the old
 * addresses of corrected reports (formerIds), which only redirect. So under /articles/ it
 * keeps the pages of the articles that have a file now.
 */
export function sitemapFilter(root: URL): (page: string) => boolean {
  const articlePage = new RegExp(`^${basePath()}articles/([^/]+)/$`);
  let articleIds: Set<string> | undefined;
  return (page) => {
    const path = new URL(page).pathname;
    if (/\/404(\.html|\/)?$/.test(path)) return false;
    const article = articlePage.exec(path);
    if (!article) return true;
    articleIds ??= articleIdsIn(fileURLToPath(new URL(ARTICLES_DIR.replace(/\/?$/, '/'), root)));
    return articleIds.has(decodeURIComponent(article[1]!));
  };
}
