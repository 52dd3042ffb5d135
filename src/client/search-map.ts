/**
 * The search page's province map (ProvinceMap.astro with `filter`): writes each search's
 * counts per province into the tiles and the legend, marks the chosen province, and hands a
 * chosen tile to the page. The tiles are one tab stop; arrow keys move between them.
 */
import { rangeLabel, tileName } from '../utils/map-labels.ts';
import { shadeLevel, shadeSteps } from '../utils/shading.ts';
import { inSlices } from '../utils/slices.ts';

/** Tiles updated in one slice (`search:map`): the whole map of 35. */
export const TILES_PER_SLICE = 35;

const LEVELS = ['level-0', 'level-1', 'level-2', 'level-3', 'level-4'];

/** The tile an arrow key leads to from `from`, in reading order or to the nearest row. */
function tileTowards(tiles: HTMLButtonElement[], from: HTMLButtonElement, key: string) {
  const index = tiles.indexOf(from);
  if (key === 'ArrowLeft') return tiles[index - 1];
  if (key === 'ArrowRight') return tiles[index + 1];
  if (key === 'Home') return tiles[0];
  if (key === 'End') return tiles.at(-1);
  const step = key === 'ArrowUp' ? -1 : key === 'ArrowDown' ? 1 : 0;
  if (!step) return undefined;
  const at = (tile: HTMLButtonElement) => [Number(tile.dataset.column), Number(tile.dataset.row)];
  const [column, row] = at(from) as [number, number];
  // The next row holding a tile, then the tile there whose column is nearest.
  const ahead = tiles.filter((tile) => (at(tile)[1]! - row) * step > 0);
  const rows = ahead.map((tile) => Math.abs(at(tile)[1]! - row));
  const next = ahead.filter((_, i) => rows[i] === Math.min(...rows));
  const gap = (tile: HTMLButtonElement) => Math.abs(at(tile)[0]! - column);
  return next.sort((a, b) => gap(a) - gap(b))[0];
}

/** The map of a search panel: counts, the chosen province, and choosing one. */
export class SearchMap {
  private readonly tiles: HTMLButtonElement[];
  private readonly legend: HTMLLIElement[];
  /** Counts searches: counts arriving after a later search started are not shown. */
  private round = 0;

  private constructor(
    private readonly section: HTMLElement,
    choose: (slug: string) => void,
  ) {
    this.tiles = [...section.querySelectorAll<HTMLButtonElement>('button[data-tile]')];
    this.legend = [...section.querySelectorAll<HTMLLIElement>('.legend li[data-level]')];
    section.addEventListener('click', (event) => {
      const tile = (event.target as Element).closest<HTMLButtonElement>('button[data-tile]');
      // The chosen province chosen again: all provinces.
      if (tile) choose(tile.getAttribute('aria-pressed') === 'true' ? '' : tile.dataset.tile!);
    });
    section.addEventListener('keydown', (event) => {
      const from = event.target as HTMLButtonElement;
      const to = this.tiles.includes(from) && tileTowards(this.tiles, from, event.key);
      if (!to) return;
      event.preventDefault();
      this.focusable(to);
      to.focus();
    });
  }

  /** The map in `root`, if the page has one; `choose` gets a slug, or '' for all provinces. */
  static find(root: HTMLElement, choose: (slug: string) => void): SearchMap | undefined {
    const section = root.querySelector<HTMLElement>('.province-map');
    return section ? new SearchMap(section, choose) : undefined;
  }

  /** A new search has started: the counts shown are no longer its own. */
  pending(): void {
    this.round++;
    this.section.setAttribute('aria-busy', 'true');
    for (const tile of this.tiles) tile.setAttribute('aria-label', tile.dataset.name!);
  }

  /** Shows the counts per province of the search, `chosen` (a slug or '') as its filter. */
  async show(counts: ReadonlyMap<string, number>, chosen: string): Promise<void> {
    const round = this.round;
    const { tiles } = this;
    const countOf = (tile: HTMLButtonElement) => counts.get(tile.dataset.tile!) ?? 0;
    const steps = shadeSteps(Math.max(0, ...tiles.map(countOf)));
    await inSlices('search:map', tiles.length, TILES_PER_SLICE, (start, end) => {
      if (round !== this.round) return;
      for (const tile of tiles.slice(start, end)) {
        const count = countOf(tile);
        const name = tileName(tile.dataset.name!, count);
        tile.classList.remove(...LEVELS);
        tile.classList.add(LEVELS[shadeLevel(count, steps)]!);
        tile.setAttribute('aria-label', name);
        tile.title = name;
        tile.dataset.count = String(count);
        tile.querySelector('.count')!.textContent = String(count);
        tile.setAttribute('aria-pressed', String(tile.dataset.tile === chosen));
      }
    });
    if (round !== this.round) return;
    for (const item of this.legend) {
      const step = steps.find(({ level }) => level === Number(item.dataset.level));
      item.hidden = !step;
      item.querySelector('.range')!.textContent = step ? rangeLabel(step.min, step.max) : '';
    }
    // The tab stop: the tile in use, else the chosen province, else the first.
    if (!this.section.contains(document.activeElement))
      this.focusable(tiles.find((tile) => tile.dataset.tile === chosen) ?? tiles[0]!);
    this.section.removeAttribute('aria-busy');
  }

  /** Makes `tile` the grid's one tab stop. */
  private focusable(tile: HTMLButtonElement): void {
    for (const other of this.tiles) other.tabIndex = other === tile ? 0 : -1;
  }
}
