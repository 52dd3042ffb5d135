/** Shared with the benchmark: see scripts/lib/browser.ts. */
export * from '../../scripts/lib/browser.ts';
