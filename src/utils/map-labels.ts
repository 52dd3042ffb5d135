/** What the province map says of its counts, on the built page and in the browser alike. */

/** A tile's accessible name: "江苏：12 篇". */
export const tileName = (shortName: string, count: number) => `${shortName}：${count} 篇`;

/** A legend entry's range of counts: "1 篇", "2–3 篇". */
export const rangeLabel = (min: number, max: number) =>
  min === max ? `${min} 篇` : `${min}–${max} 篇`;
