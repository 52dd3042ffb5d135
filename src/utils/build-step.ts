/**
 * Step markers for the build benchmark (scripts/bench-build.ts): with BUILD_STEP_LOG=1,
 * prints `[build-step] <name> start` and `… end` around a step Astro logs nothing for, so the
 * benchmark can time the step by when the lines arrive. Silent otherwise.
 */

/** The line that marks `phase` of step `name`. */
export function buildStepLine(name: string, phase: 'start' | 'end'): string {
  return `[build-step] ${name} ${phase}`;
}

function mark(name: string, phase: 'start' | 'end'): void {
  // Written synchronously, so the line leaves before a long synchronous step begins.
  if (process.env.BUILD_STEP_LOG === '1') process.stdout.write(`${buildStepLine(name, phase)}\n`);
}

/** Runs `run` between the start and end markers of step `name`; awaits it if it is async. */
export function buildStep<T>(name: string, run: () => T): T {
  mark(name, 'start');
  const result = run();
  if (result instanceof Promise) return result.finally(() => mark(name, 'end')) as unknown as T;
  mark(name, 'end');
  return result;
}
