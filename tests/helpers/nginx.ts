/**
 * Debian's nginx serving a built site with the shipped server block (deploy/nginx/), as a child
 * process on a free loopback port, with everything it writes in a temporary prefix: no root
 * paths, no daemon.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { ROOT } from './paths.ts';

export const SITE_TEMPLATE = join(ROOT, 'deploy/nginx/site.conf.template');

/** The placeholders of the template, as docs/deploy.md lists them for envsubst. */
export interface SiteValues {
  LISTEN: string;
  SERVER_NAME: string;
  ROOT: string;
  BASE_PATH: string;
}

/** The template with its placeholders filled in, as `envsubst '${LISTEN} …'` does. */
export function renderSiteConfig(values: SiteValues, template = SITE_TEMPLATE): string {
  return readFileSync(template, 'utf8').replace(/\$\{(\w+)\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`${template}: unknown placeholder \${${name}}`);
    return values[name as keyof SiteValues];
  });
}

/** The nginx binary: $NGINX, else on PATH or in the sbin folders, where Debian puts it. */
export function findNginx(): string {
  const folders = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  const candidates = process.env.NGINX ? [process.env.NGINX] : folders.map((d) => join(d, 'nginx'));
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // Not here; try the next.
    }
  }
  throw new Error(
    `nginx not found (looked for ${candidates.join(', ')}). The deployment test needs Debian's nginx: ` +
      '`apt-get install -y nginx` (bash .ci/run installs it), or set NGINX to its path.',
  );
}

/** Where this nginx keeps its configuration (Debian: /etc/nginx), for its mime.types. */
function configFolder(nginx: string): string {
  const { stderr } = spawnSync(nginx, ['-V'], { encoding: 'utf8' });
  const conf = /--conf-path=(\S+)/.exec(stderr)?.[1];
  return conf ? dirname(conf) : '/etc/nginx';
}

/**
 * The main configuration around the site's server block: Debian's http block, less the logs,
 * with temporary files in the prefix. A root master hands requests to workers of its own user,
 * who can read the test's private build folders.
 */
function mainConfig(nginx: string, prefix: string): string {
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((name) => `  ${name}_temp_path ${join(prefix, name)};`)
    .join('\n');
  return [
    process.getuid?.() === 0 ? `user ${userInfo().username};` : '',
    'worker_processes 1;',
    'events { worker_connections 64; }',
    'http {',
    '  sendfile on;',
    '  types_hash_max_size 2048;',
    `  include ${join(configFolder(nginx), 'mime.types')};`,
    '  default_type application/octet-stream;',
    '  access_log off;',
    temp,
    `  include ${join(prefix, 'site.conf')};`,
    '}',
    '',
  ].join('\n');
}

/** A port free on 127.0.0.1 at this moment. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts connections on the port; rejects if nginx exits first. */
function listening(child: ChildProcess, port: number, log: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const exited = (code: number | null) =>
      reject(new Error(`nginx exited (code ${code}) before it listened:\n${log()}`));
    child.once('exit', exited);
    const attempt = () => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        child.off('exit', exited);
        resolve();
      });
      socket.once('error', () => setTimeout(attempt, 50));
    };
    attempt();
  });
}

export interface NginxSite {
  /** Origin plus base path: `http://127.0.0.1:PORT/base/`. */
  url: string;
  /** The server block as served (the rendered template). */
  config: string;
  close(): Promise<void>;
}

/** Serves `root` at `base` with the shipped server block; the configuration is checked first. */
export async function serveWithNginx(root: string, base: string): Promise<NginxSite> {
  const nginx = findNginx();
  const prefix = mkdtempSync(join(tmpdir(), 'nginx-'));
  const port = await freePort();
  const config = renderSiteConfig({
    LISTEN: `127.0.0.1:${port}`,
    SERVER_NAME: 'localhost',
    ROOT: root.replace(/\/+$/, ''),
    BASE_PATH: base,
  });
  writeFileSync(join(prefix, 'site.conf'), config);
  writeFileSync(join(prefix, 'nginx.conf'), mainConfig(nginx, prefix));
  const args = ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', 'stderr'];
  const globals = `daemon off; pid ${join(prefix, 'nginx.pid')}; error_log stderr warn;`;
  const check = spawnSync(nginx, [...args, '-t', '-g', globals], { encoding: 'utf8' });
  if (check.status !== 0) {
    rmSync(prefix, { recursive: true, force: true });
    throw new Error(`nginx rejects the configuration:\n${check.stderr}`);
  }
  const child = spawn(nginx, [...args, '-g', globals], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  const stopped = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await stopped;
    rmSync(prefix, { recursive: true, force: true });
  };
  try {
    await listening(child, port, () => log);
  } catch (error) {
    await close();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}${base}`, config, close };
}
