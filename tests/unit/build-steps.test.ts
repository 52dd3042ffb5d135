import { describe, expect, it } from 'vitest';
import {
  ASTRO_STEPS,
  growthExponent,
  INDEX_STEPS,
  measureSteps,
  scaleTable,
  type TimedRun,
} from '../../scripts/lib/build-steps.ts';
import { buildStep, buildStepLine } from '../../src/utils/build-step.ts';

/** An `astro build` output as it arrives, with a colour code as Astro writes it on a terminal. */
const astroLines = [
  { seconds: 0.5, text: '03:00:00 [content] Syncing content' },
  { seconds: 2, text: '03:00:02 [content] Synced content' },
  { seconds: 2.5, text: '03:00:03 [build] Building static entrypoints...' },
  { seconds: 9, text: '03:00:09 ✓ Completed in 6.5s.' },
  { seconds: 9.5, text: '\x1b[42m\x1b[30m generating static routes \x1b[39m\x1b[49m' },
  { seconds: 10, text: buildStepLine('related-reports', 'start') },
  { seconds: 14, text: buildStepLine('related-reports', 'end') },
  { seconds: 30, text: '03:00:30 ✓ Completed in 20.5s.' },
  { seconds: 31, text: '03:00:31 [build] Complete!' },
];
const astroMemory = [
  { seconds: 0.3, treeMb: 120 },
  { seconds: 1, treeMb: 300 },
  { seconds: 5, treeMb: 700 },
  { seconds: 12, treeMb: 1500 },
  { seconds: 20, treeMb: 1200 },
  { seconds: 31, treeMb: 1900 },
];
const astroRun: TimedRun = { seconds: 32, lines: astroLines, memory: astroMemory };

const at = (text: string) => astroLines.find((line) => line.text.includes(text))!.seconds;
const peak = (from: number, to: number) =>
  Math.max(...astroMemory.filter((s) => s.seconds >= from && s.seconds <= to).map((s) => s.treeMb));

describe('the steps of a build, read from its timed output', () => {
  it("times each of Astro's steps between its lines, page rendering without related reports", () => {
    const figures = measureSteps(astroRun, ASTRO_STEPS);
    const related = at('related-reports end') - at('related-reports start');
    const generating = at('generating static routes');
    const rendered = astroLines.find(
      (l) => l.seconds > generating && l.text.includes('Completed'),
    )!;
    expect(figures).toEqual([
      {
        step: 'astro: startup',
        seconds: at('Syncing content'),
        peakMb: peak(0, at('Syncing content')),
      },
      {
        step: 'content sync',
        seconds: at('Synced content') - at('Syncing content'),
        peakMb: peak(at('Syncing content'), at('Synced content')),
      },
      {
        step: 'bundling',
        seconds: generating - at('Synced content'),
        peakMb: peak(at('Synced content'), generating),
      },
      {
        step: 'related reports',
        seconds: related,
        peakMb: peak(at('related-reports start'), at('related-reports end')),
      },
      {
        step: 'page rendering',
        seconds: rendered.seconds - generating - related,
        peakMb: peak(generating, rendered.seconds),
      },
      {
        step: 'astro: after rendering',
        seconds: astroRun.seconds - rendered.seconds,
        peakMb: peak(rendered.seconds, astroRun.seconds),
      },
    ]);
  });

  it('times the first index step from the start of its process; without samples in a step, takes the last before', () => {
    const lines = [
      { seconds: 3, text: buildStepLine('search-shards', 'start') },
      { seconds: 40, text: buildStepLine('search-shards', 'end') },
      { seconds: 40.02, text: buildStepLine('search-merge', 'start') },
      { seconds: 40.08, text: buildStepLine('search-merge', 'end') },
    ];
    const memory = [
      { seconds: 2, treeMb: 150 },
      { seconds: 20, treeMb: 900 },
      { seconds: 40.01, treeMb: 420 },
    ];
    const [pages, shards, merge] = measureSteps({ seconds: 41, lines, memory }, INDEX_STEPS);
    expect(pages).toEqual({ step: 'search index: pages', seconds: 3, peakMb: 150 });
    expect(shards).toEqual({ step: 'search index: shards', seconds: 37, peakMb: 900 });
    expect(merge!.seconds).toBeCloseTo(lines[3]!.seconds - lines[2]!.seconds, 9);
    expect(merge!.peakMb).toBe(memory[2]!.treeMb);
  });

  it('names the step whose line never came', () => {
    const withoutRelated = astroLines.filter((line) => !line.text.includes('related-reports end'));
    expect(() => measureSteps({ ...astroRun, lines: withoutRelated }, ASTRO_STEPS)).toThrow(
      /step "related reports": no output line matches/,
    );
  });
});

describe('the growth exponent', () => {
  it.each([
    [1000, 10, 2000, 20, 1],
    [1000, 10, 2000, 40, 2],
    [10000, 7, 40000, 7, 0],
  ])('from %i reports (%f) to %i (%f) is %f', (n1, v1, n2, v2, exponent) => {
    expect(growthExponent(n1, v1, n2, v2)).toBeCloseTo(exponent, 12);
    expect(v1 * (n2 / n1) ** growthExponent(n1, v1, n2, v2)).toBeCloseTo(v2, 9);
  });

  it('is undefined (NaN) for a zero cost or equal sizes', () => {
    expect(growthExponent(1000, 0, 2000, 5)).toBeNaN();
    expect(growthExponent(1000, 5, 1000, 6)).toBeNaN();
  });
});

describe('the scale table', () => {
  const sizes = [
    { reports: 10000, steps: [{ step: 'related reports', seconds: 12.34, peakMb: 800.4 }] },
    { reports: 20000, steps: [{ step: 'related reports', seconds: 30.1, peakMb: 1200.6 }] },
  ];
  it('has a row per step and size, with exponents from the size before', () => {
    const rows = scaleTable(sizes).split('\n');
    expect(rows).toHaveLength(2 + sizes.length);
    const cells = (row: string) =>
      row
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim());
    const [first, second] = [cells(rows[2]!), cells(rows[3]!)];
    const [a, b] = [sizes[0]!.steps[0]!, sizes[1]!.steps[0]!];
    expect(first).toEqual([
      'related reports',
      '10000',
      a.seconds.toFixed(1),
      '—',
      String(Math.round(a.peakMb)),
      '—',
    ]);
    expect(second).toEqual([
      'related reports',
      '20000',
      b.seconds.toFixed(1),
      growthExponent(10000, a.seconds, 20000, b.seconds).toFixed(2),
      String(Math.round(b.peakMb)),
      growthExponent(10000, a.peakMb, 20000, b.peakMb).toFixed(2),
    ]);
  });

  it('refuses a size that lacks a step of the first', () => {
    expect(() => scaleTable([sizes[0]!, { reports: 20000, steps: [] }])).toThrow(
      /"related reports" was not measured at 20000/,
    );
  });
});

describe('the step markers', () => {
  it('print start and end around a step only with BUILD_STEP_LOG=1, and pass its result through', async () => {
    const written: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) =>
      written.push(chunk) > 0) as typeof process.stdout.write;
    const previous = process.env.BUILD_STEP_LOG;
    try {
      process.env.BUILD_STEP_LOG = '1';
      expect(buildStep('sync-step', () => 6 * 7)).toBe(42);
      expect(await buildStep('async-step', async () => 'done')).toBe('done');
      delete process.env.BUILD_STEP_LOG;
      buildStep('silent-step', () => 1);
    } finally {
      process.stdout.write = write;
      if (previous === undefined) delete process.env.BUILD_STEP_LOG;
      else process.env.BUILD_STEP_LOG = previous;
    }
    expect(written).toEqual(
      ['sync-step start', 'sync-step end', 'async-step start', 'async-step end'].map(
        (line) => `[build-step] ${line}\n`,
      ),
    );
  });
});
