import { dirname, resolve } from 'node:path';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { loadSecretBox } from './secrets.js';
import { SqliteStore } from './store/sqlite.js';
import type { Store } from './store/types.js';

/** `npm start`: the reference host on the embedded SQLite store (or the database of DATABASE_URL). */
async function main() {
  const config = loadConfig();
  if (!config.databaseUrl.startsWith('sqlite:')) {
    throw new Error(`Unsupported DATABASE_URL ${config.databaseUrl.split(':')[0]}: use sqlite:<file>`);
  }
  const file = resolve(config.databaseUrl.slice('sqlite:'.length));
  const box = loadSecretBox({
    ...(config.secretKey ? { key: config.secretKey } : {}),
    ...(config.previousSecretKeys ? { previous: config.previousSecretKeys } : {}),
    dataDir: dirname(file),
  });
  const store: Store = new SqliteStore(file, box);
  const app = await buildApp({ config, store });
  const resealed = await store.resealSecrets();
  if (resealed > 0)
    app.log.info({ resealed }, 'stored secrets sealed again with the current CONNECTOR_SECRET_KEY');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  app.log.info({ public_url: config.publicUrl }, 'pipedrive connector host ready');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
