/**
 * The search page: reads the query and filters from the URL, runs the exact search,
 * renders results in pages of RESULTS_PER_PAGE with "加载更多", and keeps the URL in step
 * (history works). All result markup is built with DOM APIs: text never becomes HTML.
 */
import {
  IndexUnavailableError,
  SearchEngine,
  type SearchOutcome,
  type SortOrder,
} from '../search/engine.ts';
import { excerpt, matchRanges, segments, type Segment } from '../search/excerpt.ts';
import { PENDING_INDEX_FILES } from '../search/pagefind-index.ts';
import { parseQuery } from '../search/query.ts';
import { formatDate } from '../utils/dates.ts';

const RESULTS_PER_PAGE = 10;

interface PageState {
  q: string;
  province: string;
  year: string;
  sort: SortOrder;
}

function readState(search: string): PageState {
  const params = new URLSearchParams(search);
  return {
    q: params.get('q') ?? '',
    province: params.get('province') ?? '',
    year: params.get('year') ?? '',
    sort: params.get('sort') === 'newest' ? 'newest' : 'relevance',
  };
}

function stateUrl(state: PageState): string {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set('q', state.q.trim());
  if (state.province) params.set('province', state.province);
  if (state.year) params.set('year', state.year);
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  const query = params.toString();
  return `${location.pathname}${query ? `?${query}` : ''}`;
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

export function initSearchPage(): void {
  const panel = document.querySelector<HTMLElement>('.search-panel');
  if (!panel) return;
  const base = panel.dataset.base ?? '/';
  // Written into the built page by the index build (a stand-in until then); none without reports.
  const indexTag =
    panel.dataset.indexTag === PENDING_INDEX_FILES.tag ? undefined : panel.dataset.indexTag;
  const form = panel.querySelector<HTMLFormElement>('#search-form')!;
  const input = form.querySelector<HTMLInputElement>('#search-query')!;
  const provinceSelect = form.querySelector<HTMLSelectElement>('#search-province')!;
  const yearSelect = form.querySelector<HTMLSelectElement>('#search-year')!;
  const status = panel.querySelector<HTMLElement>('#search-status')!;
  const list = panel.querySelector<HTMLOListElement>('#search-results')!;
  const more = panel.querySelector<HTMLButtonElement>('#search-more')!;
  const provinceNames = new Map(
    [...provinceSelect.options].map((option) => [option.value, option.dataset.name ?? '']),
  );

  let engine: SearchEngine | undefined;
  let outcome: SearchOutcome | undefined;
  let shown = 0;
  let terms: string[] = [];
  let generation = 0;

  const formState = (): PageState => ({
    q: input.value,
    province: provinceSelect.value,
    year: yearSelect.value,
    sort:
      (form.querySelector<HTMLInputElement>('input[name="sort"]:checked')?.value as SortOrder) ??
      'relevance',
  });

  function fillForm(state: PageState): void {
    input.value = state.q;
    provinceSelect.value = state.province;
    yearSelect.value = state.year;
    for (const radio of form.querySelectorAll<HTMLInputElement>('input[name="sort"]'))
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

  async function renderMore(): Promise<void> {
    if (!outcome) return;
    const current = generation;
    const entries = outcome.slice(shown, shown + RESULTS_PER_PAGE);
    const displays = await Promise.all(entries.map((entry) => engine!.display(entry)));
    if (current !== generation) return;
    const highlight = terms.length ? `?highlight=${encodeURIComponent(input.value.trim())}` : '';
    let firstLink: HTMLAnchorElement | undefined;
    entries.forEach((entry, i) => {
      const shownText = displays[i]!;
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.className = 'result-title';
      link.href = `${base}articles/${entry.id}/${highlight}`;
      appendSegments(link, segments(shownText.title, matchRanges(shownText.title, terms)));
      const info = document.createElement('p');
      info.className = 'result-meta';
      const time = document.createElement('time');
      time.dateTime = entry.date;
      time.textContent = formatDate(entry.date);
      info.append(time, ` · ${provinceNames.get(entry.province) ?? entry.province}`);
      const text = document.createElement('p');
      text.className = 'result-excerpt';
      appendSegments(text, excerpt(shownText.text, terms));
      item.append(link, info, text);
      list.append(item);
      firstLink ??= link;
    });
    const firstBatch = shown === 0;
    shown += entries.length;
    more.hidden = shown >= outcome.total;
    if (!firstBatch) firstLink?.focus();
  }

  async function run(state: PageState): Promise<void> {
    const current = ++generation;
    terms = parseQuery(state.q);
    list.replaceChildren();
    more.hidden = true;
    outcome = undefined;
    shown = 0;
    if (!terms.length && !state.province && !state.year) {
      status.textContent = '';
      showCounts(provinceSelect, undefined);
      showCounts(yearSelect, undefined);
      return;
    }
    status.textContent = '正在检索…';
    try {
      engine ??= new SearchEngine(base, indexTag);
      const result = await engine.search({
        terms,
        province: state.province || undefined,
        year: state.year || undefined,
        sort: state.sort,
      });
      if (current !== generation) return;
      outcome = result;
      showCounts(yearSelect, result.yearCounts);
      // Counts per province may take another search: they follow the results.
      showCounts(provinceSelect, undefined);
      await renderMore();
      if (current !== generation) return;
      // Announced once the first results are on the page.
      const scope = [provinceNames.get(state.province), state.year && `${state.year} 年`]
        .filter(Boolean)
        .join(' · ');
      const what = terms.length ? `包含「${terms.join('」「')}」的报道` : '报道';
      status.textContent = `${scope ? `${scope}：` : ''}${what}共 ${result.total} 篇`;
      if (!result.total) status.textContent += '。可以减少检索词，或放宽省份、年份的限定。';
      // Without them (the index failed to load meanwhile) the results still stand.
      result.provinceCounts().then(
        (counts) => current === generation && showCounts(provinceSelect, counts),
        () => undefined,
      );
    } catch (error) {
      if (current !== generation) return;
      engine = undefined;
      status.textContent =
        error instanceof IndexUnavailableError && panel!.dataset.dev
          ? '开发模式（astro dev）下没有检索索引：索引在构建（npm run build）后才生成，请用 npm start 或 npm run preview 查看检索。'
          : '检索索引加载失败，请检查网络后重试；也可以按省份或按日期浏览。';
    }
  }

  /** Applies the form to the URL (a new history entry) and searches. */
  function commit(): void {
    const state = formState();
    const target = stateUrl(state);
    if (target !== `${location.pathname}${location.search}`) history.pushState(null, '', target);
    void run(state);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    commit();
  });
  form.addEventListener('change', (event) => {
    if (event.target !== input) commit();
  });
  more.addEventListener('click', () => void renderMore());
  // A reader on this page is about to search: start loading the index's fixed parts now (the
  // page preloads some of them; in `astro dev` there is no index to load).
  if (!panel.dataset.dev) {
    engine = new SearchEngine(base, indexTag);
    engine.warmUp();
  }
  window.addEventListener('popstate', () => {
    const state = readState(location.search);
    fillForm(state);
    void run(state);
  });

  const initial = readState(location.search);
  fillForm(initial);
  void run(initial);
}
