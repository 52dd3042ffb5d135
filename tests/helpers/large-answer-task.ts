/** A task process for tests/unit/child-task.test.ts: answers a string of `size` characters, or fails. */
import { serveTask } from '../../src/integrations/child-task.ts';

serveTask(async ({ size, fail }: { size: number; fail?: string }) => {
  if (fail) throw new Error(fail);
  return 'x'.repeat(size);
});
