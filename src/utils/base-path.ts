/**
 * The subpath the site is served under, with one slash at each end: from `BASE_PATH` by
 * default, or from any configured base (Astro's `base`, `BASE_URL`), e.g. "archive" or
 * "/archive" → "/archive/"; empty → "/".
 */
export function basePath(value = process.env.BASE_PATH): string {
  const trimmed = (value ?? '').trim().replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}
