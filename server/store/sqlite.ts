import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
// Run ids are UUIDv7: time-ordered, so the runs' primary key grows at its end instead of at random pages.
import { v7 as runId } from 'uuid';
import { DEFAULT_WORKSPACE } from '../resources.js';
import type { SecretBox } from '../secrets.js';
import { KeyedMutex } from './locks.js';
import type { Db, Statement } from './sql.js';
import {
  POLLING_SUBSCRIPTIONS,
  SAVE_POLL,
  SqlStore,
  savePollParams,
  USAGE_AND_RECORD_KEYS,
} from './sql-store.js';
import type { Delivery, DeliveryOutcome, PollOutcome } from './types.js';
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
  // Workspaces (issue 14): every row of an older database belongs to the default workspace. ADD COLUMN with a
  // default changes no existing row on disk (SQLite reads the default for them), so a large inbox upgrades at
  // once; the store always writes workspace_id itself.
  `CREATE TABLE workspaces (
     id TEXT PRIMARY KEY,
     created_at TEXT NOT NULL
   );
   INSERT INTO workspaces (id, created_at) VALUES ('${DEFAULT_WORKSPACE}', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
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
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
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
 * The data folder 0700, the database and its `-wal` and `-shm` files 0600 (they hold customers' event data and
 * sealed credentials): created so, and an existing folder or file made so. SQLite gives the `-wal` and `-shm`
 * files the mode of the database file, which is therefore created here before SQLite opens it. A folder with the
 * sticky bit (a shared one such as /tmp) is left as it is; the files in it are still 0600.
 */
function protectFiles(file: string): void {
  const dir = dirname(file);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  else restrict(dir, 0o700);
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) restrict(path, 0o600);
}

function restrict(path: string, mode: number): void {
  const { mode: current } = statSync(path);
  if ((current & 0o077) === 0 || (current & 0o1000) !== 0) return;
  try {
    chmodSync(path, mode);
  } catch (error) {
    process.emitWarning(
      `Cannot make ${path} private (mode ${mode.toString(8)}): ${(error as Error).message}`,
      'StoreWarning',
    );
  }
}

/** The shared queries on better-sqlite3: prepared once and reused; every write is made durable before it resolves. */
class SqliteDb implements Db {
  private readonly statements = new Map<string, Database.Statement>();
  /** Makes the writes so far durable (set by the store, which owns the WAL). */
  durable: () => Promise<void> = async () => {};

  constructor(private readonly db: Database.Database) {}

  /** Prepared once, reused: preparing costs more than running most of these statements. */
  statement(sql: string): Database.Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.statement(sql).all(...params) as T[];
  }

  async get<T>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return this.statement(sql).get(...params) as T | undefined;
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    const { changes } = this.statement(sql).run(...params);
    await this.durable();
    return changes;
  }

  async transaction(statements: readonly Statement[]): Promise<number[]> {
    const changes = this.db.transaction(() =>
      statements.map(({ sql, params }) => this.statement(sql).run(...params).changes),
    )();
    await this.durable();
    return changes;
  }

  inList(column: string): string {
    return `${column} IN (SELECT value FROM json_each(?))`;
  }

  list(values: readonly (string | number)[]): string {
    return JSON.stringify(values);
  }
}

/** The embedded store: one SQLite file (WAL mode), secrets sealed with the SecretBox. */
export class SqliteStore extends SqlStore {
  readonly sqlite: Database.Database;
  private readonly inbox: { delivery: Database.Statement; run: Database.Statement };
  private readonly wal: WalSync | undefined;
  private checkpointer: Checkpointer | undefined;
  private readonly mutex = new KeyedMutex();
  private readonly sql: SqliteDb;

  constructor(
    readonly file: string,
    box: SecretBox,
  ) {
    const memory = file === ':memory:';
    if (!memory) protectFiles(file);
    const sqlite = new Database(file);
    const db = new SqliteDb(sqlite);
    super(db, box);
    this.sql = db;
    db.durable = () => this.durable();
    this.sqlite = sqlite;
    sqlite.pragma('journal_mode = WAL');
    // NORMAL, plus an fsync of the WAL on the thread pool after every write (`durable()`): a delivery
    // acknowledged with 2xx survives a crash of the machine, not only of the process, as with FULL, but the
    // event loop does not stop for the fsync. Deliveries are written in batches (group commit).
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    // Checkpoints run on a worker thread (Checkpointer), not inside a commit on the event loop.
    if (!memory) sqlite.pragma('wal_autocheckpoint = 0');
    sqlite.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const row = db.statement('SELECT version FROM schema_version').get() as { version: number } | undefined;
    const current = row?.version ?? 0;
    sqlite.transaction(() => {
      for (const sql of MIGRATIONS.slice(current)) sqlite.exec(sql);
      sqlite.exec('DELETE FROM schema_version');
      db.statement('INSERT INTO schema_version (version) VALUES (?)').run(MIGRATIONS.length);
    })();
    this.inbox = {
      delivery: db.statement(
        `INSERT INTO deliveries (workspace_id, subscription_id, event_id, attempt, status, reason, received_at,
           event_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (subscription_id, event_id) DO NOTHING`,
      ),
      run: db.statement(
        `INSERT INTO runs (id, workspace_id, seq, subscription_id, trigger, event_id, status, received_at)
         VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)`,
      ),
    };
    this.wal = memory ? undefined : new WalSync(`${file}-wal`);
  }

  /** Resolves once every write committed so far is on disk (see WalSync); starts checkpointing at the first. */
  private async durable(): Promise<void> {
    if (!this.wal) return;
    this.checkpointer ??= new Checkpointer(this.file, (message) =>
      process.emitWarning(`SQLite checkpoint of ${this.file} failed: ${message}`, 'CheckpointWarning'),
    );
    await this.wal.flush();
  }

  async recordDeliveries(deliveries: Delivery[]): Promise<DeliveryOutcome[]> {
    const outcomes = this.sqlite.transaction((batch: Delivery[]) => this.writeDeliveries(batch))(deliveries);
    await this.durable();
    return outcomes;
  }

  async recordPoll(
    subscriptionId: string,
    holder: string,
    outcome: PollOutcome,
  ): Promise<DeliveryOutcome[] | undefined> {
    const save = this.sql.statement(SAVE_POLL);
    const outcomes = this.sqlite.transaction(() => {
      // The lease first: a holder that lost it writes nothing.
      if (save.run(...savePollParams(subscriptionId, holder, outcome)).changes === 0) return undefined;
      return this.writeDeliveries(outcome.deliveries);
    })();
    await this.durable();
    return outcomes;
  }

  /** The inbox rows and runs of deliveries; inside a transaction of the caller's. */
  private writeDeliveries(batch: Delivery[]): DeliveryOutcome[] {
    const { delivery, run } = this.inbox;
    return batch.map((d): DeliveryOutcome => {
      const now = new Date().toISOString();
      const inserted = delivery.run(
        d.workspace_id,
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
      run.run(
        runId(),
        d.workspace_id,
        inserted.lastInsertRowid,
        d.subscription_id,
        d.trigger,
        d.event_id,
        now,
      );
      return 'accepted';
    });
  }

  /** One host: an in-process lock. */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.mutex.run(key, fn);
  }

  async close(): Promise<void> {
    await this.checkpointer?.close();
    await this.wal?.close();
    // The last connection to close checkpoints the rest of the WAL and removes it.
    this.sqlite.close();
  }
}
