import { configDefaults, defineConfig } from 'vitest/config';
import { INTEGRATION } from './test/projects.js';

/**
 * `npm test` runs both projects; `npx vitest run --project unit` (or `integration`) one of them, and
 * `npx vitest run test/<path>.test.ts` one file in whichever project holds it. Which files are integration
 * tests: test/projects.ts. Unit files run two at a time (they share nothing but temporary directories and port 0),
 * then integration files one at a time (their processes' time bounds assume one); docs/development.md.
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
