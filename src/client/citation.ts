/**
 * 引用本文: fills in the reader's today as the date of citation (the page carries a
 * placeholder, so rebuilds stay identical) and shows the copy buttons where copying works.
 */
import { bibtexEntry, type CitationInput } from '../utils/citation.ts';

const block = document.querySelector<HTMLElement>('[data-citation]');

/** The reader's local date, YYYY-MM-DD. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function enableCopy(section: HTMLElement): void {
  const status = section.querySelector('.copy-status');
  for (const button of section.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
    button.hidden = false;
    button.addEventListener('click', async () => {
      const text = document.getElementById(button.dataset.copy!)?.textContent ?? '';
      try {
        await navigator.clipboard.writeText(text.trim());
        if (status) status.textContent = '已复制到剪贴板';
      } catch {
        if (status) status.textContent = '无法复制，请选中文字后手动复制';
      }
    });
  }
}

if (block) {
  const cited = today();
  for (const date of block.querySelectorAll('[data-cited-date]')) date.textContent = cited;
  const bibtex = block.querySelector('[data-bibtex]');
  if (bibtex)
    bibtex.textContent = bibtexEntry(JSON.parse(block.dataset.citation!) as CitationInput, cited);
  if (navigator.clipboard) enableCopy(block);
}
