/**
 * Work handed to a Node process of its own: the index build indexes shards and merges word
 * ranges side by side this way, on every core, and each process gives its memory back when it
 * ends. The process runs a TypeScript entry (with tsx, as the build's scripts), receives one
 * job and answers once.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What a task's process answers: its result, or why it failed. */
export type TaskAnswer<Result> = { result: Result } | { error: string };

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs `job` in a new process of `entry` (a module that calls serveTask); resolves with its
 * result, rejects with its error, or, if it ends without answering, with how it ended (`what`
 * names the work in that message).
 */
export function runInChild<Job, Result>(entry: URL, job: Job, what: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    // tsx resolved from the project, as for the build's scripts.
    const child = fork(fileURLToPath(entry), [], {
      cwd: PROJECT_ROOT,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    let stderr = '';
    let answer: TaskAnswer<Result> | undefined;
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.on('message', (message) => (answer = message as TaskAnswer<Result>));
    child.on('error', reject);
    // 'close', not 'exit': it comes after the IPC channel has delivered every message, while
    // 'exit' can come before the answer does.
    child.on('close', (code, signal) => {
      if (answer && 'result' in answer && code === 0) resolve(answer.result);
      else if (answer && 'error' in answer) reject(new Error(answer.error));
      else {
        const how = signal ?? `code ${code}`;
        reject(
          new Error(
            `the process ${what} ended (${how}) without answering${stderr ? `:\n${stderr}` : ''}`,
          ),
        );
      }
    });
    child.send(job as object);
  });
}

/**
 * In a task's process: runs `work` on the one job received, answers, and exits. It ends too if
 * the process that started it ends: nothing would read what it writes.
 */
export function serveTask<Job, Result>(work: (job: Job) => Result | Promise<Result>): void {
  const answer = (message: TaskAnswer<Result>, code: number) =>
    process.send!(message, () => process.exit(code));
  process.once('message', async (job: Job) => {
    try {
      answer({ result: await work(job) }, 0);
    } catch (error) {
      answer({ error: error instanceof Error ? error.message : String(error) }, 1);
    }
  });
  process.on('disconnect', () => process.exit(1));
}
