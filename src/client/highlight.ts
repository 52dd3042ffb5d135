/**
 * Highlights the search query of `?highlight=` in the article (title and body) with <mark>,
 * scrolls to the first match and says how many there are. Runs on load: article-highlight.ts
 * imports it only when the URL asks for it.
 */
import { matchRanges } from '../search/excerpt.ts';
import { parseQuery } from '../search/query.ts';

/** Wraps the ranges of `element`'s text (offsets into its textContent) in <mark>, node by node. */
function markRanges(element: HTMLElement, ranges: [number, number][]): HTMLElement[] {
  const marks: HTMLElement[] = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const nodes: { node: Text; start: number }[] = [];
  let offset = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    nodes.push({ node: node as Text, start: offset });
    offset += node.textContent!.length;
  }
  // Right to left, so earlier offsets stay valid while nodes are split.
  for (const [start, end] of [...ranges].reverse()) {
    for (const { node, start: nodeStart } of [...nodes].reverse()) {
      const nodeEnd = nodeStart + node.length;
      if (nodeEnd <= start || nodeStart >= end) continue;
      const range = document.createRange();
      range.setStart(node, Math.max(start, nodeStart) - nodeStart);
      range.setEnd(node, Math.min(end, nodeEnd) - nodeStart);
      const mark = document.createElement('mark');
      mark.className = 'search-highlight';
      range.surroundContents(mark);
      marks.unshift(mark);
    }
  }
  return marks;
}

function highlight(query: string): void {
  const terms = parseQuery(query);
  const article = document.querySelector<HTMLElement>('article[data-article-id]');
  if (!terms.length || !article) return;
  const targets = [
    article.querySelector<HTMLElement>('h1'),
    ...article.querySelectorAll<HTMLElement>('.body p'),
  ].filter((element): element is HTMLElement => element !== null);
  const marks = targets.flatMap((element) =>
    markRanges(element, matchRanges(element.textContent ?? '', terms)),
  );

  const notice = document.createElement('p');
  notice.className = 'highlight-notice no-print';
  notice.setAttribute('role', 'status');
  notice.textContent = marks.length
    ? `已标出「${terms.join('」「')}」${marks.length} 处。`
    : `本文未找到「${terms.join('」「')}」。`;
  const clear = document.createElement('a');
  clear.href = location.pathname;
  clear.textContent = '取消标记';
  notice.append(' ', clear);
  article.querySelector('header')?.append(notice);

  const first = marks.find((mark) => mark.closest('.body')) ?? marks[0];
  if (first) {
    first.setAttribute('tabindex', '-1');
    first.scrollIntoView({ block: 'center' });
    first.focus({ preventScroll: true });
  }
}

const query = new URLSearchParams(location.search).get('highlight');
if (query) highlight(query);
