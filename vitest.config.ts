import { configDefaults, defineConfig } from 'vitest/config';
import { INTEGRATION } from './test/projects.js';

/**
 * `npm test` runs both projects; `npx vitest run --project unit` (or `integration`) one of them, and
 * `npx vitest run test/<path>.test.ts` one file in whichever project holds it. Which files are integration
 * tests: test/projects.ts.
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
        },
      },
      {
        test: {
          name: 'integration',
          include: INTEGRATION,
          globalSetup: ['test/global-setup.ts'],
        },
      },
    ],
  },
});
