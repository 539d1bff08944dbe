import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { firstStart } from './first-start.js';
import { freePort } from './free-port.js';
import { closeOnSignals } from './shutdown.js';
import { openStore } from './store/open.js';

/**
 * The configuration; with PORT=0 (any free port) and no PUBLIC_URL, the port is picked first: PUBLIC_URL's
 * default (`http://HOST:PORT`), and so the sign-in link and the webhook callbacks, would name port 0 otherwise.
 */
async function configure() {
  const config = loadConfig();
  if (config.port !== 0 || process.env.PUBLIC_URL) return config;
  return loadConfig({ ...process.env, PORT: String(await freePort(config.host)) });
}

/** `npm start`: the reference host on the embedded SQLite store (or the database of DATABASE_URL). */
async function main() {
  const config = await configure();
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
