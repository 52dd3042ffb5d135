/** Internal URLs that honour `base` and the site's trailing-slash rule. */

const BASE = import.meta.env.BASE_URL.replace(/\/?$/, '/');

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
export const articleUrl = (id: string) => url('articles', id);
/** URL of a province's list; page 1 has no number. */
export const provinceUrl = (slug: string, page = 1) => (page > 1 ? url('provinces', slug, page) : url('provinces', slug));
/** URL of a year's list; page 1 has no number. */
export const yearUrl = (year: string | number, page = 1) => (page > 1 ? url('archive', year, page) : url('archive', year));
