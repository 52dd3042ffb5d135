/** Chinese date labels from YYYY-MM-DD strings (no time zones involved). */

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
