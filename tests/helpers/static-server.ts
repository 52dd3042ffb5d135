/** Shared with the benchmark: see scripts/lib/static-server.ts. */
export * from '../../scripts/lib/static-server.ts';
