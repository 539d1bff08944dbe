import { configDefaults, defineConfig } from 'vitest/config';
import { INTEGRATION } from './test/projects.js';

/**
 * `npm test` runs both projects; `npx vitest run --project unit` (or `integration`) one of them, and
 * `npx vitest run test/<path>.test.ts` one file in whichever project holds it. Which files are integration
 * tests: test/projects.ts. Unit files run two at a time, each worker running file after file in one process (they
 * share nothing but temporary directories and port 0), then integration files one at a time, each in a process of
 * its own (their processes' time bounds assume one); docs/development.md.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    setupFiles: ['test/setup.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...INTEGRATION],
          maxWorkers: 2,
          // A file's modules stay loaded for the next file of the same worker (the connector's 300 operations
          // are imported once per worker, not once per file); test/setup-unit.ts empties what the connector keeps
          // per connection before each file. A module mock (vi.mock) cannot work so: test/projects.test.ts keeps
          // unit files from using one.
          isolate: false,
          setupFiles: ['test/setup-unit.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: INTEGRATION,
          globalSetup: ['test/global-setup.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
