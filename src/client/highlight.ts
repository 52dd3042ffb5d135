/**
 * Highlights the search query of `?highlight=` in the article (title and body) with <mark>, in
 * slices that keep the page responsive (see mark-places.ts), scrolls to the first match in the
 * body as soon as it is marked, and says how many places are marked: at most MAX_MARKS.
 * Runs on load: article-highlight.ts imports it only when the URL asks for it.
 */
import { parseQuery } from '../search/query.ts';
import { taskNumber } from '../utils/slices.ts';
import { MAX_MARKS, markPlaces, type Marked } from './mark-places.ts';
import { foldTraditionalFor } from './traditional-folds.ts';

/** Scrolls to a mark and focuses it; the `highlight:scroll` performance mark records when. */
function showFirst(mark: HTMLElement): void {
  mark.setAttribute('tabindex', '-1');
  mark.scrollIntoView({ block: 'center' });
  mark.focus({ preventScroll: true });
  performance.mark('highlight:scroll', { detail: { task: taskNumber() } });
}

function showNotice(article: HTMLElement, terms: string[], { places, capped }: Marked): void {
  const quoted = `「${terms.join('」「')}」`;
  const notice = document.createElement('p');
  notice.className = 'highlight-notice no-print';
  notice.setAttribute('role', 'status');
  notice.textContent = !places
    ? `本文未找到${quoted}。`
    : capped
      ? `已标出${quoted}前 ${MAX_MARKS} 处，其余未标出。`
      : `已标出${quoted}${places} 处。`;
  const clear = document.createElement('a');
  clear.href = location.pathname;
  clear.textContent = '取消标记';
  notice.append(' ', clear);
  article.querySelector('header')?.append(notice);
}

async function highlight(query: string): Promise<void> {
  const article = document.querySelector<HTMLElement>('article[data-article-id]');
  await foldTraditionalFor(query, article?.textContent ?? '');
  const terms = parseQuery(query);
  if (!terms.length || !article) return;
  const targets = [
    article.querySelector<HTMLElement>('h1'),
    ...article.querySelectorAll<HTMLElement>('.body p'),
  ].filter((element): element is HTMLElement => element !== null);
  let first: HTMLElement | undefined;
  const marked = await markPlaces(targets, terms, (marks) => {
    if (first) return false;
    first = marks.find((mark) => mark.closest('.body'));
    if (first) showFirst(first);
    return !first;
  });
  // No match in the body: the title's.
  const inTitle = article.querySelector<HTMLElement>('mark.search-highlight');
  if (!first && inTitle) showFirst(inTitle);
  showNotice(article, terms, marked);
}

const query = new URLSearchParams(location.search).get('highlight');
if (query) void highlight(query);
