import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
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
import { Checkpointer, WalSync } from './wal-sync.js';

const MIGRATIONS = [
  `CREATE TABLE IF NOT EXISTS connections (
     id TEXT PRIMARY KEY,
     type TEXT NOT NULL,
     user_json TEXT NOT NULL,
     api_url TEXT NOT NULL,
     status TEXT NOT NULL DEFAULT 'active',
     secret TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   )`,
  `CREATE TABLE subscriptions (
     id TEXT PRIMARY KEY,
     connection_id TEXT NOT NULL,
     trigger TEXT NOT NULL,
     input_json TEXT NOT NULL,
     webhook_id INTEGER,
     event_action TEXT NOT NULL,
     event_object TEXT NOT NULL,
     callback_url TEXT NOT NULL,
     user_id INTEGER,
     status TEXT NOT NULL,
     secret TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE INDEX subscriptions_connection ON subscriptions (connection_id);
   CREATE TABLE deliveries (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
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
     seq INTEGER NOT NULL UNIQUE,
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
  // A run is one delivery's (runs.seq = deliveries.seq, and the deliveries' key already makes an event unique
  // per subscription): the second unique key on runs cost a random-order index write per delivery. Rebuilt,
  // as SQLite cannot drop a table constraint in place.
  `CREATE TABLE runs_v3 (
     id TEXT PRIMARY KEY,
     seq INTEGER NOT NULL UNIQUE,
     subscription_id TEXT NOT NULL,
     trigger TEXT NOT NULL,
     event_id TEXT NOT NULL,
     status TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     last_error TEXT,
     received_at TEXT NOT NULL,
     next_attempt_at TEXT,
     delivered_at TEXT
   );
   INSERT INTO runs_v3 SELECT id, seq, subscription_id, trigger, event_id, status, attempts, last_error, received_at,
     next_attempt_at, delivered_at FROM runs;
   DROP TABLE runs;
   ALTER TABLE runs_v3 RENAME TO runs;
   CREATE INDEX runs_due ON runs (status, next_attempt_at);
   CREATE INDEX runs_subscription ON runs (subscription_id, seq)`,
];

/** The embedded store: one SQLite file (WAL mode), secrets sealed with the SecretBox. */
export class SqliteStore implements Store {
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  /** Prepared once, reused: preparing costs more than running most of these statements. */
  private statement(sql: string): Database.Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }
  private readonly inbox: { delivery: Database.Statement; run: Database.Statement };

  constructor(
    readonly file: string,
    private readonly box: SecretBox,
  ) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // NORMAL, plus an fsync of the WAL on the thread pool after every write (`durable()`): a delivery
    // acknowledged with 2xx survives a crash of the machine, not only of the process, as with FULL, but the
    // event loop does not stop for the fsync. Deliveries are written in batches (group commit).
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    // Checkpoints run on a worker thread (Checkpointer), not inside a commit on the event loop.
    if (file !== ':memory:') this.db.pragma('wal_autocheckpoint = 0');
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const row = this.statement('SELECT version FROM schema_version').get() as { version: number } | undefined;
    const current = row?.version ?? 0;
    const migrate = this.db.transaction(() => {
      for (const sql of MIGRATIONS.slice(current)) this.db.exec(sql);
      this.db.exec('DELETE FROM schema_version');
      this.statement('INSERT INTO schema_version (version) VALUES (?)').run(MIGRATIONS.length);
    });
    migrate();
    this.inbox = {
      delivery: this.statement(
        `INSERT INTO deliveries (subscription_id, event_id, attempt, status, reason, received_at, event_json)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (subscription_id, event_id) DO NOTHING`,
      ),
      run: this.statement(
        `INSERT INTO runs (id, seq, subscription_id, trigger, event_id, status, received_at)
         VALUES (?, ?, ?, ?, ?, 'pending', ?)`,
      ),
    };
    this.wal = file === ':memory:' ? undefined : new WalSync(`${file}-wal`);
  }

  private readonly wal: WalSync | undefined;
  private checkpointer: Checkpointer | undefined;

  /** Resolves once every write committed so far is on disk (see WalSync); starts checkpointing at the first. */
  private async durable(): Promise<void> {
    if (!this.wal) return;
    this.checkpointer ??= new Checkpointer(this.file, (message) =>
      process.emitWarning(`SQLite checkpoint of ${this.file} failed: ${message}`, 'CheckpointWarning'),
    );
    await this.wal.flush();
  }

  async createConnection(connection: NewConnection): Promise<Connection> {
    const row = newConnectionRow(connection, this.box);
    this.db
      .prepare(
        `INSERT INTO connections (id, type, user_json, api_url, status, secret, created_at, updated_at)
         VALUES (@id, @type, @user_json, @api_url, @status, @secret, @created_at, @updated_at)`,
      )
      .run(row);
    await this.durable();
    return toConnection(row);
  }

  async getConnection(id: string): Promise<ConnectionWithSecret | undefined> {
    const row = this.statement('SELECT * FROM connections WHERE id = ?').get(id) as ConnectionRow | undefined;
    return row && toConnectionWithSecret(row, this.box);
  }

  async listConnections(): Promise<Connection[]> {
    const rows = this.statement('SELECT * FROM connections ORDER BY created_at').all() as ConnectionRow[];
    return rows.map((row) => toConnection(row));
  }

  async deleteConnection(id: string): Promise<boolean> {
    const deleted = this.statement('DELETE FROM connections WHERE id = ?').run(id).changes > 0;
    await this.durable();
    return deleted;
  }

  async updateConnectionSecret(id: string, secret: ConnectionSecret, apiUrl?: string): Promise<void> {
    this.db
      .prepare(
        `UPDATE connections SET secret = ?, api_url = COALESCE(?, api_url), status = 'active', updated_at = ?
         WHERE id = ?`,
      )
      .run(this.box.seal(JSON.stringify(secret)), apiUrl ?? null, new Date().toISOString(), id);
    await this.durable();
  }

  async setConnectionStatus(id: string, status: Connection['status']): Promise<void> {
    this.db
      .prepare('UPDATE connections SET status = ?, updated_at = ? WHERE id = ?')
      .run(status, new Date().toISOString(), id);
    await this.durable();
  }

  async resealSecrets(): Promise<number> {
    let count = 0;
    const reseal = this.db.transaction(() => {
      for (const table of ['connections', 'subscriptions']) {
        const rows = this.statement(`SELECT id, secret FROM ${table} WHERE secret IS NOT NULL`).all() as {
          id: string;
          secret: string;
        }[];
        const update = this.statement(`UPDATE ${table} SET secret = ? WHERE id = ?`);
        for (const row of rows) {
          if (!this.box.isStale(row.secret)) continue;
          update.run(this.box.seal(this.box.open(row.secret)), row.id);
          count += 1;
        }
      }
    });
    reseal();
    await this.durable();
    return count;
  }

  // ---------- subscriptions ----------

  async createSubscription(subscription: NewSubscription): Promise<Subscription> {
    const row = newSubscriptionRow(subscription, this.box);
    this.db
      .prepare(
        `INSERT INTO subscriptions (id, connection_id, trigger, input_json, webhook_id, event_action, event_object,
           callback_url, user_id, status, secret, created_at, updated_at)
         VALUES (@id, @connection_id, @trigger, @input_json, @webhook_id, @event_action, @event_object,
           @callback_url, @user_id, @status, @secret, @created_at, @updated_at)`,
      )
      .run(row);
    await this.durable();
    return toSubscription(row);
  }

  async getSubscription(id: string): Promise<SubscriptionWithSecret | undefined> {
    const row = this.statement('SELECT * FROM subscriptions WHERE id = ?').get(id) as
      | SubscriptionRow
      | undefined;
    return row && toSubscriptionWithSecret(row, this.box);
  }

  async listSubscriptions(filter: { connection_id?: string } = {}): Promise<Subscription[]> {
    const rows = (
      filter.connection_id
        ? this.db
            .prepare(
              `SELECT * FROM subscriptions WHERE status != 'deleted' AND connection_id = ? ORDER BY created_at`,
            )
            .all(filter.connection_id)
        : this.statement(`SELECT * FROM subscriptions WHERE status != 'deleted' ORDER BY created_at`).all()
    ) as SubscriptionRow[];
    return rows.map((row) => toSubscription(row));
  }

  async activateSubscription(id: string, webhookId: number): Promise<void> {
    this.db
      .prepare(`UPDATE subscriptions SET status = 'active', webhook_id = ?, updated_at = ? WHERE id = ?`)
      .run(webhookId, new Date().toISOString(), id);
    await this.durable();
  }

  async markSubscriptionDeleted(id: string): Promise<void> {
    this.db
      .prepare(`UPDATE subscriptions SET status = 'deleted', secret = NULL, updated_at = ? WHERE id = ?`)
      .run(new Date().toISOString(), id);
    await this.durable();
  }

  async discardSubscription(id: string): Promise<void> {
    this.statement('DELETE FROM subscriptions WHERE id = ?').run(id);
    await this.durable();
  }

  // ---------- the inbox and runs ----------

  async recordDeliveries(deliveries: Delivery[]): Promise<DeliveryOutcome[]> {
    const { delivery, run } = this.inbox;
    const write = this.db.transaction((batch: Delivery[]) =>
      batch.map((d): DeliveryOutcome => {
        const now = new Date().toISOString();
        const inserted = delivery.run(
          d.subscription_id,
          d.event_id,
          d.attempt,
          d.skip ? 'skipped' : 'accepted',
          d.skip,
          now,
          JSON.stringify(d.event),
        );
        if (inserted.changes === 0) return 'duplicate';
        if (d.skip) return 'skipped';
        run.run(runId(), inserted.lastInsertRowid, d.subscription_id, d.trigger, d.event_id, now);
        return 'accepted';
      }),
    );
    const outcomes = write(deliveries);
    await this.durable();
    return outcomes;
  }

  async dueRuns(limit: number, now: Date): Promise<Run[]> {
    const rows = this.db
      .prepare(
        `SELECT ${RUN_COLUMNS} FROM ${RUN_JOIN}
         WHERE r.status = 'pending' OR (r.status = 'retrying' AND r.next_attempt_at <= ?)
         ORDER BY r.seq LIMIT ?`,
      )
      .all(now.toISOString(), limit) as RunRow[];
    return rows.map(toRun);
  }

  async markRunsDelivered(ids: string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    const update = this.statement(
      `UPDATE runs SET status = 'delivered', attempts = attempts + 1, delivered_at = ?, next_attempt_at = NULL,
       last_error = NULL WHERE id = ?`,
    );
    // One transaction (one sync to disk) for the batch.
    this.db.transaction(() => {
      for (const id of ids) update.run(at.toISOString(), id);
    })();
    await this.durable();
  }

  async markRunFailed(id: string, error: string, next: Date | null): Promise<void> {
    this.db
      .prepare(
        `UPDATE runs SET status = ?, attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?`,
      )
      .run(next ? 'retrying' : 'dead', error.slice(0, 1000), next?.toISOString() ?? null, id);
    await this.durable();
  }

  async requeueRun(id: string): Promise<boolean> {
    const queued =
      this.statement(
        `UPDATE runs SET status = 'pending', next_attempt_at = NULL WHERE id = ? AND status != 'delivered'`,
      ).run(id).changes > 0;
    await this.durable();
    return queued;
  }

  async getRun(id: string): Promise<Run | undefined> {
    const row = this.statement(`SELECT ${RUN_COLUMNS} FROM ${RUN_JOIN} WHERE r.id = ?`).get(id) as
      | RunRow
      | undefined;
    return row ? toRun(row) : undefined;
  }

  async listRuns(query: RunQuery): Promise<{ runs: Run[]; next_cursor: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.subscription_id) {
      where.push('r.subscription_id = ?');
      params.push(query.subscription_id);
    }
    if (query.status) {
      where.push('r.status = ?');
      params.push(query.status);
    }
    if (query.cursor) {
      where.push('r.seq > ?');
      params.push(Number(query.cursor));
    }
    const rows = this.db
      .prepare(
        `SELECT ${RUN_COLUMNS} FROM ${RUN_JOIN} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY r.seq LIMIT ?`,
      )
      .all(...params, query.limit + 1) as RunRow[];
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      runs: page.map(toRun),
      next_cursor: rows.length > query.limit && last ? String(last.seq) : null,
    };
  }

  async countDeliveries(subscriptionId?: string): Promise<{ total: number; skipped: number }> {
    const row = (
      subscriptionId
        ? this.db
            .prepare(
              `SELECT COUNT(*) AS total, SUM(status = 'skipped') AS skipped FROM deliveries WHERE subscription_id = ?`,
            )
            .get(subscriptionId)
        : this.db
            .prepare(`SELECT COUNT(*) AS total, SUM(status = 'skipped') AS skipped FROM deliveries`)
            .get()
    ) as { total: number; skipped: number | null };
    return { total: row.total, skipped: row.skipped ?? 0 };
  }

  private readonly locks = new Map<string, Promise<unknown>>();

  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(key) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(fn);
    const tail = run.catch(() => undefined);
    this.locks.set(key, tail);
    try {
      return await run;
    } finally {
      if (this.locks.get(key) === tail) this.locks.delete(key);
    }
  }

  async close(): Promise<void> {
    await this.checkpointer?.close();
    await this.wal?.close();
    // The last connection to close checkpoints the rest of the WAL and removes it.
    this.db.close();
  }
}
