import pg from 'pg';
// Run ids are UUIDv7: time-ordered, so the runs' primary key grows at its end instead of at random pages.
import { v7 as runId } from 'uuid';
import type { SecretBox } from '../secrets.js';
import {
  type ConnectionRow,
  newConnectionRow,
  newSubscriptionRow,
  RUN_COLUMNS,
  RUN_JOIN,
  type RunRow,
  type SubscriptionRow,
  toConnection,
  toConnectionWithSecret,
  toRun,
  toSubscription,
  toSubscriptionWithSecret,
} from './rows.js';
import type {
  Connection,
  ConnectionSecret,
  ConnectionWithSecret,
  Delivery,
  DeliveryOutcome,
  NewConnection,
  NewSubscription,
  Run,
  RunQuery,
  Store,
  Subscription,
  SubscriptionWithSecret,
} from './types.js';

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
];

/** Called inside the transaction that created runs, with that transaction's client (to enqueue jobs). */
export type RunsCreated = (runIds: string[], client: pg.PoolClient) => Promise<void>;

const MIGRATION_LOCK = 727_100_001;

/**
 * The shared store for several hosts: PostgreSQL, same tables and semantics as the SQLite store. Uniqueness of
 * (subscription, event) is the database's, so a delivery retried onto another host makes no second run;
 * `withLock` is a transaction-scoped advisory lock, released even if the host dies.
 */
export class PostgresStore implements Store {
  readonly pool: pg.Pool;
  /** Set by the job queue: enqueue the new runs in the same transaction that created them. */
  onRunsCreated: RunsCreated | undefined;

  private constructor(
    pool: pg.Pool,
    private readonly box: SecretBox,
  ) {
    this.pool = pool;
  }

  static async open(connectionString: string, box: SecretBox, options: { max?: number } = {}) {
    const pool = new pg.Pool({
      connectionString,
      max: options.max ?? 10,
      application_name: 'pipedrive-connector',
    });
    const store = new PostgresStore(pool, box);
    await store.migrate();
    return store;
  }

  private async migrate(): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version');
      const current = rows[0]?.version ?? 0;
      for (const sql of MIGRATIONS.slice(current)) await client.query(sql);
      await client.query('DELETE FROM schema_version');
      await client.query('INSERT INTO schema_version (version) VALUES ($1)', [MIGRATIONS.length]);
    });
  }

  private async transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
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

  private async rows<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
    return (await this.pool.query<T>(sql, values)).rows;
  }

  // ---------- connections ----------

  async createConnection(connection: NewConnection): Promise<Connection> {
    const row = newConnectionRow(connection, this.box);
    await this.pool.query(
      `INSERT INTO connections (id, type, user_json, api_url, status, secret, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [row.id, row.type, row.user_json, row.api_url, row.status, row.secret, row.created_at, row.updated_at],
    );
    return toConnection(row);
  }

  async getConnection(id: string): Promise<ConnectionWithSecret | undefined> {
    const [row] = await this.rows<ConnectionRow>('SELECT * FROM connections WHERE id = $1', [id]);
    return row && toConnectionWithSecret(row, this.box);
  }

  async listConnections(): Promise<Connection[]> {
    return (await this.rows<ConnectionRow>('SELECT * FROM connections ORDER BY created_at')).map(
      toConnection,
    );
  }

  async deleteConnection(id: string): Promise<boolean> {
    return ((await this.pool.query('DELETE FROM connections WHERE id = $1', [id])).rowCount ?? 0) > 0;
  }

  async updateConnectionSecret(id: string, secret: ConnectionSecret, apiUrl?: string): Promise<void> {
    await this.pool.query(
      `UPDATE connections SET secret = $1, api_url = COALESCE($2, api_url), status = 'active', updated_at = $3
       WHERE id = $4`,
      [this.box.seal(JSON.stringify(secret)), apiUrl ?? null, new Date().toISOString(), id],
    );
  }

  async setConnectionStatus(id: string, status: Connection['status']): Promise<void> {
    await this.pool.query('UPDATE connections SET status = $1, updated_at = $2 WHERE id = $3', [
      status,
      new Date().toISOString(),
      id,
    ]);
  }

  async resealSecrets(): Promise<number> {
    return this.transaction(async (client) => {
      let count = 0;
      for (const table of ['connections', 'subscriptions']) {
        const { rows } = await client.query<{ id: string; secret: string }>(
          `SELECT id, secret FROM ${table} WHERE secret IS NOT NULL FOR UPDATE`,
        );
        for (const row of rows) {
          if (!this.box.isStale(row.secret)) continue;
          await client.query(`UPDATE ${table} SET secret = $1 WHERE id = $2`, [
            this.box.seal(this.box.open(row.secret)),
            row.id,
          ]);
          count += 1;
        }
      }
      return count;
    });
  }

  // ---------- subscriptions ----------

  async createSubscription(subscription: NewSubscription): Promise<Subscription> {
    const row = newSubscriptionRow(subscription, this.box);
    await this.pool.query(
      `INSERT INTO subscriptions (id, connection_id, trigger, input_json, webhook_id, event_action, event_object,
         callback_url, user_id, status, secret, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        row.id,
        row.connection_id,
        row.trigger,
        row.input_json,
        row.webhook_id,
        row.event_action,
        row.event_object,
        row.callback_url,
        row.user_id,
        row.status,
        row.secret,
        row.created_at,
        row.updated_at,
      ],
    );
    return toSubscription(row);
  }

  async getSubscription(id: string): Promise<SubscriptionWithSecret | undefined> {
    const [row] = await this.rows<SubscriptionRow>('SELECT * FROM subscriptions WHERE id = $1', [id]);
    return row && toSubscriptionWithSecret(row, this.box);
  }

  async listSubscriptions(filter: { connection_id?: string } = {}): Promise<Subscription[]> {
    const rows = filter.connection_id
      ? await this.rows<SubscriptionRow>(
          `SELECT * FROM subscriptions WHERE status != 'deleted' AND connection_id = $1 ORDER BY created_at`,
          [filter.connection_id],
        )
      : await this.rows<SubscriptionRow>(
          `SELECT * FROM subscriptions WHERE status != 'deleted' ORDER BY created_at`,
        );
    return rows.map((row) => ({
      ...toSubscription(row),
      user_id: row.user_id === null ? null : Number(row.user_id),
    }));
  }

  async activateSubscription(id: string, webhookId: number): Promise<void> {
    await this.pool.query(
      `UPDATE subscriptions SET status = 'active', webhook_id = $1, updated_at = $2 WHERE id = $3`,
      [webhookId, new Date().toISOString(), id],
    );
  }

  async markSubscriptionDeleted(id: string): Promise<void> {
    await this.pool.query(
      `UPDATE subscriptions SET status = 'deleted', secret = NULL, updated_at = $1 WHERE id = $2`,
      [new Date().toISOString(), id],
    );
  }

  async discardSubscription(id: string): Promise<void> {
    await this.pool.query('DELETE FROM subscriptions WHERE id = $1', [id]);
  }

  // ---------- the inbox and runs ----------

  async recordDeliveries(deliveries: Delivery[]): Promise<DeliveryOutcome[]> {
    if (deliveries.length === 0) return [];
    return this.transaction(async (client) => {
      const now = new Date().toISOString();
      // One statement for the batch; duplicates (earlier, or within the batch) are left out by the key.
      const { rows } = await client.query<{ seq: string; subscription_id: string; event_id: string }>(
        `INSERT INTO deliveries (subscription_id, event_id, attempt, status, reason, received_at, event_json)
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[])
         ON CONFLICT (subscription_id, event_id) DO NOTHING
         RETURNING seq, subscription_id, event_id`,
        [
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
          `INSERT INTO runs (id, seq, subscription_id, trigger, event_id, status, received_at)
           SELECT id, seq, subscription_id, trigger, event_id, 'pending', $6
           FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[])
             AS t(id, seq, subscription_id, trigger, event_id)`,
          [
            runs.map((r) => r.id),
            runs.map((r) => r.seq),
            runs.map((r) => r.delivery.subscription_id),
            runs.map((r) => r.delivery.trigger),
            runs.map((r) => r.delivery.event_id),
            now,
          ],
        );
        if (this.onRunsCreated)
          await this.onRunsCreated(
            runs.map((r) => r.id),
            client,
          );
      }
      return outcomes;
    });
  }

  async dueRuns(limit: number, now: Date): Promise<Run[]> {
    const rows = await this.rows<RunRow>(
      `SELECT ${RUN_COLUMNS} FROM ${RUN_JOIN}
       WHERE r.status = 'pending' OR (r.status = 'retrying' AND r.next_attempt_at <= $1)
       ORDER BY r.seq LIMIT $2`,
      [now.toISOString(), limit],
    );
    return rows.map(toRun);
  }

  async markRunsDelivered(ids: string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.pool.query(
      `UPDATE runs SET status = 'delivered', attempts = attempts + 1, delivered_at = $1, next_attempt_at = NULL,
       last_error = NULL WHERE id = ANY($2::text[])`,
      [at.toISOString(), ids],
    );
  }

  async markRunFailed(id: string, error: string, next: Date | null): Promise<void> {
    await this.pool.query(
      `UPDATE runs SET status = $1, attempts = attempts + 1, last_error = $2, next_attempt_at = $3 WHERE id = $4`,
      [next ? 'retrying' : 'dead', error.slice(0, 1000), next?.toISOString() ?? null, id],
    );
  }

  async requeueRun(id: string): Promise<boolean> {
    return this.transaction(async (client) => {
      const { rowCount } = await client.query(
        `UPDATE runs SET status = 'pending', next_attempt_at = NULL WHERE id = $1 AND status != 'delivered'`,
        [id],
      );
      if (!rowCount) return false;
      if (this.onRunsCreated) await this.onRunsCreated([id], client);
      return true;
    });
  }

  async getRun(id: string): Promise<Run | undefined> {
    const [row] = await this.rows<RunRow>(`SELECT ${RUN_COLUMNS} FROM ${RUN_JOIN} WHERE r.id = $1`, [id]);
    return row ? toRun(row) : undefined;
  }

  async listRuns(query: RunQuery): Promise<{ runs: Run[]; next_cursor: string | null }> {
    const where: string[] = [];
    const values: unknown[] = [];
    const param = (value: unknown) => {
      values.push(value);
      return `$${values.length}`;
    };
    if (query.subscription_id) where.push(`r.subscription_id = ${param(query.subscription_id)}`);
    if (query.status) where.push(`r.status = ${param(query.status)}`);
    if (query.cursor) where.push(`r.seq > ${param(query.cursor)}`);
    const rows = await this.rows<RunRow>(
      `SELECT ${RUN_COLUMNS} FROM ${RUN_JOIN} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY r.seq LIMIT ${param(query.limit + 1)}`,
      values,
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      runs: page.map(toRun),
      next_cursor: rows.length > query.limit && last ? String(last.seq) : null,
    };
  }

  async countDeliveries(subscriptionId?: string): Promise<{ total: number; skipped: number }> {
    const [row] = subscriptionId
      ? await this.rows<{ total: string; skipped: string | null }>(
          `SELECT COUNT(*) AS total, SUM(CASE WHEN status = 'skipped' THEN 1 ELSE 0 END) AS skipped
           FROM deliveries WHERE subscription_id = $1`,
          [subscriptionId],
        )
      : await this.rows<{ total: string; skipped: string | null }>(
          `SELECT COUNT(*) AS total, SUM(CASE WHEN status = 'skipped' THEN 1 ELSE 0 END) AS skipped FROM deliveries`,
        );
    return { total: Number(row?.total ?? 0), skipped: Number(row?.skipped ?? 0) };
  }

  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
      return fn();
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
