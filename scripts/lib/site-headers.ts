/** The response headers the site ships in public/_headers (Netlify / Cloudflare Pages format). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const HEADERS_FILE = fileURLToPath(new URL('../../public/_headers', import.meta.url));

/** Headers of the `/*` rule of a `_headers` file (the only rule the site has). */
export function siteHeaders(file = HEADERS_FILE): Record<string, string> {
  const headers: Record<string, string> = {};
  let inRule = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      inRule = line.trim() === '/*';
      continue;
    }
    const colon = line.indexOf(':');
    if (inRule && colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}
