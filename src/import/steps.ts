/**
 * The importer's changes to the articles folder, counted one by one, so that tests can stop
 * the process at any of them and check what a crash there leaves behind:
 *   IMPORT_TEST_KILL_AT=N     SIGKILL itself just before the N-th change;
 *   IMPORT_TEST_PAUSE=LABEL   before the first change with that label, print
 *                             "paused before LABEL" on stderr and wait until the file
 *                             IMPORT_TEST_RESUME exists.
 * Unset (as for every editor), both cost nothing.
 */
import { existsSync, writeSync } from 'node:fs';

/** What each change is, in the order an import makes them. */
export type StepLabel =
  | 'create folder'
  | 'lock'
  | 'unlock'
  | 'remove leftover'
  | 'stage folder'
  | 'stage open'
  | 'stage write'
  | 'journal write'
  | 'journal commit'
  | 'year folder'
  | 'rename'
  | 'journal remove'
  | 'staging remove';

export interface Steps {
  /** Called just before each change. */
  before(label: StepLabel): void;
}

/** No hooks: what the importer runs with unless a test sets the variables. */
export const NO_STEPS: Steps = { before() {} };

/** Steps with the test hooks the environment asks for. */
export function stepsFromEnv(env: NodeJS.ProcessEnv): Steps {
  const killAt = Number(env.IMPORT_TEST_KILL_AT ?? 0);
  const pause = env.IMPORT_TEST_PAUSE;
  const resume = env.IMPORT_TEST_RESUME;
  if (!killAt && !pause) return NO_STEPS;
  let count = 0;
  let paused = false;
  return {
    before(label) {
      count++;
      if (count === killAt) {
        process.kill(process.pid, 'SIGKILL');
        sleepUntil(() => false); // the signal is on its way: run nothing more
      }
      if (pause === label && !paused && resume) {
        paused = true;
        writeSync(2, `paused before ${label}\n`);
        sleepUntil(() => existsSync(resume));
      }
    },
  };
}

/** Blocks the process (synchronously, like the file operations around it) until `done()`. */
function sleepUntil(done: () => boolean): void {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  while (!done()) Atomics.wait(cell, 0, 0, 20);
}
