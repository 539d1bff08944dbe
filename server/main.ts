import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { isLoopback } from './guards.js';
import { issueKey } from './keys.js';
import { DEFAULT_WORKSPACE } from './resources.js';
import { closeOnSignals } from './shutdown.js';
import { openStore } from './store/open.js';

/** `npm start`: the reference host on the embedded SQLite store (or the database of DATABASE_URL). */
async function main() {
  const config = loadConfig();
  const { store, secrets, makeDispatcher } = await openStore(config);
  const app = await buildApp({ config, store, secrets, ...(makeDispatcher ? { makeDispatcher } : {}) });
  const resealed = await store.resealSecrets();
  if (resealed > 0)
    app.log.info({ resealed }, 'stored secrets sealed again with the current CONNECTOR_SECRET_KEY');

  closeOnSignals(app, store);

  await app.listen({ port: config.port, host: config.host });
  app.log.info({ public_url: config.publicUrl }, 'pipedrive connector host ready');

  // A first start on a laptop gets one sign-in line, as Jupyter does: a new admin key of the default workspace,
  // printed once to the terminal (never to the log). Anywhere else keys are made with the CLI.
  if (!(await store.hasActiveApiKey())) {
    if (isLoopback(config.host)) {
      const { key } = await issueKey(store, {
        workspace_id: DEFAULT_WORKSPACE,
        admin: true,
        label: 'first start',
        by: null,
      });
      process.stdout.write(
        `\nSign in to the playground (this admin key is shown once; keep it or make another with \`npx pipedrive-connector keys create\`):\n  ${config.publicUrl}/playground#key=${key}\n\n`,
      );
    } else {
      app.log.warn(
        'no API key exists yet: create one with `npx pipedrive-connector keys create --workspace default --admin` (see the README, "Sign in")',
      );
    }
  }
  // A parent that started the host with an IPC channel (a supervisor, the tests) learns that it is up: listening,
  // and the first start's sign-in line written.
  process.send?.('ready', () => process.disconnect());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
