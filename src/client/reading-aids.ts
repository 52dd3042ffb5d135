/**
 * Reading aids on article pages: font size (persisted in localStorage) and print.
 * The one script of article pages; keep it small (< 2 kB gzip with what it imports).
 * Without it the page reads at the standard size and prints from the browser menu.
 */
import { FONT_SIZE_KEY, FONT_SIZES } from '../utils/reading.ts';

type Size = (typeof FONT_SIZES)[number]['key'];
const root = document.documentElement;
const isSize = (value: unknown): value is Size => FONT_SIZES.some((size) => size.key === value);

function apply(size: Size): void {
  // The layout's CSS reads html[data-font-size]; standard needs no attribute.
  if (size === 'standard') delete root.dataset.fontSize;
  else root.dataset.fontSize = size;
  for (const button of document.querySelectorAll<HTMLButtonElement>(
    '[data-reading-tools] button[value]',
  )) {
    button.setAttribute('aria-pressed', String(button.value === size));
  }
}

function stored(): Size {
  try {
    const value = localStorage.getItem(FONT_SIZE_KEY);
    return isSize(value) ? value : 'standard';
  } catch {
    return 'standard'; // Storage blocked: the choice lasts for this page only.
  }
}

apply(stored());
for (const tools of document.querySelectorAll<HTMLElement>('[data-reading-tools]')) {
  tools.hidden = false;
  tools.addEventListener('click', (event) => {
    const button = (event.target as Element).closest('button');
    if (!button) return;
    if (button.hasAttribute('data-print')) return window.print();
    if (!isSize(button.value)) return;
    apply(button.value);
    try {
      localStorage.setItem(FONT_SIZE_KEY, button.value);
    } catch {
      // Not persisted; the page still changes.
    }
  });
}
// Another tab changed the size.
addEventListener('storage', (event) => {
  if (event.key === FONT_SIZE_KEY) apply(isSize(event.newValue) ? event.newValue : 'standard');
});
