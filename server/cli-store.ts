import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Auth } from '../runtime/context.js';
import { ConnectorError } from '../runtime/errors.js';
import type { Config } from './config.js';
import { DEFAULT_WORKSPACE } from './resources.js';
import { loadSecretBox } from './secrets.js';
import { openStore } from './store/open.js';
import { type ConnectionRow, toConnection } from './store/rows.js';
import type { ConnectionWithSecret, OAuthSecret, Store } from './store/types.js';

/**
 * The CLI's views of the host's store. `call --connection` reads one connection, read-only: nothing is written,
 * no migration, no key generated, no OAuth token refreshed (a refresh would have to be stored, and the host owns
 * that). The `keys` commands write: they open the store as the host does (`withHostStore`).
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
  const url = config.databaseUrl;
  if (url.startsWith('sqlite:')) {
    const file = resolve(url.slice('sqlite:'.length));
    if (!existsSync(file)) throw storeError(`there is no host database at ${file} (DATABASE_URL)`);
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return db.prepare('SELECT * FROM connections WHERE id = ?').get(id) as StoredRow | undefined;
    } finally {
      db.close();
    }
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const client = new pg.Client({ connectionString: url, options: '-c default_transaction_read_only=on' });
    await client.connect();
    try {
      return (await client.query<StoredRow>('SELECT * FROM connections WHERE id = $1', [id])).rows[0];
    } finally {
      await client.end();
    }
  }
  throw storeError(`DATABASE_URL must be sqlite:<file> or postgres://... (it is ${url.split(':')[0]}:...)`);
}

function storeError(message: string): ConnectorError {
  return new ConnectorError('invalid_input', `Cannot read the host's connections: ${message}.`);
}

/** The sealing key as the host finds it (CONNECTOR_SECRET_KEY, else `<data dir>/secret.key`), never created. */
function secretBox(config: Config) {
  const previous = config.previousSecretKeys ? { previous: config.previousSecretKeys } : {};
  if (config.secretKey) return loadSecretBox({ key: config.secretKey, ...previous, dataDir: '.' });
  const url = config.databaseUrl;
  const dataDir = url.startsWith('sqlite:') ? dirname(resolve(url.slice('sqlite:'.length))) : undefined;
  if (!dataDir || !existsSync(join(dataDir, 'secret.key'))) {
    throw storeError('set CONNECTOR_SECRET_KEY to the key the host seals credentials with');
  }
  return loadSecretBox({ ...previous, dataDir });
}

/** A stored connection with its secret opened; `not_found` when there is none. */
export async function readConnection(config: Config, id: string): Promise<ConnectionWithSecret> {
  const box = secretBox(config);
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
 * `ctx.auth` of a stored connection. OAuth tokens are used as stored; an expired one is refused here rather
 * than refreshed, since only the host may store a refreshed token.
 */
export function connectionAuth(connection: ConnectionWithSecret, now = Date.now()): Auth {
  const { id, secret } = connection;
  if (connection.status === 'reauthorization_required') {
    throw new ConnectorError(
      'reauthorization_required',
      `Connection ${id} must be authorized again through the host (GET /oauth/start).`,
      { connection_id: id },
    );
  }
  if ('api_token' in secret)
    return { type: 'api_token', apiToken: secret.api_token, apiUrl: connection.api_url };
  const oauth = secret as OAuthSecret;
  if (oauth.expires_at !== undefined && oauth.expires_at <= now) {
    throw new ConnectorError(
      'unauthorized',
      `The access token of OAuth connection ${id} has expired, and the CLI does not refresh tokens (it reads the host's store read-only). Run the operation through the host (POST /operations/<name>), which refreshes it, or use PIPEDRIVE_API_TOKEN.`,
      { connection_id: id },
    );
  }
  return {
    type: 'oauth2',
    accessToken: oauth.access_token,
    apiDomain: connection.api_url,
    ...(oauth.expires_at !== undefined ? { expiresAt: oauth.expires_at } : {}),
  };
}
