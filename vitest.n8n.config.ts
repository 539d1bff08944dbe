import { defineConfig } from 'vitest/config';

/** `npm run test:n8n` (scripts/test-n8n.sh): the package in the real n8n, on Node 24. Not part of `npm test`. */
export default defineConfig({
  test: {
    include: ['test/n8n-real/**/*.e2e.ts'],
    testTimeout: 300_000,
    hookTimeout: 600_000,
    pool: 'forks',
    setupFiles: ['test/setup.ts'],
  },
});
