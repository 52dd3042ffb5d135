/**
 * The steps of a build, read from the timed output of its processes (scripts/bench-build.ts):
 * each step lies between two lines, Astro's own or the `[build-step]` markers of
 * src/utils/build-step.ts. Its time is the gap between their arrivals, its peak memory the
 * largest memory sample taken in between.
 */
import { buildStepLine } from '../../src/utils/build-step.ts';
import type { MemorySample, TimedLine } from './run-measured.ts';

/** Where a step starts and ends: a line pattern, or the start or end of the process. */
export interface StepSpec {
  step: string;
  start: RegExp | 'process start';
  end: RegExp | 'process end';
  /** A step measured inside this one, whose time is not counted twice. */
  minus?: string;
  /** An earlier step whose end the start line must not come before (the line recurs). */
  startAfter?: string;
}

export interface StepFigure {
  step: string;
  seconds: number;
  peakMb: number;
}

/** What the benchmark recorded of one process. */
export interface TimedRun {
  seconds: number;
  lines: readonly TimedLine[];
  memory: readonly MemorySample[];
}

const marker = (name: string, phase: 'start' | 'end') =>
  new RegExp(`^${buildStepLine(name, phase).replace(/[[\]]/g, '\\$&')}$`);

/** The steps of `astro build`. */
export const ASTRO_STEPS: StepSpec[] = [
  { step: 'astro: startup', start: 'process start', end: /\[content\] Syncing content/ },
  { step: 'content sync', start: /\[content\] Syncing content/, end: /\[content\] Synced content/ },
  { step: 'bundling', start: /\[content\] Synced content/, end: /generating static routes/ },
  {
    step: 'related reports',
    start: marker('related-reports', 'start'),
    end: marker('related-reports', 'end'),
  },
  {
    step: 'page rendering',
    start: /generating static routes/,
    end: /Completed in/,
    minus: 'related reports',
  },
  {
    step: 'astro: after rendering',
    start: /Completed in/,
    startAfter: 'page rendering',
    end: 'process end',
  },
];

/** The steps of scripts/build-search-index.ts. */
export const INDEX_STEPS: StepSpec[] = [
  { step: 'search index: pages', start: 'process start', end: marker('search-shards', 'start') },
  {
    step: 'search index: shards',
    start: marker('search-shards', 'start'),
    end: marker('search-shards', 'end'),
  },
  {
    step: 'search index: merge',
    start: marker('search-merge', 'start'),
    end: marker('search-merge', 'end'),
  },
];

const stripColours = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

/** Seconds at which `pattern` first arrives at or after `after`; fails naming the step if never. */
function arrival(
  run: TimedRun,
  pattern: StepSpec['start'] | StepSpec['end'],
  after: number,
  step: string,
): number {
  if (pattern === 'process start') return 0;
  if (pattern === 'process end') return run.seconds;
  const line = run.lines.find(
    (line) => line.seconds >= after && pattern.test(stripColours(line.text).trim()),
  );
  if (!line) throw new Error(`step "${step}": no output line matches ${pattern}`);
  return line.seconds;
}

/** Largest memory sample between `from` and `to`; the last one before, if none was taken then. */
function peakBetween(memory: readonly MemorySample[], from: number, to: number): number {
  const inside = memory.filter((sample) => sample.seconds >= from && sample.seconds <= to);
  const samples = inside.length
    ? inside
    : memory.filter((sample) => sample.seconds <= to).slice(-1);
  return Math.max(0, ...samples.map((sample) => sample.treeMb));
}

/** Time and peak memory of each step of `specs` in `run`, in the order of `specs`. */
export function measureSteps(run: TimedRun, specs: readonly StepSpec[]): StepFigure[] {
  const figures: StepFigure[] = [];
  const ends = new Map<string, number>();
  for (const spec of specs) {
    const start = arrival(run, spec.start, ends.get(spec.startAfter ?? '') ?? 0, spec.step);
    const end = arrival(run, spec.end, start, spec.step);
    const inner = spec.minus ? figures.find((figure) => figure.step === spec.minus) : undefined;
    if (spec.minus && !inner)
      throw new Error(`step "${spec.step}": "${spec.minus}" must be measured before it`);
    ends.set(spec.step, end);
    figures.push({
      step: spec.step,
      seconds: end - start - (inner?.seconds ?? 0),
      peakMb: peakBetween(run.memory, start, end),
    });
  }
  return figures;
}

/** How a cost grows with size: log(v2/v1) / log(n2/n1); 1 is linear, 2 quadratic. */
export function growthExponent(n1: number, v1: number, n2: number, v2: number): number {
  if (!(n1 > 0 && n2 > 0 && n1 !== n2 && v1 > 0 && v2 > 0)) return NaN;
  return Math.log(v2 / v1) / Math.log(n2 / n1);
}

/** The figures of one archive size. */
export interface SizeFigures {
  reports: number;
  steps: StepFigure[];
}

const exponentCell = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '—');

/**
 * A Markdown table, a row per step and size in the order measured, each with its growth
 * exponents (time, memory) from the size before it.
 */
export function scaleTable(sizes: readonly SizeFigures[]): string {
  const rows = [
    '| step | reports | time (s) | time exponent | peak memory (MB) | memory exponent |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  const steps = sizes[0]?.steps.map((figure) => figure.step) ?? [];
  for (const step of steps) {
    sizes.forEach((size, i) => {
      const figure = size.steps.find((candidate) => candidate.step === step);
      if (!figure) throw new Error(`step "${step}" was not measured at ${size.reports} reports`);
      const before = sizes[i - 1]?.steps.find((candidate) => candidate.step === step);
      const exponent = (pick: (f: StepFigure) => number) =>
        before
          ? exponentCell(
              growthExponent(sizes[i - 1]!.reports, pick(before), size.reports, pick(figure)),
            )
          : '—';
      rows.push(
        `| ${step} | ${size.reports} | ${figure.seconds.toFixed(1)} | ${exponent((f) => f.seconds)} | ${Math.round(figure.peakMb)} | ${exponent((f) => f.peakMb)} |`,
      );
    });
  }
  return rows.join('\n');
}
