/** The subpath the site is served under, from `BASE_PATH` (e.g. "archive" → "/archive/"; empty → "/"). */
export function basePath(value = process.env.BASE_PATH): string {
  const trimmed = (value ?? '').trim().replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}
