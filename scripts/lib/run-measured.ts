/**
 * Runs a command and measures it: wall time and the peak of the summed resident memory of
 * the process and all its descendants (Pagefind's indexer runs as a child of Node, so the
 * peak of any single process would understate what the machine needs).
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface Measured {
  seconds: number;
  /** Peak of the summed RSS of the process tree, sampled every 100 ms. */
  peakTreeMb: number;
  output: string;
}

const PAGE_KB = 4;

/** Parent PID and RSS (kB) of every process, read from /proc. */
function processTable(): Map<number, { parent: number; rssKb: number }> {
  const table = new Map<number, { parent: number; rssKb: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may contain spaces.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(name), { parent: Number(fields[1]), rssKb: Number(fields[21]) * PAGE_KB });
    } catch {
      // The process ended while we looked.
    }
  }
  return table;
}

/** Summed RSS (kB) of a process and its descendants. */
export function treeRssKb(root: number): number {
  const table = processTable();
  const children = new Map<number, number[]>();
  for (const [pid, { parent }] of table) children.set(parent, [...(children.get(parent) ?? []), pid]);
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += table.get(pid)?.rssKb ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

export function runMeasured(command: string, argv: string[], options: { cwd: string; env?: Record<string, string> }): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, argv, { cwd: options.cwd, env: { ...process.env, ...options.env } });
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
      if (code !== 0) return reject(new Error(`${command} ${argv.join(' ')} failed (${code}):\n${output.slice(-3000)}`));
      resolve({ seconds: (performance.now() - started) / 1000, peakTreeMb: peakKb / 1024, output });
    });
  });
}
