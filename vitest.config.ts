import { configDefaults, defineConfig } from 'vitest/config';
import { INTEGRATION } from './test/projects.js';

/**
 * `npm test` runs both projects; `npx vitest run --project unit` (or `integration`) one of them, and
 * `npx vitest run test/<path>.test.ts` one file in whichever project holds it. Which files are integration
 * tests: test/projects.ts. Both projects run in one group, two files at a time in all (integration files first:
 * they are the longest), each worker running file after file in one process. Their files share nothing but
 * temporary directories, port 0 and the global setup's PostgreSQL server (a database per file); a test that bounds
 * a time leaves room for a busy neighbour (the shutdown test checks an order of events). docs/development.md.
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
          // are imported once per worker, not once per file); test/setup-shared.ts empties what the connector keeps
          // per connection before each file. A module mock (vi.mock) cannot work so: test/projects.test.ts keeps
          // unit files from using one.
          isolate: false,
          setupFiles: ['test/setup-shared.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: INTEGRATION,
          globalSetup: ['test/global-setup.ts'],
          // As the unit files: the connector's modules load once, not once per file (about 40 s of the
          // project's 230 on two cores). Their hosts, databases and browsers are each file's own; host and MCP
          // processes run the compiled dist/ (the global setup builds it).
          isolate: false,
          setupFiles: ['test/setup-shared.ts'],
          maxWorkers: 2,
        },
      },
    ],
  },
});
