import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One copy of graphql: Node (and so type-graphql) loads its CommonJS build; vite would
    // otherwise pick the "module" build for our sources and scalars would not be recognised.
    alias: [
      { find: /^graphql$/, replacement: require.resolve('graphql') },
      { find: /^graphql\/(.+?)(\.m?js)?$/, replacement: `${path.dirname(require.resolve('graphql'))}/$1.js` },
    ],
  },
  test: {
    // Pure logic runs without a database; the API tests share one PostgreSQL started once. Neither
    // reloads its modules per file (a unit file's own run is a few milliseconds; its fresh import was seconds).
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'client/src/**/*.test.ts'], isolate: false } },
      {
        extends: true,
        // API files wait on PostgreSQL more than they compute: one per core side by side, and files of
        // one worker share its module cache (the server's code and schema are loaded once, not per file).
        test: { name: 'api', include: ['test/api/**/*.test.ts'], globalSetup: ['test/global-setup.ts'], isolate: false },
      },
    ],
    pool: 'forks',
    maxWorkers: Math.max(2, availableParallelism()),
    reporters: ['default', './test/reporters/summary-line.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // The server logs only warnings and errors during tests.
    env: { LOG_LEVEL: 'warn' },
  },
});
