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
  /** Each output line with its arrival time, in seconds since the start. */
  lines: TimedLine[];
  /** Each memory sample: seconds since the start, summed RSS of the tree in MB. */
  memory: MemorySample[];
}

export interface TimedLine {
  seconds: number;
  text: string;
}

export interface MemorySample {
  seconds: number;
  treeMb: number;
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
    const elapsed = () => (performance.now() - started) / 1000;
    const lines: TimedLine[] = [];
    const memory: MemorySample[] = [];
    const sampler = setInterval(() => {
      const kb = treeRssKb(child.pid!);
      peakKb = Math.max(peakKb, kb);
      memory.push({ seconds: elapsed(), treeMb: kb / 1024 });
    }, 100);
    let partial = '';
    const receive = (chunk: string) => {
      output += chunk;
      const parts = (partial + chunk).split('\n');
      partial = parts.pop()!;
      for (const text of parts) lines.push({ seconds: elapsed(), text });
    };
    // Decoded as a stream, so a character split between chunks stays whole.
    child.stdout.setEncoding('utf8').on('data', receive);
    child.stderr.setEncoding('utf8').on('data', receive);
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
      if (partial) lines.push({ seconds: elapsed(), text: partial });
      resolve({ seconds: elapsed(), peakTreeMb: peakKb / 1024, output, lines, memory });
    });
  });
}
