import { dirname, resolve } from 'node:path';
import type { Logger } from '../../runtime/context.js';
import type { Config } from '../config.js';
import type { RunDispatcher, RunSink } from '../dispatch.js';
import { PgBossDispatcher } from '../queue.js';
import { loadSecretBox, type SecretBox } from '../secrets.js';
import { PostgresStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './types.js';

export interface OpenedStore {
  store: Store;
  /** The box that seals the store's secrets (the host derives its cookie key from it). */
  secrets: SecretBox;
  /** The run dispatcher that goes with the store (PostgreSQL: the pg-boss job queue). */
  makeDispatcher?: (sink: RunSink, logger: Logger) => RunDispatcher;
}

/** The SQLite database file of DATABASE_URL (absolute), or undefined for PostgreSQL. */
export function sqliteFile(config: Pick<Config, 'databaseUrl'>): string | undefined {
  return config.databaseUrl.startsWith('sqlite:')
    ? resolve(config.databaseUrl.slice('sqlite:'.length))
    : undefined;
}

/**
 * The store of DATABASE_URL: `sqlite:<file>` (the default, one host) or `postgres://...` (several hosts, with
 * pg-boss dispatching runs). Migrations run here. With PostgreSQL every host must seal secrets with the same
 * key, so CONNECTOR_SECRET_KEY is required (a generated per-host key file would lock other hosts out).
 */
export async function openStore(config: Config): Promise<OpenedStore> {
  const previous = config.previousSecretKeys ? { previous: config.previousSecretKeys } : {};
  const file = sqliteFile(config);
  if (file) {
    const box = loadSecretBox({
      ...(config.secretKey ? { key: config.secretKey } : {}),
      ...previous,
      dataDir: dirname(file),
    });
    return { store: new SqliteStore(file, box), secrets: box };
  }
  if (/^postgres(ql)?:\/\//.test(config.databaseUrl)) {
    if (!config.secretKey) {
      throw new Error(
        'DATABASE_URL is PostgreSQL: set CONNECTOR_SECRET_KEY (the same 32-byte key on every host) so that every host can open the stored credentials.',
      );
    }
    const box = loadSecretBox({ key: config.secretKey, ...previous, dataDir: '.' });
    const store = await PostgresStore.open(config.databaseUrl, box, { max: config.databasePoolSize });
    return {
      store,
      secrets: box,
      makeDispatcher: (sink, logger) =>
        new PgBossDispatcher(store, sink, logger, {
          connectionString: config.databaseUrl,
          expireInSeconds: config.runLeaseSeconds,
        }),
    };
  }
  throw new Error(
    `Unsupported DATABASE_URL scheme "${config.databaseUrl.split(':')[0]}": use sqlite:<file> or postgres://...`,
  );
}
