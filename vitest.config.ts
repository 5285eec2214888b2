import { defineConfig } from 'vitest/config';

// Integration tests (*.int.test.ts) run once on embedded PGlite and, when TEST_DATABASE_URL names a
// PostgreSQL server, once more on it: same migrations, same queries, both proven.
const integration = (name: string, db: 'pglite' | 'postgres') => ({
  extends: true as const,
  test: {
    name,
    include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'],
    env: { SR_TEST_DB: db },
    globalSetup: [`test/global-setup-${db}.ts`],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    // Two cores: two workers, each with its own database.
    pool: 'forks',
    // The JSON report lets .ci/run print one plain "N passed, N failed" line at the end.
    reporters: ['default', ['json', { outputFile: '.tmp/vitest-report.json' }]],
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      integration('int:pglite', 'pglite'),
      // Browser tests: Debian's Chromium driven by playwright-core against the built web app.
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // A page may take a few seconds under load on two cores; this is a wait, not a retry.
          expect: { poll: { timeout: 15_000, interval: 100 } },
        },
      },
      ...(process.env.TEST_DATABASE_URL ? [integration('int:postgres', 'postgres')] : []),
    ],
  },
});
