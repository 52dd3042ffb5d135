/** A minimal static file server for a built site, mounted at a base path, on a free loopback port. */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createSecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { createGzip } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  /** Origin plus base, ending in a slash: `http://127.0.0.1:PORT/base/`. */
  url: string;
  close(): Promise<void>;
}

/** Text types a real static host compresses on the fly (Pagefind's own files are gzip already). */
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.json', '.svg', '.xml', '.txt']);

export interface ServeOptions {
  /** Compress text as a typical static host would (for byte counts in benchmarks and Lighthouse). */
  gzip?: boolean;
  /** Extra headers on every response, e.g. the Content-Security-Policy of public/_headers. */
  headers?: Record<string, string>;
  /**
   * Serve HTTP/2 over TLS with a throwaway self-signed certificate (the browser context must
   * ignore HTTPS errors), as static hosts do; HTTP/1.1 allows a browser 6 requests at a time.
   */
  http2?: boolean;
}

/** A self-signed certificate for 127.0.0.1, made with openssl for this server only. */
function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'static-server-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Serves `root` under `base` ('/' or '/sub/'); unknown paths get root/404.html with status 404.
 */
export async function serveStatic(
  root: string,
  base = '/',
  { gzip = false, headers = {}, http2 = false }: ServeOptions = {},
): Promise<StaticServer> {
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    let file: string | undefined;
    if (pathname.startsWith(base)) {
      const relative = normalize(pathname.slice(base.length)).replace(/^(\.\.[/\\])+/, '');
      const candidate = join(root, relative);
      if (existsSync(candidate) && statSync(candidate).isFile()) file = candidate;
      else if (existsSync(join(candidate, 'index.html')) && pathname.endsWith('/'))
        file = join(candidate, 'index.html');
    }
    if (!file) {
      response.writeHead(404, { 'content-type': TYPES['.html']! });
      createReadStream(join(root, '404.html')).pipe(response);
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    // As static hosts do: an ETag, and a file asked for again is revalidated (304, no body).
    const { size, mtimeMs } = statSync(file);
    const etag = `"${size.toString(36)}-${Math.round(mtimeMs).toString(36)}"`;
    response.setHeader('etag', etag);
    if (!response.hasHeader('cache-control')) response.setHeader('cache-control', 'no-cache');
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304);
      response.end();
      return;
    }
    if (
      gzip &&
      COMPRESSIBLE.has(extname(file)) &&
      /\bgzip\b/.test(String(request.headers['accept-encoding']))
    ) {
      response.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip' });
      createReadStream(file).pipe(createGzip()).pipe(response);
      return;
    }
    response.writeHead(200, { 'content-type': type });
    createReadStream(file).pipe(response);
  };
  // Node's HTTP/2 compatibility API calls the same handler with look-alike request and response
  // objects.
  type Http2Handler = (request: Http2ServerRequest, response: Http2ServerResponse) => void;
  const server = http2
    ? createSecureServer(
        { ...selfSignedCertificate(), allowHTTP1: true },
        handle as unknown as Http2Handler,
      )
    : createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${http2 ? 'https' : 'http'}://127.0.0.1:${port}${base}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
