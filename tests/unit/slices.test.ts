/** Work in slices (src/utils/slices.ts): every item once, each slice within its bound, after a yield. */
import { describe, expect, it } from 'vitest';
import { inSlices, sortInSlices, type SliceDetail } from '../../src/utils/slices.ts';

/** The slices recorded under `name` since the test started, in the order they ran. */
function recorded(name: string): SliceDetail[] {
  const list = performance
    .getEntriesByName(name, 'measure')
    .map((entry) => (entry as PerformanceMeasure).detail as SliceDetail);
  performance.clearMeasures(name);
  return list;
}

/** Deterministic pseudo-random integers (a linear congruential generator). */
function numbers(count: number, seed: number, range: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % range;
  });
}

describe('inSlices', () => {
  it('visits every index once, in order, at most `bound` a slice, each slice in a task of its own', async () => {
    const seen: number[] = [];
    await inSlices('test:visit', 1003, 100, (start, end) => {
      for (let i = start; i < end; i++) seen.push(i);
    });
    expect(seen).toEqual(Array.from({ length: 1003 }, (_, i) => i));
    const slices = recorded('test:visit');
    expect(slices.map((slice) => slice.work)).toEqual([...Array(10).fill(100), 3]);
    expect(new Set(slices.map((slice) => slice.bound))).toEqual(new Set([100]));
    const tasks = slices.map((slice) => slice.task);
    expect(tasks.slice(1).every((task, i) => task > tasks[i]!)).toBe(true);
  });

  it('runs no slice for no items', async () => {
    await inSlices('test:none', 0, 10, () => expect.unreachable());
    expect(recorded('test:none')).toEqual([]);
  });
});

describe('sortInSlices', () => {
  it.each([
    [0, 7],
    [1, 7],
    [7, 7],
    [8, 7],
    [1000, 7],
    [1000, 64],
    [4096, 64],
  ])('sorts %i items stably, placing at most %i a slice', async (count, bound) => {
    // Few distinct keys, so that stability shows: ties keep their input order.
    const items = numbers(count, count + bound, 10).map((key, position) => ({ key, position }));
    const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
    const sorted = await sortInSlices('test:sort', items, byKey, bound);
    expect(sorted).toEqual([...items].sort(byKey));
    expect(items.map((item) => item.position)).toEqual(items.map((_, i) => i));
    const slices = recorded('test:sort');
    for (const slice of slices) expect(slice.work).toBeLessThanOrEqual(bound);
    // A run-sorting pass, then one merging pass per doubling of the run width.
    const passes = count ? 1 + Math.max(0, Math.ceil(Math.log2(count / bound))) : 0;
    expect(slices.reduce((sum, slice) => sum + slice.work, 0)).toBe(passes * count);
  });
});
