/**
 * Runs a command and measures it: wall time and the peak of the summed resident memory of
 * the process and all its descendants (Pagefind's indexer runs as a child of Node, so the
 * peak of any single process would understate what the machine needs).
 */
import { spawn } from 'node:child_process';
import { processTable } from '../../src/utils/processes.ts';

export interface Measured {
  seconds: number;
  /** Peak of the summed RSS of the process tree, sampled every 100 ms. */
  peakTreeMb: number;
  output: string;
}

/** Summed RSS (kB) of a process and its descendants. */
export function treeRssKb(root: number): number {
  const table = processTable();
  const children = new Map<number, number[]>();
  for (const [pid, { parent }] of table)
    children.set(parent, [...(children.get(parent) ?? []), pid]);
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += table.get(pid)?.rssKb ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

export function runMeasured(
  command: string,
  argv: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, argv, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
    });
    let output = '';
    let peakKb = 0;
    const sampler = setInterval(() => (peakKb = Math.max(peakKb, treeRssKb(child.pid!))), 100);
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => {
      clearInterval(sampler);
      reject(error);
    });
    child.on('close', (code) => {
      clearInterval(sampler);
      if (code !== 0)
        return reject(
          new Error(`${command} ${argv.join(' ')} failed (${code}):\n${output.slice(-3000)}`),
        );
      resolve({ seconds: (performance.now() - started) / 1000, peakTreeMb: peakKb / 1024, output });
    });
  });
}
