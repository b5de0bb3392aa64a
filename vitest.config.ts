import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql ships both ESM (.mjs) and CJS; Pothos and Apollo load the CJS build under Node, so
    // tests must too, or graphql sees two copies of itself ("from another module or realm").
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // The run's store templates (a sample loaded once, copied for each test server).
    globalSetup: ['test/support/global-setup.ts'],
    // Each file starts its own real server and stores; two cores run two files at once.
    pool: 'forks',
    maxWorkers: 2,
    // A worker keeps its loaded modules from one file to the next: the server's code (every domain,
    // both Prisma clients, DuckDB) is loaded once per worker, not once per file (200 s of module
    // loading in a run otherwise). Files share no state through them: each starts its own server
    // on its own stores, and module-level caches are keyed by store.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
