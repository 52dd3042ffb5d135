/**
 * The search page: reads the query and filters from the URL, runs the exact search,
 * renders results in pages of RESULTS_PER_PAGE with "加载更多", and keeps the URL in step
 * (history works). Results render RESULTS_PER_SLICE at a time, yielding to the browser in
 * between (see src/utils/slices.ts). All result markup is built with DOM APIs: text never
 * becomes HTML.
 */
import { IndexUnavailableError, SearchEngine, type SearchOutcome } from '../search/engine.ts';
import type { CatalogEntry } from '../search/catalog.ts';
import { excerpt, matchRanges, segments, type Segment } from '../search/excerpt.ts';
import { INDEX_FILE_ATTRIBUTES, PENDING_INDEX_FILES } from '../search/pagefind-index.ts';
import { isEmptyQuery, parseSearch, termsToFind, type SearchQuery } from '../search/query.ts';
import type { SearchDisplay } from '../search/records.ts';
import { formatDate } from '../utils/dates.ts';
import { slice } from '../utils/slices.ts';
import { articleUrl } from '../utils/urls.ts';
import {
  applyRequest,
  requestedByUrl,
  stateUrl,
  type PageState,
  type Requested,
} from './search-state.ts';
import { exportButtons, type OfferExport } from './export-buttons.ts';
import { SearchOverview } from './search-overview.ts';
import { foldTraditionalFor } from './traditional-folds.ts';

const RESULTS_PER_PAGE = 10;
/** Results rendered in one slice (`search:render`). */
export const RESULTS_PER_SLICE = 5;

/** The search panel's elements. */
interface Panel {
  root: HTMLElement;
  form: HTMLFormElement;
  input: HTMLInputElement;
  province: HTMLSelectElement;
  year: HTMLSelectElement;
  from: HTMLInputElement;
  to: HTMLInputElement;
  period: HTMLDetailsElement;
  status: HTMLElement;
  list: HTMLOListElement;
  more: HTMLButtonElement;
  exports: HTMLElement;
}

function findPanel(root: HTMLElement): Panel {
  const form = root.querySelector<HTMLFormElement>('#search-form')!;
  return {
    root,
    form,
    input: form.querySelector<HTMLInputElement>('#search-query')!,
    province: form.querySelector<HTMLSelectElement>('#search-province')!,
    year: form.querySelector<HTMLSelectElement>('#search-year')!,
    from: form.querySelector<HTMLInputElement>('#search-from')!,
    to: form.querySelector<HTMLInputElement>('#search-to')!,
    period: form.querySelector<HTMLDetailsElement>('#search-period')!,
    status: root.querySelector<HTMLElement>('#search-status')!,
    list: root.querySelector<HTMLOListElement>('#search-results')!,
    more: root.querySelector<HTMLButtonElement>('#search-more')!,
    exports: root.querySelector<HTMLElement>('.search-export')!,
  };
}

const optionValues = (select: HTMLSelectElement) =>
  new Set([...select.options].map((option) => option.value));

/** The state to apply for a request, with the panel's menus as the known values. */
const apply = (panel: Panel, requested: Requested) =>
  applyRequest(requested, {
    provinces: optionValues(panel.province),
    years: optionValues(panel.year),
  });

function requestedByForm({ form, input, province, year, from, to }: Panel): Requested {
  const sort = form.querySelector<HTMLInputElement>('input[name="sort"]:checked')?.value;
  return {
    q: input.value,
    province: province.value,
    year: year.value,
    from: from.value,
    to: to.value,
    sort: sort ?? '',
  };
}

function fillForm(panel: Panel, state: PageState): void {
  panel.input.value = state.q;
  panel.province.value = state.province;
  panel.year.value = state.year;
  panel.from.value = state.from;
  panel.to.value = state.to;
  if (state.from || state.to) panel.period.open = true;
  for (const radio of panel.form.querySelectorAll<HTMLInputElement>('input[name="sort"]'))
    radio.checked = radio.value === state.sort;
}

/** Shows per-option counts, keeping the labels' names. */
function showCounts(select: HTMLSelectElement, counts: Map<string, number> | undefined): void {
  for (const option of select.options) {
    if (!option.value) continue;
    const n = counts?.get(option.value) ?? 0;
    option.textContent = counts ? `${option.dataset.name}（${n}）` : option.dataset.name!;
  }
}

/** Sets the status line: the notes on the request first, then `text`. */
function showStatus(panel: Panel, notes: readonly string[], text: string): void {
  const shown = notes.map((note) => {
    const line = document.createElement('span');
    line.className = 'search-note';
    line.textContent = note;
    return line;
  });
  panel.status.replaceChildren(...shown, text);
}

/** Appends segments to an element, marked ones inside <mark>. */
function appendSegments(parent: HTMLElement, pieces: Segment[]): void {
  for (const piece of pieces) {
    if (piece.mark) {
      const mark = document.createElement('mark');
      mark.textContent = piece.text;
      parent.append(mark);
    } else parent.append(piece.text);
  }
}

/** One result: its title linking to the article (`highlight` appended), date, province, excerpt. */
function resultItem(
  entry: CatalogEntry,
  shown: SearchDisplay,
  terms: string[],
  highlight: string,
  provinceName: string,
): HTMLLIElement {
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.className = 'result-title';
  link.href = `${articleUrl(entry.id)}${highlight}`;
  appendSegments(link, segments(shown.title, matchRanges(shown.title, terms)));
  const info = document.createElement('p');
  info.className = 'result-meta';
  const time = document.createElement('time');
  time.dateTime = entry.date;
  time.textContent = formatDate(entry.date);
  info.append(time, ` · ${provinceName}`);
  const text = document.createElement('p');
  text.className = 'result-excerpt';
  appendSegments(text, excerpt(shown.text, terms));
  item.append(link, info, text);
  return item;
}

/** What the query asks for, in words: `包含「养老」「助餐」或「配餐」、不含「殡葬」`. */
function queryWords(query: SearchQuery): string {
  const quote = (term: string) => `「${term}」`;
  const found = query.groups.map((group) => group.map(quote).join('或')).join('');
  const excluded = query.excluded.map(quote).join('');
  return [found && `包含${found}`, excluded && `不含${excluded}`].filter(Boolean).join('、');
}

/** The filters in words: `浙江 · 2024 年 · 2024-03-01 至 2024-03-31`. */
function scopeWords(state: PageState, provinceName: string | undefined): string {
  const period =
    state.from && state.to
      ? `${state.from} 至 ${state.to}`
      : state.from
        ? `${state.from} 起`
        : state.to && `至 ${state.to}`;
  return [provinceName, state.year && `${state.year} 年`, period].filter(Boolean).join(' · ');
}

/**
 * The status line for a search's results: `共 N 篇` once the count is exact, `已找到 N 篇，继续检索……`
 * for a first screen while older segments are still searched.
 */
function resultStatus(scope: string, query: SearchQuery, outcome: SearchOutcome): string {
  const words = queryWords(query);
  const what = `${scope ? `${scope}：` : ''}${words ? `${words}的报道` : '报道'}`;
  if (!outcome.complete) return `${what}已找到 ${outcome.total} 篇，继续检索……`;
  const found = `${what}共 ${outcome.total} 篇`;
  return outcome.total ? found : `${found}。可以减少检索词，或放宽省份、年份、日期的限定。`;
}

/** True when two lists of results are the same reports in the same order. */
const sameResults = (a: readonly CatalogEntry[], b: readonly CatalogEntry[]) =>
  a.length === b.length && a.every((entry, k) => entry.id === b[k]!.id);

/** The status line when the index could not be loaded. */
const failureStatus = (error: unknown, dev: boolean) =>
  error instanceof IndexUnavailableError && dev
    ? '开发模式（astro dev）下没有检索索引：索引在构建（npm run build）后才生成，请用 npm start 或 npm run preview 查看检索。'
    : '检索索引加载失败，请检查网络后重试；也可以按省份或按日期浏览。';

type EngineOptions = ConstructorParameters<typeof SearchEngine>;

/** The search on the page: the latest request and the results shown of it. */
class SearchView {
  private engine: SearchEngine | undefined;
  private outcome: SearchOutcome | undefined;
  private shown = 0;
  private terms: string[] = [];
  private query: SearchQuery = { groups: [], excluded: [] };
  /** The applied query as typed, for the results' highlight links. */
  private typed = '';
  /** Counts searches: a search's work stops once a later one has started. */
  private generation = 0;
  private readonly provinceNames: Map<string, string>;
  private rendering: Promise<void> | undefined;
  private readonly offerExport: OfferExport;

  constructor(
    private readonly panel: Panel,
    private readonly engineOptions: EngineOptions,
    private readonly dev: boolean,
    private readonly overview: SearchOverview | undefined,
  ) {
    this.offerExport = exportButtons(panel.exports, engineOptions[0], engineOptions[2]);
    this.provinceNames = new Map(
      [...panel.province.options].map((option) => [option.value, option.dataset.name ?? '']),
    );
  }

  /**
   * A reader on this page is about to search: start loading the catalog and the index's fixed
   * parts now (the page preloads some of them; in `astro dev` there is no index to load).
   */
  warmUp(): void {
    if (this.dev) return;
    this.engine = new SearchEngine(...this.engineOptions);
    this.engine.warmUp();
  }

  /** Shows what the request applies in the form, and searches. */
  show(state: PageState, notes: readonly string[]): Promise<void> {
    fillForm(this.panel, state);
    return this.run(state, notes);
  }

  private async run(state: PageState, notes: readonly string[]): Promise<void> {
    const current = ++this.generation;
    const { panel } = this;
    this.overview?.pending();
    await foldTraditionalFor(state.q);
    if (current !== this.generation) return;
    this.query = parseSearch(state.q);
    this.terms = termsToFind(this.query);
    this.typed = state.q.trim();
    panel.list.replaceChildren();
    panel.more.hidden = true;
    this.outcome = undefined;
    this.offerExport();
    this.rendering = undefined;
    this.shown = 0;
    showCounts(panel.province, undefined);
    showCounts(panel.year, undefined);
    const filtered = state.province || state.year || state.from || state.to;
    if (isEmptyQuery(this.query) && !filtered) {
      this.overview?.shown(false);
      showStatus(panel, notes, state.asked ? '请输入检索词' : '');
      return;
    }
    showStatus(panel, notes, '正在检索…');
    try {
      await this.search(state, notes, current);
    } catch (error) {
      if (current !== this.generation) return;
      this.engine = undefined;
      this.overview?.shown(false);
      showStatus(panel, notes, failureStatus(error, this.dev));
    }
  }

  private async search(state: PageState, notes: readonly string[], current: number) {
    this.engine ??= new SearchEngine(...this.engineOptions);
    const scope = scopeWords(state, this.provinceNames.get(state.province));
    let firstScreen: Promise<void> | undefined;
    const request = {
      query: this.query,
      province: state.province || undefined,
      year: state.year || undefined,
      from: state.from || undefined,
      to: state.to || undefined,
      sort: state.sort,
    };
    const result = await this.engine.search(request, {
      results: RESULTS_PER_PAGE,
      wanted: () => current === this.generation,
      show: (first) => {
        firstScreen = this.showFirstScreen(first, current, () =>
          showStatus(this.panel, notes, resultStatus(scope, this.query, first)),
        );
      },
    });
    await firstScreen;
    if (current !== this.generation) return;
    await this.showComplete(result, state.province);
    if (current !== this.generation) return;
    // Announced once the first results are on the page.
    showStatus(this.panel, notes, resultStatus(scope, this.query, result));
    this.offerExport(result.total ? { outcome: result, state } : undefined);
    await this.overview?.timeline(state, result, () => current === this.generation);
    // Counts per province may take another search: they follow the results. Without them (the
    // index failed to load meanwhile) the results still stand.
    result.provinceCounts().then(
      (counts) => {
        if (current !== this.generation) return;
        showCounts(this.panel.province, counts);
        void this.overview?.provinces(counts, state.province);
      },
      () => current === this.generation && this.overview?.shown(false),
    );
  }

  /** Shows a first screen of results (SearchProgress), then `announce`s it. */
  private async showFirstScreen(first: SearchOutcome, current: number, announce: () => void) {
    if (current !== this.generation) return;
    this.outcome = first;
    // The complete outcome has these matches too: the overview will show, and is shown now so
    // that the results do not move down then.
    this.overview?.shown(true);
    await this.renderMore();
    if (current === this.generation) announce();
  }

  /**
   * Shows the complete outcome: the results of a first screen stay if they are its first ones
   * too, else its results take their place.
   */
  private async showComplete(result: SearchOutcome, province: string): Promise<void> {
    const kept =
      this.shown > 0 &&
      sameResults(this.outcome!.slice(0, this.shown), result.slice(0, this.shown));
    this.outcome = result;
    // Shown before the results render, so that they do not move down once shown.
    this.overview?.shown(result.total > 0 || Boolean(province));
    showCounts(this.panel.year, result.yearCounts);
    if (kept) {
      this.panel.more.hidden = this.shown >= result.total;
      return;
    }
    this.panel.list.replaceChildren();
    this.shown = 0;
    await this.renderMore();
  }

  /** Renders the next page of results (once at a time: a second click waits for the first). */
  renderMore(): Promise<void> {
    if (!this.rendering) {
      const rendering = this.renderPage().finally(() => {
        if (this.rendering === rendering) this.rendering = undefined;
      });
      this.rendering = rendering;
    }
    return this.rendering;
  }

  /** Renders the next page of results, RESULTS_PER_SLICE a slice. */
  private async renderPage(): Promise<void> {
    const { outcome, engine, generation, terms, typed } = this;
    if (!outcome || !engine) return;
    const entries = outcome.slice(this.shown, this.shown + RESULTS_PER_PAGE);
    const displays = await Promise.all(entries.map((entry) => engine.display(entry)));
    // Excerpts mark the original characters, Traditional ones included.
    await foldTraditionalFor(...displays.flatMap((shown) => [shown.title, shown.text]));
    const highlight = terms.length ? `?highlight=${encodeURIComponent(typed)}` : '';
    const items: HTMLLIElement[] = [];
    for (let start = 0; start < entries.length; start += RESULTS_PER_SLICE) {
      if (generation !== this.generation) return;
      const end = Math.min(entries.length, start + RESULTS_PER_SLICE);
      await slice('search:render', end - start, RESULTS_PER_SLICE, () => {
        // A later search may have started while this one yielded.
        if (generation !== this.generation) return;
        for (let k = start; k < end; k++) {
          const { province } = entries[k]!;
          const name = this.provinceNames.get(province) ?? province;
          items.push(resultItem(entries[k]!, displays[k]!, terms, highlight, name));
        }
        this.panel.list.append(...items.slice(start, end));
      });
    }
    if (generation !== this.generation) return;
    const firstBatch = this.shown === 0;
    this.shown += entries.length;
    // More of a first screen waits for the complete outcome.
    this.panel.more.hidden = !outcome.complete || this.shown >= outcome.total;
    if (!firstBatch) items[0]?.querySelector('a')?.focus();
  }
}

/** Applies the form to the URL (a new history entry) and searches. */
function commit(panel: Panel, view: SearchView): void {
  const { state, notes } = apply(panel, requestedByForm(panel));
  const target = stateUrl(location.pathname, state);
  if (target !== `${location.pathname}${location.search}`) history.pushState(null, '', target);
  void view.show(state, notes);
}

/** Reports a slice of the search goes over: SEARCH_SLICE_ROWS, which the page names. */
function sliceRows(root: HTMLElement): number {
  const rows = Number(root.dataset.sliceRows);
  if (!Number.isInteger(rows) || rows < 1)
    throw new Error(`the search panel's data-slice-rows "${root.dataset.sliceRows}" is no count`);
  return rows;
}

/** The index tag the index build wrote into the page; none without reports or before the build. */
function indexTagOf(root: HTMLElement): string | undefined {
  const tag = root.getAttribute(INDEX_FILE_ATTRIBUTES.tag) ?? undefined;
  return tag === PENDING_INDEX_FILES.tag ? undefined : tag;
}

export function initSearchPage(): void {
  const root = document.querySelector<HTMLElement>('.search-panel');
  if (!root) return;
  const panel = findPanel(root);
  const dev = Boolean(root.dataset.dev);
  const engine: EngineOptions = [root.dataset.base ?? '/', indexTagOf(root), sliceRows(root)];
  const showUrl = () => {
    const { state, notes } = apply(panel, requestedByUrl(location.search));
    void view.show(state, notes);
  };
  const overview = SearchOverview.find(root, {
    // A province chosen on the map applies as if chosen in the form.
    chooseProvince: (slug) => {
      panel.province.value = slug;
      commit(panel, view);
    },
    // The chart's bars are links to this page: followed without reloading it.
    follow: (url) => {
      history.pushState(null, '', url);
      showUrl();
    },
  });
  const view = new SearchView(panel, engine, dev, overview);
  panel.form.addEventListener('submit', (event) => {
    event.preventDefault();
    commit(panel, view);
  });
  panel.form.addEventListener('change', (event) => {
    if (event.target !== panel.input) commit(panel, view);
  });
  panel.more.addEventListener('click', () => void view.renderMore());
  view.warmUp();

  window.addEventListener('popstate', showUrl);
  showUrl();
}
