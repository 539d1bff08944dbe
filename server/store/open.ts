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

/** Which store DATABASE_URL names: a SQLite file (absolute) or a PostgreSQL URL; any other scheme is refused. */
export function storeKind(
  config: Pick<Config, 'databaseUrl'>,
): { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string } {
  const file = sqliteFile(config);
  if (file) return { engine: 'sqlite', file };
  if (/^postgres(ql)?:\/\//.test(config.databaseUrl)) return { engine: 'postgres', url: config.databaseUrl };
  throw new Error(
    `Unsupported DATABASE_URL scheme "${config.databaseUrl.split(':')[0]}": use sqlite:<file> or postgres://...`,
  );
}

/**
 * The box that seals the store's credentials: CONNECTOR_SECRET_KEY (with CONNECTOR_SECRET_KEY_PREVIOUS), else,
 * with SQLite, `secret.key` beside the database, generated on the host's first start. With PostgreSQL every host
 * must seal with the same key, so CONNECTOR_SECRET_KEY is required (a generated per-host key file would lock
 * other hosts out). A reader that must not create a key (the CLI) passes `missing`, the error when there is none.
 */
export function storeSecrets(config: Config, missing?: () => Error): SecretBox {
  const previous = config.previousSecretKeys ? { previous: config.previousSecretKeys } : {};
  const kind = storeKind(config);
  if (kind.engine === 'sqlite') {
    return loadSecretBox({
      ...(config.secretKey ? { key: config.secretKey } : {}),
      ...previous,
      dataDir: dirname(kind.file),
      ...(missing ? { missing } : {}),
    });
  }
  if (!config.secretKey) {
    throw (
      missing?.() ??
      new Error(
        'DATABASE_URL is PostgreSQL: set CONNECTOR_SECRET_KEY (the same 32-byte key on every host) so that every host can open the stored credentials.',
      )
    );
  }
  return loadSecretBox({ key: config.secretKey, ...previous, dataDir: '.' });
}

/**
 * The store of DATABASE_URL: `sqlite:<file>` (the default, one host) or `postgres://...` (several hosts, with
 * pg-boss dispatching runs), with the secrets of `storeSecrets`. Migrations run here.
 */
export async function openStore(config: Config): Promise<OpenedStore> {
  const kind = storeKind(config);
  const box = storeSecrets(config);
  if (kind.engine === 'sqlite') return { store: new SqliteStore(kind.file, box), secrets: box };
  const store = await PostgresStore.open(kind.url, box, { max: config.databasePoolSize });
  return {
    store,
    secrets: box,
    makeDispatcher: (sink, logger) =>
      new PgBossDispatcher(store, sink, logger, {
        connectionString: kind.url,
        expireInSeconds: config.runLeaseSeconds,
      }),
  };
}
