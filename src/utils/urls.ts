/** Internal URLs that honour `base` and the site's trailing-slash rule. */
import { articleUrlBelow } from './article-url.ts';
import { basePath } from './base-path.ts';

const BASE = basePath(import.meta.env.BASE_URL);

/** `url('articles', id)` → `/base/articles/<id>/`; no arguments → the home page. */
export function url(...segments: (string | number)[]): string {
  const path = segments
    .map((segment) => String(segment).replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .map(encodeURIComponent)
    .join('/');
  return path ? `${BASE}${path}/` : BASE;
}

/** URL of an article page. */
export const articleUrl = (id: string) => articleUrlBelow(BASE, id);
/** URL of a province's list; page 1 has no number. */
export const provinceUrl = (slug: string, page = 1) =>
  page > 1 ? url('provinces', slug, page) : url('provinces', slug);
/** URL of a year's list; page 1 has no number. */
export const yearUrl = (year: string | number, page = 1) =>
  page > 1 ? url('archive', year, page) : url('archive', year);
/** URL of a topic's list; page 1 has no number. */
export const topicUrl = (slug: string, page = 1) =>
  page > 1 ? url('topics', slug, page) : url('topics', slug);

/** A file (not a page) below the base: `fileUrl('provinces', 'zhejiang', 'rss.xml')` → `/base/provinces/zhejiang/rss.xml`. */
export function fileUrl(...segments: string[]): string {
  return url(...segments).replace(/\/$/, '');
}

/** The archive's RSS feed, or a province's. */
export const feedUrl = (provinceSlug?: string) =>
  provinceSlug ? fileUrl('provinces', provinceSlug, 'rss.xml') : fileUrl('rss.xml');

/** An absolute URL for a site path, on the deployed origin (`site`, from SITE_URL). */
export const absoluteUrl = (path: string, site: URL | string | undefined) =>
  new URL(path, site ?? 'http://localhost:4321').href;
