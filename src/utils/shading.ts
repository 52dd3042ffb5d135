/** Shading levels for counts (the province map): equal steps up to the largest count. */

/** One step of the legend: counts from `min` to `max` share `level`. */
export interface ShadeStep {
  /** 1 (lightest) to the number of steps (darkest); 0 is kept for a count of zero. */
  level: number;
  /** Smallest count of the step. */
  min: number;
  /** Largest count of the step. */
  max: number;
}

/**
 * Non-empty steps for counts up to `largest`, split into at most `steps` equal ranges:
 * largest 7, 4 steps → 1, 2–3, 4–5, 6–7; largest 1 → just 1 (at the darkest level).
 */
export function shadeSteps(largest: number, steps = 4): ShadeStep[] {
  const result: ShadeStep[] = [];
  for (let level = 1; level <= steps; level++) {
    const min = Math.floor((largest * (level - 1)) / steps) + 1;
    const max = Math.floor((largest * level) / steps);
    if (min <= max) result.push({ level, min, max });
  }
  return result;
}

/** The level of a count among these steps; 0 for zero. */
export function shadeLevel(count: number, steps: readonly ShadeStep[]): number {
  if (count <= 0) return 0;
  return steps.find((step) => count <= step.max)?.level ?? steps.at(-1)?.level ?? 0;
}
