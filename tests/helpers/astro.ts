/** Runs the Astro CLI of this repository in a child process, for build tests. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './paths.ts';

export interface RunResult {
  code: number | null;
  /** stdout and stderr together, colours stripped. */
  output: string;
}

/** The environment without what Vitest injects (BASE_URL, MODE, NODE_ENV=test …), which would leak into builds. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV', 'TEST']) delete env[key];
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
  return env;
}

/** `astro <args>` with extra environment variables; never throws on a non-zero exit. */
export function runAstro(args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'node_modules/astro/bin/astro.mjs'), ...args],
      {
        cwd: ROOT,
        env: { ...cleanEnvironment(), NO_COLOR: '1', FORCE_COLOR: '0', ...env },
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output: output.replace(/\x1b\[[0-9;]*m/g, '') }));
  });
}

/** A build into a fresh temporary folder with its own content cache; returns the folder. */
export async function buildInto(
  env: Record<string, string> = {},
): Promise<{ outDir: string; result: RunResult }> {
  const work = mkdtempSync(join(tmpdir(), 'archive-build-'));
  const outDir = join(work, 'dist');
  const result = await runAstro(['build', '--outDir', outDir], {
    ASTRO_CACHE_DIR: join(work, 'cache'),
    ...env,
  });
  return { outDir, result };
}
