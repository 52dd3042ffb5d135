/**
 * An article page's URL below a base path. Pure, so the site and the browser share it; `base`
 * has a slash at each end (basePath).
 */

/** `articleUrlBelow('/minzheng/', id)` → `/minzheng/articles/<id>/`. */
export const articleUrlBelow = (base: string, id: string) =>
  `${base}articles/${encodeURIComponent(id)}/`;
