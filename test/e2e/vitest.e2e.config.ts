import { defineConfig } from 'vitest/config';

/** Browser tests: the built server and web client, driven in Debian's Chromium (npm run test:e2e). */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/e2e/**/*.e2e.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/reporters/summary-line.ts'],
  },
});
