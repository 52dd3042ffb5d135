/**
 * The overview of a search's matches (#search-overview: the counts by province, under the
 * count line): hidden until a search has results, open at first on wide screens only, where
 * it does not push the results off the first screen.
 */
import { SearchMap } from './search-map.ts';

/** Screens wide enough to show the overview open. */
const WIDE = '(min-width: 48rem)';

export class SearchOverview {
  private constructor(
    private readonly details: HTMLDetailsElement,
    private readonly map: SearchMap | undefined,
  ) {
    details.open = matchMedia(WIDE).matches;
  }

  /** The overview in `root`, if the page has one; choosing a province calls `choose`. */
  static find(root: HTMLElement, choose: (slug: string) => void): SearchOverview | undefined {
    const details = root.querySelector<HTMLDetailsElement>('#search-overview');
    return details ? new SearchOverview(details, SearchMap.find(details, choose)) : undefined;
  }

  /** A search has started: what the overview shows is no longer current. */
  pending(): void {
    this.map?.pending();
  }

  /** Whether the overview is shown: a search has results (or a filter that may hide them). */
  shown(shown: boolean): void {
    this.details.hidden = !shown;
  }

  /** The search's matches per province, ignoring its province filter `chosen` (a slug or ''). */
  async provinces(counts: ReadonlyMap<string, number>, chosen: string): Promise<void> {
    await this.map?.show(counts, chosen);
  }
}
