/** The processes running on this machine, read from /proc (Linux; empty elsewhere). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export interface ProcessInfo {
  /** Command name, at most 15 characters (the kernel's `comm`). */
  name: string;
  parent: number;
  /** Resident memory in kB. */
  rssKb: number;
}

const PAGE_KB = 4;

/** Every process by PID. */
export function processTable(): Map<number, ProcessInfo> {
  const table = new Map<number, ProcessInfo>();
  for (const pid of existsSync('/proc') ? readdirSync('/proc') : []) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The command name is in parentheses and may contain spaces; the other fields follow it.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(pid), {
        name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
        parent: Number(fields[1]),
        rssKb: Number(fields[21]) * PAGE_KB,
      });
    } catch {
      // The process ended while we looked.
    }
  }
  return table;
}
