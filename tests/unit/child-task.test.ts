/**
 * A job in a process of its own (src/integrations/child-task.ts): its answer arrives whole
 * however large and however soon the process exits after sending it; its error arrives as it was.
 */
import { describe, expect, it } from 'vitest';
import { runInChild } from '../../src/integrations/child-task.ts';

const entry = new URL('../helpers/large-answer-task.ts', import.meta.url);

describe('runInChild', () => {
  it('receives a large answer whole, though the process exits as soon as it has sent it', async () => {
    const size = 30_000;
    const runs = [1, 2, 3, 4].map(() =>
      runInChild<{ size: number }, string>(entry, { size }, 'answering'),
    );
    // Busy until the processes have answered and exited, so that their exit and their answer
    // wait to be handled together: the exit must not be taken for an ending without an answer.
    const busyUntil = Date.now() + 4000;
    while (Date.now() < busyUntil);
    for (const answer of await Promise.all(runs)) expect(answer.length).toBe(size);
  });

  it('rejects with the error the job raised', async () => {
    await expect(
      runInChild(entry, { size: 1, fail: 'no display file for 2024-01-02-beijing-1' }, 'failing'),
    ).rejects.toThrow('no display file for 2024-01-02-beijing-1');
  });
});
