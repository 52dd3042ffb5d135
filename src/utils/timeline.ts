/** Reports per week of a year, for the date archive's timeline. */
import { addDays, weekStart } from './dates.ts';

/** One week (Monday to Sunday), clipped to the year at either end. */
export interface WeekBucket {
  /** First day in the year, YYYY-MM-DD. */
  start: string;
  /** Last day in the year, YYYY-MM-DD. */
  end: string;
  /** Reports dated within it. */
  count: number;
}

/** Every week of `year` in order, with how many of `dates` fall in each. */
export function weeksOfYear(year: string | number, dates: readonly string[]): WeekBucket[] {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const weeks: WeekBucket[] = [];
  for (let monday = weekStart(first); monday <= last; monday = addDays(monday, 7)) {
    const sunday = addDays(monday, 6);
    const start = monday < first ? first : monday;
    const end = sunday > last ? last : sunday;
    // ISO dates compare correctly as strings.
    weeks.push({ start, end, count: dates.filter((date) => date >= start && date <= end).length });
  }
  return weeks;
}
