/**
 * Databases as the previous release (690a54d) left them: its migrations (test/fixtures/store-690a54d/*.sql), its
 * schema_version, and a few rows of every table in its columns, with what the new store must read from them.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DEFAULT_WORKSPACE } from '../../server/resources.js';
import type { SecretBox } from '../../server/secrets.js';
import { insert, toPostgres } from '../../server/store/sql.js';
import type { ConnectionWithSecret, Run, SubscriptionWithSecret } from '../../server/store/types.js';

/** The migrations of the fixture, in order (each starts at a `-- migration <n>` line). */
function migrations(engine: 'sqlite' | 'postgres'): string[] {
  const text = readFileSync(join(import.meta.dirname, `../fixtures/store-690a54d/${engine}.sql`), 'utf8');
  const found = text.split(/^-- migration \d+$/m).slice(1);
  const count = engine === 'sqlite' ? 3 : 2;
  if (found.length !== count) throw new Error(`${engine}.sql has ${found.length} migrations, not ${count}`);
  return found;
}

export interface OldDatabase {
  /** The SQLite file or the PostgreSQL URL. */
  location: string;
  expected: {
    connections: ConnectionWithSecret[];
    subscriptions: SubscriptionWithSecret[];
    deliveries: Record<string, { total: number; skipped: number }>;
    runs: Run[];
  };
  cleanUp(): Promise<void>;
}

/** Runs one statement; the rows it returns. */
type Exec = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

const at = (day: number, hour = 10) => `2026-01-0${day}T${hour}:00:00.000Z`;

async function writeRows(exec: Exec, box: SecretBox): Promise<OldDatabase['expected']> {
  const connections: ConnectionWithSecret[] = [
    {
      id: 'c-1',
      workspace_id: DEFAULT_WORKSPACE,
      type: 'api_token',
      user: { id: 11, name: 'Mari', company_domain: 'acme' },
      api_url: 'https://api.pipedrive.com',
      status: 'active',
      created_at: at(1),
      updated_at: at(1),
      secret: { api_token: 'old-release-token-0123456789' },
    },
    {
      id: 'c-2',
      workspace_id: DEFAULT_WORKSPACE,
      type: 'oauth2',
      user: { id: 12 },
      api_url: 'https://acme.pipedrive.com',
      status: 'reauthorization_required',
      created_at: at(2),
      updated_at: at(3),
      secret: { access_token: 'old-access-0123', refresh_token: 'old-refresh-4567', expires_at: 5 },
    },
  ];
  for (const { workspace_id: _, user, secret, ...c } of connections) {
    const row = { ...c, user_json: JSON.stringify(user), secret: box.seal(JSON.stringify(secret)) };
    const { sql, params } = insert('connections', row);
    await exec(sql, [...params]);
  }
  const subscription = (
    id: string,
    connection: string,
    day: number,
    status: SubscriptionWithSecret['status'],
    webhook: number | null,
  ): SubscriptionWithSecret => ({
    id,
    workspace_id: DEFAULT_WORKSPACE,
    connection_id: connection,
    trigger: 'updated_deal',
    input: { fields_to_watch: ['stage_id'] },
    webhook_id: webhook,
    event_action: 'change',
    event_object: 'deal',
    callback_url: `https://hooks.example.com/webhooks/pipedrive/${id}`,
    user_id: webhook === null ? null : 11,
    status,
    // Columns of a later migration (POLLING_SUBSCRIPTIONS): what the upgrade gives an older subscription.
    mode: 'webhook',
    interval_seconds: null,
    created_at: at(day),
    updated_at: at(day, 11),
    credentials:
      status === 'deleted'
        ? { http_auth_user: '', http_auth_password: '' }
        : { http_auth_user: `user-${id}`, http_auth_password: `password-${id}` },
  });
  const subscriptions = [
    subscription('s-1', 'c-1', 1, 'active', 4201),
    subscription('s-2', 'c-2', 2, 'deleted', 4202),
    subscription('s-3', 'c-1', 3, 'pending', null),
  ];
  for (const { workspace_id: _, input, credentials, mode: _m, interval_seconds: _i, ...s } of subscriptions) {
    const row = {
      ...s,
      input_json: JSON.stringify(input),
      secret: s.status === 'deleted' ? null : box.seal(JSON.stringify(credentials)),
    };
    const { sql, params } = insert('subscriptions', row);
    await exec(sql, [...params]);
  }
  const runs: Run[] = [];
  const deliveries: Record<string, { total: number; skipped: number }> = {};
  const deliver = async (
    subscriptionId: string,
    eventId: string,
    day: number,
    run: Pick<Run, 'status' | 'attempts' | 'last_error' | 'next_attempt_at' | 'delivered_at'> | 'skipped',
  ) => {
    const event = { event_id: eventId, action: 'change', object: 'deal', data: { id: day } };
    const { sql, params } = insert('deliveries', {
      subscription_id: subscriptionId,
      event_id: eventId,
      attempt: 1,
      status: run === 'skipped' ? 'skipped' : 'accepted',
      reason: run === 'skipped' ? 'filtered' : null,
      received_at: at(day, 12),
      event_json: JSON.stringify(event),
    });
    const [inserted] = await exec(`${sql} RETURNING seq`, [...params]);
    deliveries[subscriptionId] ??= { total: 0, skipped: 0 };
    const counts = deliveries[subscriptionId];
    counts.total += 1;
    if (run === 'skipped') {
      counts.skipped += 1;
      return;
    }
    const row = {
      id: `run-${subscriptionId}-${eventId}`,
      seq: inserted?.seq,
      subscription_id: subscriptionId,
      trigger: 'updated_deal',
      event_id: eventId,
      ...run,
      received_at: at(day, 12),
    };
    const statement = insert('runs', row);
    await exec(statement.sql, [...statement.params]);
    const { seq: _, ...fields } = row;
    runs.push({ ...fields, workspace_id: DEFAULT_WORKSPACE, event });
  };
  const none = { last_error: null, next_attempt_at: null, delivered_at: null };
  await deliver('s-1', 'e-1', 1, { ...none, status: 'delivered', attempts: 1, delivered_at: at(1, 13) });
  await deliver('s-1', 'e-2', 2, 'skipped');
  await deliver('s-1', 'e-3', 3, {
    ...none,
    status: 'dead',
    attempts: 20,
    last_error: 'engine answered 503',
  });
  await deliver('s-3', 'e-1', 4, { ...none, status: 'retrying', attempts: 2, next_attempt_at: at(5) });
  await deliver('s-2', 'e-9', 5, { ...none, status: 'pending', attempts: 0 });
  return { connections, subscriptions, deliveries, runs };
}

export async function oldSqlite(dir: string, box: SecretBox): Promise<OldDatabase> {
  const location = join(dir, 'connector.db');
  const db = new Database(location);
  try {
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const old = migrations('sqlite');
    for (const sql of old) db.exec(sql);
    db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(old.length);
    const expected = await writeRows(async (sql, params) => {
      const statement = db.prepare(sql);
      if (statement.reader) return statement.all(...params) as Record<string, unknown>[];
      statement.run(...params);
      return [];
    }, box);
    return { location, expected, cleanUp: async () => rmSync(dir, { recursive: true, force: true }) };
  } finally {
    db.close();
  }
}

export async function oldPostgres(url: string, box: SecretBox): Promise<OldDatabase> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const old = migrations('postgres');
    for (const sql of old) await client.query(sql);
    await client.query('INSERT INTO schema_version (version) VALUES ($1)', [old.length]);
    const expected = await writeRows(
      async (sql, params) => (await client.query(toPostgres(sql), params)).rows,
      box,
    );
    return { location: url, expected, cleanUp: async () => undefined };
  } finally {
    await client.end();
  }
}
