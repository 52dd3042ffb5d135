/**
 * The search page's export buttons (导出 CSV, 导出 JSON), shown while a search has results. A
 * click imports the export module (src/client/search-export.ts): nothing of the export is
 * loaded before a reader asks for one.
 */
import type { ExportRequest } from './search-export.ts';
import type { PageState } from './search-state.ts';

/** A search that can be exported: its results and what was searched. */
type Exportable = Pick<ExportRequest, 'outcome' | 'about'>;

/** The filters a search applied: the state's other text fields than query and sort, where set. */
const filtersOf = (state: PageState) =>
  Object.fromEntries(
    Object.entries(state).filter(
      (field): field is [string, string] =>
        field[0] !== 'q' && field[0] !== 'sort' && typeof field[1] === 'string' && field[1] !== '',
    ),
  );

export class ExportButtons {
  private offered: Exportable | undefined;
  private busy = false;
  private readonly status: HTMLElement;

  /** `group` holds the buttons (`data-format`: csv, json) and a status line (`.export-status`). */
  constructor(
    private readonly group: HTMLElement,
    private readonly base: string,
    private readonly rows: number,
  ) {
    this.status = group.querySelector<HTMLElement>('.export-status')!;
    group.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-format]');
      if (button) void this.export(button.dataset.format as ExportRequest['format']);
    });
  }

  /** Offers the results of the search `state` asked for; none (undefined): hides the buttons. */
  offer(outcome: ExportRequest['outcome'] | undefined, state?: PageState): void {
    this.offered =
      outcome && state
        ? { outcome, about: { query: state.q.trim(), filters: filtersOf(state), sort: state.sort } }
        : undefined;
    this.group.hidden = !this.offered;
    if (!this.busy) this.status.textContent = '';
  }

  /** Exports the search offered; a click while an export is prepared waits for none. */
  private async export(format: ExportRequest['format']): Promise<void> {
    const search = this.offered;
    if (!search || this.busy) return;
    this.busy = true;
    this.status.textContent = '正在准备导出……';
    const request = { ...search, format, base: this.base, rows: this.rows };
    let done: string;
    try {
      done = await import('./search-export.ts').then(
        (module) => module.exportReported(request),
        () => '导出失败：未能加载导出功能，请检查网络后重试。',
      );
    } finally {
      this.busy = false;
    }
    this.status.textContent = done;
  }
}
