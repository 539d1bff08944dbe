import pg from 'pg';
// Run ids are UUIDv7: time-ordered, so the runs' primary key grows at its end instead of at random pages.
import { v7 as runId } from 'uuid';
import { DEFAULT_WORKSPACE } from '../resources.js';
import type { SecretBox } from '../secrets.js';
import { KeyedMutex } from './locks.js';
import { type Db, type Statement, toPostgres } from './sql.js';
import {
  MARK_RUN_FAILED,
  POLLING_SUBSCRIPTIONS,
  REQUEUE_RUN,
  runFailedParams,
  SAVE_POLL,
  SqlStore,
  savePollParams,
  USAGE_AND_RECORD_KEYS,
} from './sql-store.js';
import type { Delivery, DeliveryOutcome, PollOutcome } from './types.js';

/** Schema migrations, applied in order at start under an advisory lock (several hosts may start at once). */
const MIGRATIONS = [
  `CREATE TABLE connections (
     id TEXT PRIMARY KEY,
     type TEXT NOT NULL,
     user_json TEXT NOT NULL,
     api_url TEXT NOT NULL,
     status TEXT NOT NULL DEFAULT 'active',
     secret TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE subscriptions (
     id TEXT PRIMARY KEY,
     connection_id TEXT NOT NULL,
     trigger TEXT NOT NULL,
     input_json TEXT NOT NULL,
     webhook_id BIGINT,
     event_action TEXT NOT NULL,
     event_object TEXT NOT NULL,
     callback_url TEXT NOT NULL,
     user_id BIGINT,
     status TEXT NOT NULL,
     secret TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE INDEX subscriptions_connection ON subscriptions (connection_id);
   CREATE TABLE deliveries (
     seq BIGSERIAL PRIMARY KEY,
     subscription_id TEXT NOT NULL,
     event_id TEXT NOT NULL,
     attempt INTEGER NOT NULL,
     status TEXT NOT NULL,
     reason TEXT,
     received_at TEXT NOT NULL,
     event_json TEXT NOT NULL,
     UNIQUE (subscription_id, event_id)
   );
   CREATE TABLE runs (
     id TEXT PRIMARY KEY,
     seq BIGINT NOT NULL UNIQUE,
     subscription_id TEXT NOT NULL,
     trigger TEXT NOT NULL,
     event_id TEXT NOT NULL,
     status TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     last_error TEXT,
     received_at TEXT NOT NULL,
     next_attempt_at TEXT,
     delivered_at TEXT,
     UNIQUE (subscription_id, event_id)
   );
   CREATE INDEX runs_due ON runs (status, next_attempt_at);
   CREATE INDEX runs_subscription ON runs (subscription_id, seq)`,
  // A run is one delivery's (runs.seq = deliveries.seq; the deliveries' key makes an event unique per
  // subscription): the second unique key cost an index write in random order per delivery.
  `ALTER TABLE runs DROP CONSTRAINT IF EXISTS runs_subscription_id_event_id_key`,
  // Workspaces (issue 14): every row of an older database belongs to the default workspace. ADD COLUMN with a
  // constant default rewrites no row (PostgreSQL 11+); the default is then dropped, so every new row must name
  // its workspace.
  `CREATE TABLE workspaces (
     id TEXT PRIMARY KEY,
     created_at TEXT NOT NULL
   );
   INSERT INTO workspaces (id, created_at)
     VALUES ('${DEFAULT_WORKSPACE}', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));
   CREATE TABLE api_keys (
     id TEXT PRIMARY KEY,
     workspace_id TEXT NOT NULL REFERENCES workspaces (id),
     admin INTEGER NOT NULL,
     label TEXT,
     hash TEXT NOT NULL,
     created_at TEXT NOT NULL,
     last_used_at TEXT,
     revoked_at TEXT
   );
   CREATE INDEX api_keys_workspace ON api_keys (workspace_id, created_at);
   CREATE TABLE audit (
     seq BIGSERIAL PRIMARY KEY,
     at TEXT NOT NULL,
     key_id TEXT,
     workspace_id TEXT NOT NULL,
     action TEXT NOT NULL,
     target_id TEXT
   );
   CREATE INDEX audit_workspace ON audit (workspace_id, seq);
   CREATE TABLE oauth_tickets (
     hash TEXT PRIMARY KEY,
     workspace_id TEXT NOT NULL,
     key_id TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     used_at TEXT
   );
   ALTER TABLE connections ADD COLUMN workspace_id TEXT NOT NULL DEFAULT '${DEFAULT_WORKSPACE}';
   ALTER TABLE subscriptions ADD COLUMN workspace_id TEXT NOT NULL DEFAULT '${DEFAULT_WORKSPACE}';
   ALTER TABLE deliveries ADD COLUMN workspace_id TEXT NOT NULL DEFAULT '${DEFAULT_WORKSPACE}';
   ALTER TABLE runs ADD COLUMN workspace_id TEXT NOT NULL DEFAULT '${DEFAULT_WORKSPACE}';
   ALTER TABLE connections ALTER COLUMN workspace_id DROP DEFAULT;
   ALTER TABLE subscriptions ALTER COLUMN workspace_id DROP DEFAULT;
   ALTER TABLE deliveries ALTER COLUMN workspace_id DROP DEFAULT;
   ALTER TABLE runs ALTER COLUMN workspace_id DROP DEFAULT;
   CREATE INDEX connections_workspace ON connections (workspace_id, created_at);
   CREATE INDEX subscriptions_workspace ON subscriptions (workspace_id, created_at);
   DROP INDEX runs_subscription;
   CREATE INDEX runs_workspace ON runs (workspace_id, seq);
   CREATE INDEX runs_workspace_subscription ON runs (workspace_id, subscription_id, seq);
   CREATE INDEX deliveries_received ON deliveries (received_at, seq)`,
  // Issue 21: an OAuth flow is single-use at its callback too; the audit trail is kept AUDIT_RETENTION_DAYS.
  `ALTER TABLE oauth_tickets ADD COLUMN completed_at TEXT;
   CREATE INDEX audit_at ON audit (at)`,
  // Issue 21: admin keys administer their own workspace; host operators every one. The admin keys of an older
  // database were host-wide: they become admins of their workspace only (docs/decisions.md, "Roles").
  `ALTER TABLE api_keys ADD COLUMN operator INTEGER NOT NULL DEFAULT 0`,
  // Find-or-create keys and the day's token usage (issue 25).
  USAGE_AND_RECORD_KEYS,
  // Polling subscriptions: mode, interval, the poll state and its lease (issue 25).
  POLLING_SUBSCRIPTIONS,
];

/**
 * The job queue's wake-ups (server/queue.ts): a job for each run that becomes due, inserted inside the transaction
 * that makes it due, with that transaction's client, so that no due run is without a job. The run's state is the
 * runs table's; a job only says "look at this run at `startAfter`" and holds the lease of the host delivering it.
 */
export interface RunWakeups {
  enqueue(runIds: string[], client: pg.PoolClient, startAfter?: Date): Promise<void>;
}

const MIGRATION_LOCK = 727_100_001;

/** How long a store call waits for a connection (the pool's or the lock session's) before it fails. */
export const CONNECT_TIMEOUT_MS = 10_000;

export interface PostgresOptions {
  /** Connections of the query pool (default 10); locks use one more connection of their own. */
  max?: number;
  /** Default CONNECT_TIMEOUT_MS. */
  connectTimeoutMs?: number;
}

/** `fn` in one transaction on a client of the pool: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The shared queries on the pool, with `$n` placeholders. A commit is durable when it returns. */
class PostgresDb implements Db {
  constructor(private readonly pool: pg.Pool) {}

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.pool.query(toPostgres(sql), params as unknown[])).rows as T[];
  }

  async get<T>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return (await this.pool.query(toPostgres(sql), params as unknown[])).rowCount ?? 0;
  }

  transaction(statements: readonly Statement[]): Promise<number[]> {
    return inTransaction(this.pool, async (client) => {
      const changes: number[] = [];
      for (const { sql, params } of statements) {
        changes.push((await client.query(toPostgres(sql), params as unknown[])).rowCount ?? 0);
      }
      return changes;
    });
  }

  inList(column: string): string {
    return `${column} = ANY(?)`;
  }

  list(values: readonly (string | number)[]): readonly (string | number)[] {
    return values;
  }
}

/**
 * Cross-host locks: session-level advisory locks, all of this process's on one connection of their own (never
 * one of the pool's, which `fn` needs to read the store). Only `pg_try_advisory_lock` and `pg_advisory_unlock`
 * run on it, one at a time and each at once: a lock another host holds is tried again after a short wait
 * (5 ms, doubling up to 200 ms) instead of blocking the session, so that releasing one lock never waits behind
 * taking another. The KeyedMutex in front makes each key taken here by one holder of this process at a time.
 * If the session is lost, PostgreSQL releases its locks; the next lock opens a new session.
 */
class AdvisoryLocks {
  private session: Promise<pg.Client> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly config: pg.ClientConfig) {}

  private connect(): Promise<pg.Client> {
    if (!this.session) {
      const client = new pg.Client(this.config);
      const session = client.connect().then(() => client);
      const lost = () => {
        if (this.session === session) this.session = undefined;
      };
      client.on('error', (error) => {
        lost();
        process.emitWarning(`PostgreSQL lock session lost: ${error.message}`, 'StoreWarning');
      });
      client.on('end', lost);
      session.catch(lost);
      this.session = session;
    }
    return this.session;
  }

  /**
   * One statement at a time on the session (pg 9 refuses a query while another is running). A statement that
   * fails or times out (`query_timeout`) ends the session: its state is unknown, and ending it releases its locks.
   */
  private query<R extends pg.QueryResultRow>(sql: string, key: string): Promise<R | undefined> {
    const result = this.queue.then(async () => {
      if (this.closed) throw new Error('The store is closed.');
      const session = this.connect();
      const client = await session;
      try {
        return (await client.query<R>(sql, [key])).rows[0];
      } catch (error) {
        if (this.session === session) this.session = undefined;
        client.end().catch(() => undefined);
        throw error;
      }
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  async lock(key: string): Promise<void> {
    for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
      const row = await this.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked',
        key,
      );
      if (row?.locked) return;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** A lost session has released its locks already: nothing to report then. */
  async unlock(key: string): Promise<void> {
    await this.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', key).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
    const session = this.session;
    this.session = undefined;
    if (session) await (await session.catch(() => undefined))?.end();
  }
}

/**
 * The shared store for several hosts: PostgreSQL, same tables and semantics as the SQLite store. Uniqueness of
 * (subscription, event) is the database's, so a delivery retried onto another host makes no second run;
 * `withLock` is an advisory lock, released even if the host dies.
 */
export class PostgresStore extends SqlStore {
  readonly pool: pg.Pool;
  /** Set by the job queue (server/queue.ts): the wake-ups of runs made due by this store. */
  wakeups: RunWakeups | undefined;
  private readonly mutex = new KeyedMutex();
  private readonly locks: AdvisoryLocks;

  private constructor(pool: pg.Pool, locks: AdvisoryLocks, box: SecretBox) {
    super(new PostgresDb(pool), box);
    this.pool = pool;
    this.locks = locks;
  }

  static async open(connectionString: string, box: SecretBox, options: PostgresOptions = {}) {
    const connectionTimeoutMillis = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
    const config = { connectionString, application_name: 'pipedrive-connector', connectionTimeoutMillis };
    const pool = new pg.Pool({ ...config, max: options.max ?? 10 });
    const locks = new AdvisoryLocks({
      ...config,
      application_name: 'pipedrive-connector-locks',
      // Its statements return at once: one that does not is a session to give up (see AdvisoryLocks.query).
      query_timeout: connectionTimeoutMillis,
      keepAlive: true,
    });
    const store = new PostgresStore(pool, locks, box);
    try {
      await store.migrate();
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  private async migrate(): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version');
      const current = rows[0]?.version ?? 0;
      for (const sql of MIGRATIONS.slice(current)) await client.query(sql);
      await client.query('DELETE FROM schema_version');
      await client.query('INSERT INTO schema_version (version) VALUES ($1)', [MIGRATIONS.length]);
    });
  }

  // ---------- the inbox ----------

  async recordDeliveries(deliveries: Delivery[]): Promise<DeliveryOutcome[]> {
    if (deliveries.length === 0) return [];
    return inTransaction(this.pool, (client) => this.writeDeliveries(client, deliveries));
  }

  async recordPoll(
    subscriptionId: string,
    holder: string,
    outcome: PollOutcome,
  ): Promise<DeliveryOutcome[] | undefined> {
    return inTransaction(this.pool, async (client) => {
      // The lease first (the row stays locked until the commit): a holder that lost it writes nothing.
      const saved = await client.query(
        toPostgres(SAVE_POLL),
        savePollParams(subscriptionId, holder, outcome),
      );
      if (!saved.rowCount) return undefined;
      if (outcome.deliveries.length === 0) return [];
      return this.writeDeliveries(client, outcome.deliveries);
    });
  }

  /** The inbox rows and runs of deliveries (and their jobs), in the caller's transaction. */
  private async writeDeliveries(client: pg.PoolClient, deliveries: Delivery[]): Promise<DeliveryOutcome[]> {
    const now = new Date().toISOString();
    // One statement for the batch; duplicates (earlier, or within the batch) are left out by the key.
    const { rows } = await client.query<{ seq: string; subscription_id: string; event_id: string }>(
      `INSERT INTO deliveries (workspace_id, subscription_id, event_id, attempt, status, reason, received_at,
         event_json)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[],
         $8::text[])
       ON CONFLICT (subscription_id, event_id) DO NOTHING
       RETURNING seq, subscription_id, event_id`,
      [
        deliveries.map((d) => d.workspace_id),
        deliveries.map((d) => d.subscription_id),
        deliveries.map((d) => d.event_id),
        deliveries.map((d) => d.attempt),
        deliveries.map((d) => (d.skip ? 'skipped' : 'accepted')),
        deliveries.map((d) => d.skip),
        deliveries.map(() => now),
        deliveries.map((d) => JSON.stringify(d.event)),
      ],
    );
    const inserted = new Map(rows.map((r) => [`${r.subscription_id}\u0000${r.event_id}`, r.seq]));
    const runs: { id: string; seq: string; delivery: Delivery }[] = [];
    const outcomes = deliveries.map((d): DeliveryOutcome => {
      const key = `${d.subscription_id}\u0000${d.event_id}`;
      const seq = inserted.get(key);
      if (seq === undefined) return 'duplicate';
      inserted.delete(key);
      if (d.skip) return 'skipped';
      runs.push({ id: runId(), seq, delivery: d });
      return 'accepted';
    });
    if (runs.length > 0) {
      await client.query(
        `INSERT INTO runs (id, workspace_id, seq, subscription_id, trigger, event_id, status, received_at)
         SELECT id, workspace_id, seq, subscription_id, trigger, event_id, 'pending', $7
         FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[])
           AS t(id, workspace_id, seq, subscription_id, trigger, event_id)`,
        [
          runs.map((r) => r.id),
          runs.map((r) => r.delivery.workspace_id),
          runs.map((r) => r.seq),
          runs.map((r) => r.delivery.subscription_id),
          runs.map((r) => r.delivery.trigger),
          runs.map((r) => r.delivery.event_id),
          now,
        ],
      );
      await this.wakeups?.enqueue(
        runs.map((r) => r.id),
        client,
      );
    }
    return outcomes;
  }

  /** The job queue enqueues the run again in the same transaction. */
  override async requeueRun(id: string): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const { rowCount } = await client.query(toPostgres(REQUEUE_RUN), [id]);
      if (!rowCount) return false;
      await this.wakeups?.enqueue([id], client);
      return true;
    });
  }

  /** A retrying run gets its next wake-up, at its next attempt's time, in the same transaction. */
  override async markRunFailed(id: string, error: string, next: Date | null): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query(toPostgres(MARK_RUN_FAILED), runFailedParams(id, error, next));
      if (next) await this.wakeups?.enqueue([id], client, next);
    });
  }

  withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.mutex.run(key, fn, async (inner) => {
      await this.locks.lock(key);
      try {
        return await inner();
      } finally {
        await this.locks.unlock(key);
      }
    });
  }

  async close(): Promise<void> {
    await this.locks.close();
    await this.pool.end();
  }
}
