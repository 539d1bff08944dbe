import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Auth } from '../runtime/context.js';
import { ConnectorError } from '../runtime/errors.js';
import type { Config } from './config.js';
import { connectionAuth } from './connections.js';
import { reauthorizationRequired } from './oauth.js';
import { DEFAULT_WORKSPACE } from './resources.js';
import { openStore, storeKind, storeSecrets } from './store/open.js';
import { type ConnectionRow, toConnection } from './store/rows.js';
import type { ConnectionWithSecret, OAuthSecret, Store } from './store/types.js';

/**
 * The CLI's views of the host's store. `call --connection` reads one connection, read-only: nothing is written,
 * no migration, no key generated, no OAuth token refreshed (a refresh would have to be stored, and the host owns
 * that). The `keys` commands write: they open the store as the host does (`withHostStore`). Which store, which
 * sealing key and how a connection becomes auth are the host's own code (server/store/open.ts,
 * server/connections.ts), not repeated here.
 */

/** The host's store (DATABASE_URL, CONNECTOR_SECRET_KEY), opened with its migrations, for `fn`; closed after. */
export async function withHostStore<T>(config: Config, fn: (store: Store) => Promise<T>): Promise<T> {
  const { store } = await openStore(config);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** A connection row of any schema since 5.0.0 (a database the host has not upgraded yet has no workspace_id). */
type StoredRow = Omit<ConnectionRow, 'workspace_id'> & { workspace_id?: string };

async function readRow(config: Config, id: string): Promise<StoredRow | undefined> {
  const kind = storeKind(config);
  if (kind.engine === 'sqlite') {
    if (!existsSync(kind.file)) throw storeError(`there is no host database at ${kind.file} (DATABASE_URL)`);
    const db = new Database(kind.file, { readonly: true, fileMustExist: true });
    try {
      return db.prepare('SELECT * FROM connections WHERE id = ?').get(id) as StoredRow | undefined;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({
    connectionString: kind.url,
    options: '-c default_transaction_read_only=on',
  });
  await client.connect();
  try {
    return (await client.query<StoredRow>('SELECT * FROM connections WHERE id = $1', [id])).rows[0];
  } finally {
    await client.end();
  }
}

function storeError(message: string): ConnectorError {
  return new ConnectorError('invalid_input', `Cannot read the host's connections: ${message}.`);
}

/** A stored connection with its secret opened; `not_found` when there is none. */
export async function readConnection(config: Config, id: string): Promise<ConnectionWithSecret> {
  // The sealing key as the host finds it, never created here.
  const box = storeSecrets(config, () =>
    storeError('set CONNECTOR_SECRET_KEY to the key the host seals credentials with'),
  );
  const row = await readRow(config, id);
  if (!row) throw new ConnectorError('not_found', `Connection ${id} not found.`, { connection_id: id });
  let secret: ConnectionWithSecret['secret'];
  try {
    secret = JSON.parse(box.open(row.secret));
  } catch (error) {
    throw storeError(`the credentials of connection ${id} do not open (${(error as Error).message})`);
  }
  return { ...toConnection({ workspace_id: DEFAULT_WORKSPACE, ...row }), secret };
}

/**
 * `ctx.auth` of a stored connection, as the host makes it (`connectionAuth`) but without a refresh: an expired
 * OAuth token is refused here rather than refreshed, since only the host may store a refreshed token.
 */
export function cliAuth(connection: ConnectionWithSecret, now = Date.now()): Auth {
  const { id } = connection;
  if (connection.status === 'reauthorization_required') throw reauthorizationRequired(id);
  const expiresAt = (connection.secret as Partial<OAuthSecret>).expires_at;
  if (connection.type === 'oauth2' && expiresAt !== undefined && expiresAt <= now) {
    throw new ConnectorError(
      'unauthorized',
      `The access token of OAuth connection ${id} has expired, and the CLI does not refresh tokens (it reads the host's store read-only). Run the operation through the host (POST /operations/<name>), which refreshes it, or use PIPEDRIVE_API_TOKEN.`,
      { connection_id: id },
    );
  }
  return connectionAuth(connection);
}
