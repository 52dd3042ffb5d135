/** The response headers the site ships in public/_headers, and reading its CSP. */
// Shared with `npm run lighthouse`: see scripts/lib/site-headers.ts.
export { siteHeaders } from '../../scripts/lib/site-headers.ts';

/** The Content-Security-Policy's directives, name → sources. */
export function cspDirectives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((tokens) => tokens[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}
