/**
 * Segment starts (src/integrations/search-segments.ts): a full build cuts the catalog from the
 * oldest report; an incremental build keeps the cuts, so that a report changes only its own
 * segment.
 */
import { describe, expect, it } from 'vitest';
import { segmentLayout, type SegmentLayout } from '../../src/integrations/search-segments.ts';
import { catalogOrder } from '../../src/search/catalog.ts';
import { segmentSizes } from '../../src/search/pagefind-index.ts';

/** `count` reports, two a day from 2020-01-01, in catalog order (newest first). */
function reports(count: number, from = 0) {
  return catalogOrder(
    Array.from({ length: count }, (_, n) => {
      const i = from + n;
      const date = `2020-01-${String(1 + Math.floor(i / 2)).padStart(2, '0')}`;
      return { date, id: `${date}-hubei-${i % 2}` };
    }),
  );
}

const laidOut = (layout: SegmentLayout | { problem: string }) => {
  if ('problem' in layout) throw new Error(layout.problem);
  return layout;
};

describe('segment starts', () => {
  const archive = reports(11);
  const full = laidOut(segmentLayout(archive, 4));

  it('are the oldest report of each segment but the oldest, cut from the oldest', () => {
    expect(full.sizes).toEqual(segmentSizes(archive.length, 4));
    let end = 0;
    const oldest = full.sizes.map((size) => archive[(end += size) - 1]!);
    expect(full.starts).toEqual(
      oldest
        .slice(0, -1)
        .reverse()
        .map(({ date, id }) => [date, id]),
    );
    // Frozen starts of an unchanged archive cut it the same.
    expect(segmentLayout(archive, 4, full.starts)).toEqual(full);
  });

  it('put a report at or after a start in that segment, one before it in the one before', () => {
    const [date, id] = full.starts[0]!;
    const after = { date, id: `${id}x` };
    const before = { date, id: id.slice(0, -1) };
    expect(before.id < id && id < after.id).toBe(true);
    const withAfter = laidOut(segmentLayout(catalogOrder([...archive, after]), 4, full.starts));
    const withBefore = laidOut(segmentLayout(catalogOrder([...archive, before]), 4, full.starts));
    const grown = (k: number) => full.sizes.map((size, j) => (j === k ? size + 1 : size));
    const oldestSegment = full.sizes.length - 1;
    expect(withAfter.sizes).toEqual(grown(oldestSegment - 1));
    expect(withBefore.sizes).toEqual(grown(oldestSegment));
    expect(withAfter.starts).toEqual(full.starts);
  });

  it('cut a newest segment grown past one and a half segments as a full build would', () => {
    const grown = catalogOrder([...archive, ...reports(4, 11)]);
    const layout = laidOut(segmentLayout(grown, 4, full.starts));
    expect(layout).toEqual(laidOut(segmentLayout(grown, 4)));
    expect(layout.sizes.length).toBe(full.sizes.length + 1);
  });

  it('say why a segment emptied or grown past twice its size needs a full build', () => {
    const [date, id] = full.starts[0]!;
    const emptied = archive.filter(
      (report) => report.date < date || report.date > full.starts[1]![0],
    );
    expect(segmentLayout(emptied, 4, full.starts)).toEqual({
      problem: `the segment from ${date} ${id} has no report left`,
    });
    const added = Array.from({ length: 5 }, (_, n) => ({ date, id: `${id}-${n}` }));
    expect(segmentLayout(catalogOrder([...archive, ...added]), 4, full.starts)).toEqual({
      problem: `the segment from ${date} ${id} has ${full.sizes.at(-2)! + added.length} reports, over twice 4`,
    });
  });
});
