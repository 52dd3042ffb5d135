/**
 * The search page's export buttons (导出 CSV, 导出 JSON), shown while a search has results. A
 * click imports the export module (src/client/search-export.ts): nothing of the export is
 * loaded before a reader asks for one, and little of it is in the page's script.
 */
import type { ExportRequest } from './search-export.ts';

/** Shows the buttons for a search's results and what it asked for; with none, hides them. */
export type OfferExport = (search?: Pick<ExportRequest, 'outcome' | 'state'>) => void;

/**
 * Wires the export group: its buttons (`data-format`: csv, json) and its status line
 * (`.export-status`). A click while an export is prepared starts none.
 */
export function exportButtons(group: HTMLElement, base: string, rows: number): OfferExport {
  const status = group.querySelector<HTMLElement>('.export-status')!;
  let offered: Pick<ExportRequest, 'outcome' | 'state'> | undefined;
  let busy = false;
  group.addEventListener('click', async (event) => {
    const format = (event.target as Element).closest<HTMLElement>('[data-format]')?.dataset.format;
    if (!format || !offered || busy) return;
    busy = true;
    status.textContent = '正在准备导出……';
    const request = { ...offered, format, base, rows } as ExportRequest;
    status.textContent = await import('./search-export.ts').then(
      (module) => module.exportReported(request),
      () => '导出失败：未能加载导出功能，请检查网络后重试。',
    );
    busy = false;
  });
  return (search) => {
    offered = search;
    group.hidden = !search;
    status.textContent = '';
  };
}
