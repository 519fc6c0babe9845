import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// vitest's default is one worker fewer than the cores: on CI's 2 cores that is a single worker, and
// the database tiers ran their files one after another with a core idle. Each file has its own
// database, so files run side by side.
const WORKERS = Math.max(2, availableParallelism() - 1);

// Three tiers, each a project: `vitest run --project unit|integration|e2e`.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/**/src/**/*.test.ts', 'apps/**/src/**/*.test.ts', 'apps/web/src/**/*.test.tsx'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['apps/**/src/**/*.int.test.ts', 'packages/**/src/**/*.int.test.ts'],
          environment: 'node',
          // migrates and seeds once per run; every test database is a copy (packages/db/src/testing.ts)
          globalSetup: ['apps/api/src/testing/global-setup.ts'],
          maxWorkers: WORKERS,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          env: { NODE_ENV: 'test' },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          environment: 'node',
          // the demo database, prepared once per run; each suite's server starts on a copy
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // one suite at a time: two at once (each its own server, database and browser) is not
          // yet measured on an idle 2-core machine
          fileParallelism: false,
        },
      },
    ],
  },
});
