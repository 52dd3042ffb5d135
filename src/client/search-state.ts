/**
 * The search page's state: what the URL or the form asks for, and what the page applies. An
 * unknown province, year or sort and a date that is no calendar day are ignored and a query
 * longer than MAX_QUERY_CHARS is cut, each with a note saying so, so that the menus show what is searched and every URL the page
 * pushes stays short enough to be opened again.
 */
import type { SortOrder } from '../search/engine.ts';
import { isCalendarDate } from '../utils/dates.ts';

/** The longest query searched, in characters: its URL stays well under servers' limits. */
export const MAX_QUERY_CHARS = 100;
/** How much of an unknown value a note repeats, in characters. */
const QUOTED_CHARS = 20;
const SORTS: Record<SortOrder, string> = { relevance: '相关度', newest: '最新' };

/** What a URL or the form asks for, as given. */
export interface Requested {
  /** The query; null when the URL has none. */
  q: string | null;
  province: string;
  year: string;
  /** First day, YYYY-MM-DD. */
  from: string;
  /** Last day, YYYY-MM-DD. */
  to: string;
  sort: string;
}

/** The search applied. */
export interface PageState {
  q: string;
  province: string;
  year: string;
  /** First day of the period, YYYY-MM-DD, or '' for none. */
  from: string;
  /** Last day of the period, YYYY-MM-DD, or '' for none. */
  to: string;
  sort: SortOrder;
  /** The reader asked for a search (a query, maybe empty, in the URL, or the form sent). */
  asked: boolean;
}

/** The values a menu offers ('' is "all"). */
export type Choices = ReadonlySet<string>;

export function requestedByUrl(search: string): Requested {
  const params = new URLSearchParams(search);
  return {
    q: params.get('q'),
    province: params.get('province') ?? '',
    year: params.get('year') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    sort: params.get('sort') ?? '',
  };
}

const quoted = (value: string) => {
  const chars = [...value];
  return chars.length > QUOTED_CHARS ? `${chars.slice(0, QUOTED_CHARS).join('')}…` : value;
};

/** The state to apply for a request, and a note on each part not applied as asked. */
export function applyRequest(
  requested: Requested,
  choices: { provinces: Choices; years: Choices },
): { state: PageState; notes: string[] } {
  const notes: string[] = [];
  const chars = [...(requested.q ?? '')];
  if (chars.length > MAX_QUERY_CHARS)
    notes.push(`检索词超过 ${MAX_QUERY_CHARS} 字，已按前 ${MAX_QUERY_CHARS} 字检索。`);
  const known = (value: string, options: Choices, what: string, instead: string) => {
    if (!value || options.has(value)) return value;
    notes.push(`未知${what}「${quoted(value)}」，已按${instead}检索。`);
    return '';
  };
  const province = known(requested.province, choices.provinces, '省份', '全部省份');
  const year = known(requested.year, choices.years, '年份', '全部年份');
  const day = (value: string, what: string) => {
    if (!value || isCalendarDate(value)) return value;
    notes.push(`${what}「${quoted(value)}」不是有效日期（应为 YYYY-MM-DD），已忽略。`);
    return '';
  };
  const from = day(requested.from.trim(), '起始日期');
  const to = day(requested.to.trim(), '截止日期');
  if (from && to && from > to)
    notes.push(`起始日期 ${from} 晚于截止日期 ${to}，这段时间里没有报道。`);
  let sort: SortOrder = 'relevance';
  if (Object.hasOwn(SORTS, requested.sort)) sort = requested.sort as SortOrder;
  else if (requested.sort)
    notes.push(`未知排序「${quoted(requested.sort)}」，已按${SORTS.relevance}排序。`);
  const q = chars.slice(0, MAX_QUERY_CHARS).join('');
  return { state: { q, province, year, from, to, sort, asked: requested.q !== null }, notes };
}

/** The page's URL for a state (path and query). */
export function stateUrl(pathname: string, state: PageState): string {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set('q', state.q.trim());
  if (state.province) params.set('province', state.province);
  if (state.year) params.set('year', state.year);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  const query = params.toString();
  return `${pathname}${query ? `?${query}` : ''}`;
}
