/**
 * An article page's URL below a base path, in both directions. Pure, so the site, the index
 * build (outside Astro) and the browser share it; `base` has a slash at each end (basePath).
 */

/** `articleUrlBelow('/minzheng/', id)` → `/minzheng/articles/<id>/`. */
export const articleUrlBelow = (base: string, id: string) =>
  `${base}articles/${encodeURIComponent(id)}/`;

/** The article ID in an article page's URL below `base`; throws for any other URL. */
export function articleIdOfUrl(url: string, base: string): string {
  const prefix = `${base}articles/`;
  if (!url.startsWith(prefix) || !url.endsWith('/'))
    throw new Error(`${url} is not an article URL below ${base}`);
  return decodeURIComponent(url.slice(prefix.length, -1));
}
