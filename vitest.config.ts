import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          globalSetup: ['tests/helpers/temp-root.ts'],
        },
      },
      {
        test: {
          name: 'site',
          include: ['tests/site/**/*.test.ts'],
          // Builds dist/ once; site tests read it or serve it to Chromium.
          globalSetup: ['tests/helpers/temp-root.ts', 'tests/helpers/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Builds and Chromium are heavy on a 2-core machine: one file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
