/** YYYY-MM-DD dates: validity, Chinese labels and day arithmetic (no time zones involved). */

/** YYYY-MM-DD, with the three parts captured. */
export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is YYYY-MM-DD and names a real calendar day (no 2024-02-30), in any year 0000–9999. */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

const parts = (isoDate: string) => isoDate.split('-').map(Number) as [number, number, number];

/** `2024-03-14` → `2024年3月14日`. */
export function formatDate(isoDate: string): string {
  const [year, month, day] = parts(isoDate);
  return `${year}年${month}月${day}日`;
}

/** `2024-03` or `2024-03-14` → `2024年3月`. */
export function formatMonth(isoDate: string): string {
  const [year, month] = parts(isoDate);
  return `${year}年${month}月`;
}

/** `2024-03-14` → `2024-03`. */
export const monthKey = (isoDate: string) => isoDate.slice(0, 7);

const DAY_MS = 86_400_000;
const utc = (isoDate: string) => {
  const [year, month, day] = parts(isoDate);
  return Date.UTC(year, month - 1, day);
};
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export const daysBetween = (a: string, b: string) => Math.round((utc(b) - utc(a)) / DAY_MS);

/** The date `days` days after `isoDate`. */
export const addDays = (isoDate: string, days: number) => iso(utc(isoDate) + days * DAY_MS);

/** The Monday that starts the week of `isoDate` (weeks run Monday to Sunday, as in China). */
export const weekStart = (isoDate: string) =>
  addDays(isoDate, -((new Date(utc(isoDate)).getUTCDay() + 6) % 7));
