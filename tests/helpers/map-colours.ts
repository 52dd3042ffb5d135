/** The province map's colours as Chromium paints them (tests of the home, provinces and search maps). */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** What the map in `selector` shows: the page's luminance, the note, the tiles and the legend's swatches. */
export function mapColours(tab: Page, selector = '.province-map') {
  return tab.locator(selector).evaluate((map) => {
    const luminanceOf = (css: string) => {
      const numbers = css.match(/[\d.]+/g)!.map(Number);
      // color(srgb r g b) from color-mix() is in 0–1; rgb() in 0–255.
      const rgb = css.startsWith('color(')
        ? numbers.slice(0, 3)
        : numbers.slice(0, 3).map((n) => n / 255);
      const [r, g, b] = rgb.map((s) =>
        s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4,
      ) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ratio = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const level = (element: Element) => Number(/level-(\d)/.exec(element.className)![1]);
    return {
      page: luminanceOf(getComputedStyle(document.body).backgroundColor),
      note: map.querySelector('.note')!.textContent!,
      tiles: [...map.querySelectorAll('[data-tile]')].map((tile) => {
        const style = getComputedStyle(tile);
        const luminance = luminanceOf(style.backgroundColor);
        return {
          slug: tile.getAttribute('data-tile')!,
          count: Number(tile.getAttribute('data-count')),
          level: level(tile),
          background: style.backgroundColor,
          luminance,
          ratio: ratio(luminanceOf(style.color), luminance),
        };
      }),
      swatches: [...map.querySelectorAll('.legend li:not([hidden]) .swatch')].map((swatch) => ({
        level: level(swatch),
        luminance: luminanceOf(getComputedStyle(swatch).backgroundColor),
      })),
    };
  });
}

/**
 * The note's claim about the colours holds: 深 darker, 浅 lighter, 醒目 more contrast with the
 * page for more reports; and the legend's swatches are the tiles' colours.
 */
export function expectColoursAsNoted(seen: Awaited<ReturnType<typeof mapColours>>, where: string) {
  const contrast = (l: number) => (Math.max(l, seen.page) + 0.05) / (Math.min(l, seen.page) + 0.05);
  const claim = /颜色越(深|浅|醒目)/.exec(seen.note)?.[1];
  expect(claim, seen.note).toBeDefined();
  const measure = { 深: (l: number) => -l, 浅: (l: number) => l, 醒目: contrast }[
    claim as '深' | '浅' | '醒目'
  ];
  const byCount = [...seen.tiles].sort((a, b) => a.count - b.count);
  for (let i = 1; i < byCount.length; i++) {
    const [less, more] = [byCount[i - 1]!, byCount[i]!];
    if (more.level === less.level) continue;
    expect(
      measure(more.luminance),
      `${where} ${claim}: ${less.count} → ${more.count}`,
    ).toBeGreaterThan(measure(less.luminance));
  }
  for (const swatch of seen.swatches)
    for (const tile of seen.tiles.filter((t) => t.level === swatch.level))
      expect(tile.luminance, `${where} level ${swatch.level}`).toBeCloseTo(swatch.luminance, 5);
}
