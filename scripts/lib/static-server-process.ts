/**
 * The static server of static-server.ts in a process of its own, as a real host is one: in
 * the benchmark's process it would answer only when Playwright's own work lets it.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ServeOptions, StaticServer } from './static-server.ts';

const MAIN = fileURLToPath(new URL('./static-server-main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function serveStaticSeparately(
  root: string,
  base = '/',
  options: ServeOptions = {},
): Promise<StaticServer> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', MAIN, JSON.stringify({ root, base, options })],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  const [url] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(([code]) =>
      Promise.reject(new Error(`static server exited with ${String(code)}`)),
    ),
  ])) as [string];
  return {
    url,
    close: async () => {
      if (child.exitCode !== null) return;
      child.kill();
      await once(child, 'exit');
    },
  };
}
