/** The response headers the site ships in public/_headers (Netlify / Cloudflare Pages format). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.ts';

export const HEADERS_FILE = join(ROOT, 'public/_headers');

export interface HeaderRule {
  /** The rule's path pattern, from the host's root; `*` stands for any characters. */
  pattern: string;
  headers: Record<string, string>;
}

/** Every rule of a `_headers` file, in order. */
export function headerRules(file = HEADERS_FILE): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: {} });
      continue;
    }
    const colon = line.indexOf(':');
    const rule = rules.at(-1);
    if (!rule || colon < 0) throw new Error(`${file}: "${line.trim()}" is not in a rule`);
    rule.headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return rules;
}

/** Whether a rule's pattern matches a path (`*` matches any characters, `/` included). */
export function matchesPattern(pattern: string, path: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(path);
}

/**
 * The headers a host that reads `_headers` sends for `path`: those of every matching rule. A
 * header that two matching rules both set is an error: hosts disagree on what they send then.
 */
export function headersFor(rules: readonly HeaderRule[], path: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const from: Record<string, string> = {};
  for (const rule of rules.filter((r) => matchesPattern(r.pattern, path))) {
    for (const [name, value] of Object.entries(rule.headers)) {
      if (name in headers)
        throw new Error(`${path}: ${name} is set by both ${from[name]} and ${rule.pattern}`);
      headers[name] = value;
      from[name] = rule.pattern;
    }
  }
  return headers;
}

/** Headers of the `/*` rule of a `_headers` file: what every response carries. */
export function siteHeaders(file = HEADERS_FILE): Record<string, string> {
  return headerRules(file).find((rule) => rule.pattern === '/*')?.headers ?? {};
}

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
