/** Reading the results off the site's search page in Chromium: the benchmark and the browser tests. */
import type { Page } from 'playwright-core';

/** The result list's items (SearchPanel.astro). */
const RESULT_ITEMS = 'ol[aria-label="搜索结果"] > li';

/** The paths of the results listed so far, one per item (an item without a link fails). */
export function listedResultPaths(page: Page): Promise<string[]> {
  return page
    .locator(RESULT_ITEMS)
    .evaluateAll((items) => items.map((li) => new URL(li.querySelector('a')!.href).pathname));
}

/** The paths of all results, after loading every "加载更多" batch. */
export async function allResultPaths(page: Page): Promise<string[]> {
  while (await page.locator('#search-more').isVisible()) {
    const before = await page.locator(RESULT_ITEMS).count();
    await page.locator('#search-more').click();
    await page.waitForFunction(([items, n]) => document.querySelectorAll(items).length > n, [
      RESULT_ITEMS,
      before,
    ] as const);
  }
  return listedResultPaths(page);
}
