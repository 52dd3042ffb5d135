/** The Content-Security-Policy of public/_headers, as a page carries it in a <meta http-equiv>. */
import headersFile from '../../public/_headers?raw';

/** Directives a policy in a <meta> element cannot carry (CSP 3): browsers ignore them there. */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

/**
 * The Content-Security-Policy of the `/*` rule of a `_headers` file, less the directives only a
 * header can carry; `file` names it in the error.
 */
export function metaPolicy(headers: string, file = 'public/_headers'): string {
  let rule = '';
  for (const [n, line] of headers.split('\n').entries()) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) rule = line.trim();
    const value = /^\s+Content-Security-Policy:(.*)$/i.exec(line)?.[1]?.trim();
    if (rule !== '/*' || value === undefined) continue;
    const kept = value
      .split(';')
      .map((directive) => directive.trim())
      .filter((directive) => directive && !HEADER_ONLY.has(directive.split(/\s+/)[0]!));
    if (!kept.length) throw new Error(`${file}:${n + 1}: Content-Security-Policy is empty`);
    return kept.join('; ');
  }
  throw new Error(`${file}: the /* rule sets no Content-Security-Policy`);
}

/** What every page's <meta http-equiv="Content-Security-Policy"> says. */
export const META_CONTENT_SECURITY_POLICY = metaPolicy(headersFile);
