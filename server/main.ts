import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { firstStart } from './first-start.js';
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

  // A first start on a laptop gets a way in that keeps the key out of the log (server/first-start.ts).
  await firstStart(app, store, config);
  // A parent that started the host with an IPC channel (a supervisor, the tests) learns that it is up: listening,
  // and the first start's way in made.
  process.send?.('ready', () => process.disconnect());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
