/**
 * The two vitest projects (vitest.config.ts). Integration tests are the files that start a PostgreSQL server
 * (test/global-setup.ts starts one for this project only), Chromium, or processes: hosts, the CLI, the MCP server
 * over stdio, a fresh Node. Every other test file is a unit test: in-process, against nock or local stubs.
 * test/projects.test.ts checks that every file using those is listed here, and that nothing else is.
 */
export const INTEGRATION = [
  'test/store/**/*.test.ts',
  'test/multihost/**/*.test.ts',
  'test/browser/**/*.test.ts',
  'test/runtime/gate-process.test.ts',
  'test/server/access.test.ts',
  'test/server/cli.test.ts',
  'test/server/engine-sink.test.ts',
  'test/server/flood.test.ts',
  'test/server/polling.test.ts',
  'test/server/shutdown.test.ts',
  'test/server/start.test.ts',
  'test/server/upsert-host.test.ts',
  'test/adapters/mcp/transports.test.ts',
  'test/n8n-pack.test.ts',
];
