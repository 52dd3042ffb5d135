/**
 * When the matches were published: a bar chart of matches per year, or per month once a year
 * is chosen, drawn as inline SVG. Each bar is a link to the same search narrowed to its year
 * (or its month, as `from`/`to`), so the chart works by keyboard and as plain links; a visually
 * hidden table holds the same counts for screen readers. Built with DOM APIs, never HTML text.
 */
import { addDays } from '../utils/dates.ts';
import type { PageState } from './search-state.ts';

/** One bar of the chart. */
export interface TimelineBar {
  /**
   * The axis label: `2024年` or `3月`. With the count after it, it reads as part of the name
   * (what speech input users say to follow the link).
   */
  label: string;
  /** The accessible name: `2024 年：12 篇`. */
  name: string;
  count: number;
  /** The search narrowed to this bar. */
  state: PageState;
  /** The bar is the year or month the search is narrowed to. */
  chosen: boolean;
}

/** What the chart shows: per year, or per month of the chosen year. */
export interface Timeline {
  caption: string;
  /** The first column's heading in the table. */
  unit: string;
  bars: TimelineBar[];
  /** With a year chosen, the search over every year (and without the month chosen on the chart). */
  back?: PageState;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The first and last day of a month. */
export function monthPeriod(year: number, month: number): { from: string; to: string } {
  const from = `${year}-${pad(month)}-01`;
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`;
  return { from, to: addDays(next, -1) };
}

/** Bars per year, from the earliest to the latest year with a match (years between count 0). */
function yearBars(state: PageState, yearCounts: ReadonlyMap<string, number>): TimelineBar[] {
  const years = [...yearCounts.keys()].map(Number);
  if (!years.length) return [];
  const bars: TimelineBar[] = [];
  for (let year = Math.min(...years); year <= Math.max(...years); year++) {
    const count = yearCounts.get(String(year)) ?? 0;
    bars.push({
      label: `${year}年`,
      name: `${year} 年：${count} 篇`,
      count,
      state: { ...state, year: String(year) },
      chosen: false,
    });
  }
  return bars;
}

/** Bars for the twelve months of the chosen year. */
function monthBars(state: PageState, monthCounts: ReadonlyMap<string, number>): TimelineBar[] {
  const year = Number(state.year);
  return Array.from({ length: 12 }, (_, k) => {
    const period = monthPeriod(year, k + 1);
    const count = monthCounts.get(period.from.slice(0, 7)) ?? 0;
    return {
      label: `${k + 1}月`,
      name: `${year} 年 ${k + 1} 月：${count} 篇`,
      count,
      state: { ...state, ...period },
      chosen: state.from === period.from && state.to === period.to,
    };
  });
}

/** The chart for a search's counts. */
export function timeline(
  state: PageState,
  yearCounts: ReadonlyMap<string, number>,
  monthCounts: ReadonlyMap<string, number>,
): Timeline {
  if (!state.year)
    return { caption: '各年份匹配报道数', unit: '年份', bars: yearBars(state, yearCounts) };
  const bars = monthBars(state, monthCounts);
  const monthChosen = bars.some((bar) => bar.chosen);
  return {
    caption: `${state.year} 年各月匹配报道数`,
    unit: '月份',
    bars,
    back: { ...state, year: '', ...(monthChosen ? { from: '', to: '' } : {}) },
  };
}

const SVG = 'http://www.w3.org/2000/svg';
/** Chart height and the baseline of the bars, in pixels; bars scale within, labels go below. */
const HEIGHT = 92;
const BASELINE = 70;
const TALLEST = 56;
/** At most this many axis labels (every k-th bar), so that they do not touch at 320 px. */
const AXIS_LABELS = 8;
/** Bars are never wider than a twelfth of the chart: one year alone is one slim bar. */
const MIN_SLOTS = 12;
/** Counts stand above the bars up to this many bars. */
const COUNTED_BARS = 16;

function svgElement<K extends keyof SVGElementTagNameMap>(
  name: K,
  attributes: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  return element;
}

/** One bar as a link: a hit area the height of the chart, the bar, its count and its label. */
function barLink(bar: TimelineBar, k: number, n: number, largest: number, href: string) {
  const slot = 100 / Math.max(n, MIN_SLOTS);
  const link = svgElement('a', { href, 'aria-label': bar.name, class: 'bar-link' });
  if (bar.chosen) link.setAttribute('aria-current', 'true');
  const height = bar.count ? Math.max(2, Math.round((bar.count / largest) * TALLEST)) : 0;
  const middle = `${(k + 0.5) * slot}%`;
  link.append(
    svgElement('rect', {
      class: 'hit',
      x: `${k * slot}%`,
      y: 0,
      width: `${slot}%`,
      height: HEIGHT,
    }),
    svgElement('rect', {
      class: bar.chosen ? 'bar chosen' : 'bar',
      x: `${(k + 0.15) * slot}%`,
      y: BASELINE - height,
      width: `${slot * 0.7}%`,
      height,
    }),
  );
  const text = (content: string, y: number, className: string) => {
    // The link's name says it all; the texts only draw it.
    const label = svgElement('text', {
      x: middle,
      y,
      class: className,
      'text-anchor': 'middle',
      'aria-hidden': 'true',
    });
    label.textContent = content;
    link.append(label);
  };
  if (k % Math.ceil(n / AXIS_LABELS) === 0) text(bar.label, HEIGHT - 4, 'label');
  if (n <= COUNTED_BARS && bar.count) text(String(bar.count), BASELINE - height - 3, 'count');
  return link;
}

/** The same counts as a table, for screen readers. */
function countTable(chart: Timeline): HTMLTableElement {
  const table = document.createElement('table');
  table.className = 'visually-hidden';
  table.createCaption().textContent = chart.caption;
  const head = table.createTHead().insertRow();
  for (const heading of [chart.unit, '报道数']) {
    const cell = document.createElement('th');
    cell.scope = 'col';
    cell.textContent = heading;
    head.append(cell);
  }
  const body = table.createTBody();
  for (const bar of chart.bars) {
    const row = body.insertRow();
    row.insertCell().textContent = bar.label;
    row.insertCell().textContent = String(bar.count);
  }
  return table;
}

/**
 * Draws the chart into `container` (hidden when nothing matches); `urlOf` gives a bar's link.
 */
export function drawTimeline(
  container: HTMLElement,
  chart: Timeline,
  urlOf: (state: PageState) => string,
): void {
  const { back } = chart;
  container.hidden = !chart.bars.some((bar) => bar.count);
  const caption = document.createElement('p');
  caption.className = 'chart-caption';
  caption.id = 'search-chart-caption';
  caption.textContent = chart.caption;
  if (back) {
    const link = document.createElement('a');
    link.href = urlOf(back);
    link.textContent = '看各年份';
    caption.append(' ', link);
  }
  const svg = svgElement('svg', { width: '100%', height: HEIGHT, role: 'group' });
  svg.setAttribute('aria-labelledby', caption.id);
  const largest = Math.max(1, ...chart.bars.map((bar) => bar.count));
  chart.bars.forEach((bar, k) =>
    svg.append(barLink(bar, k, chart.bars.length, largest, urlOf(bar.state))),
  );
  container.replaceChildren(caption, svg, countTable(chart));
}
