/**
 * The overview of a search's matches (#search-overview, under the count line): when they were
 * published (the chart, src/client/search-chart.ts) and where (the map). Hidden until a search
 * has results, open at first on wide screens only, where it does not push the results off the
 * first screen.
 */
import type { SearchOutcome } from '../search/engine.ts';
import { SearchMap } from './search-map.ts';
import { stateUrl, type PageState } from './search-state.ts';

/** Screens wide enough to show the overview open, beside the results (SearchPanel's layout). */
const WIDE = '(min-width: 60rem)';

/** What the overview's controls do on the page. */
export interface OverviewActions {
  /** A province chosen on the map (a slug, or '' to clear it). */
  chooseProvince(slug: string): void;
  /** A link of the chart followed (an address of this page). */
  follow(url: string): void;
}

export class SearchOverview {
  private constructor(
    private readonly details: HTMLDetailsElement,
    private readonly chart: HTMLElement,
    private readonly map: SearchMap | undefined,
    follow: (url: string) => void,
  ) {
    details.open = matchMedia(WIDE).matches;
    chart.addEventListener('click', (event) => {
      const link = (event.target as Element).closest('a');
      if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      follow(link.getAttribute('href')!);
    });
  }

  /** The overview in `root`, if the page has one. */
  static find(root: HTMLElement, actions: OverviewActions): SearchOverview | undefined {
    const details = root.querySelector<HTMLDetailsElement>('#search-overview');
    const chart = details?.querySelector<HTMLElement>('#search-chart');
    if (!details || !chart) return undefined;
    const map = SearchMap.find(details, actions.chooseProvince);
    return new SearchOverview(details, chart, map, actions.follow);
  }

  /** A search has started: what the overview shows is no longer current. */
  pending(): void {
    this.chart.setAttribute('aria-busy', 'true');
    this.map?.pending();
  }

  /** Whether the overview is shown: a search has results (or a filter that may hide them). */
  shown(shown: boolean): void {
    this.details.hidden = !shown;
  }

  /**
   * The matches per year or month. The chart's code loads here, after the first results, which
   * need none of it; `current` says whether the search is still the page's latest.
   */
  async timeline(state: PageState, result: SearchOutcome, current: () => boolean): Promise<void> {
    const { drawTimeline, timeline } = await import('./search-chart.ts');
    if (!current()) return;
    const chart = timeline(state, result.yearCounts, result.monthCounts);
    drawTimeline(this.chart, chart, (narrowed) => stateUrl(location.pathname, narrowed));
    this.chart.removeAttribute('aria-busy');
  }

  /** The search's matches per province, ignoring its province filter `chosen` (a slug or ''). */
  async provinces(counts: ReadonlyMap<string, number>, chosen: string): Promise<void> {
    await this.map?.show(counts, chosen);
  }
}
