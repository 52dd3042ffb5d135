/**
 * Long browser work in slices that yield to the browser between them, so that input and
 * painting never wait for a whole job. Every slice starts in a task of its own and is recorded
 * as a PerformanceMeasure named `<area>:<step>` (`search:catalog`, `highlight:mark`, …) whose
 * `detail` is a SliceDetail: how many items it handled, the most it may handle, and the number
 * of the task it ran in. Tests read these from the performance timeline: every slice within
 * its bound, no two slices in one task.
 */

/** The `detail` of a slice's PerformanceMeasure. */
export interface SliceDetail {
  /** Items handled (catalog rows, results rendered, places marked …). */
  work: number;
  /** The most items a slice of this step may handle. */
  bound: number;
  /** The task the slice ran in: counts the yields of this page so far. */
  task: number;
}

let task = 0;

interface Scheduler {
  yield?: () => Promise<void>;
}

/**
 * Lets the browser handle input, paint and run other tasks; resolves in a new task.
 * `scheduler.yield()` resumes ahead of other queued tasks; elsewhere a message does, without
 * setTimeout's minimum delay.
 */
export async function yieldToBrowser(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (scheduler?.yield) {
    await scheduler.yield();
    task++;
    return;
  }
  await new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      task++;
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** The number of the current task (see SliceDetail). */
export const taskNumber = () => task;

/** Records a slice named `name` that started at `start` (performance.now()) and ends now. */
export function recordSlice(name: string, start: number, work: number, bound: number): void {
  const detail: SliceDetail = { work, bound, task };
  performance.measure(name, { start, detail });
}

/** Yields, then runs `run` (`work` items of at most `bound`) as one slice named `name`. */
export async function slice<T>(
  name: string,
  work: number,
  bound: number,
  run: () => T,
): Promise<T> {
  await yieldToBrowser();
  const start = performance.now();
  const result = run();
  recordSlice(name, start, work, bound);
  return result;
}

/** Runs `run(start, end)` over `[0, count)` in slices of at most `bound` items. */
export async function inSlices(
  name: string,
  count: number,
  bound: number,
  run: (start: number, end: number) => void,
): Promise<void> {
  for (let start = 0; start < count; start += bound) {
    const end = Math.min(count, start + bound);
    await slice(name, end - start, bound, () => run(start, end));
  }
}

/**
 * `items` sorted stably by `compare`, placing at most `bound` items a slice: runs of `bound`
 * items are sorted a slice each, then merged pairwise (merge sort), `bound` items a slice.
 */
export async function sortInSlices<T>(
  name: string,
  items: readonly T[],
  compare: (a: T, b: T) => number,
  bound: number,
): Promise<T[]> {
  let from = [...items];
  const n = from.length;
  await inSlices(name, n, bound, (start, end) => {
    from.splice(start, end - start, ...from.slice(start, end).sort(compare));
  });
  for (let width = bound; width < n; width *= 2) {
    const source = from;
    const merged = new Array<T>(n);
    // Where the merge of the current pair of runs stands, across slices.
    let [left, leftEnd, right, rightEnd] = [0, 0, 0, 0];
    await inSlices(name, n, bound, (start, end) => {
      for (let k = start; k < end; k++) {
        if (k === rightEnd) {
          [left, leftEnd] = [k, Math.min(n, k + width)];
          [right, rightEnd] = [leftEnd, Math.min(n, k + 2 * width)];
        }
        const takeLeft =
          right >= rightEnd || (left < leftEnd && compare(source[left]!, source[right]!) <= 0);
        merged[k] = takeLeft ? source[left++]! : source[right++]!;
      }
    });
    from = merged;
  }
  return from;
}
