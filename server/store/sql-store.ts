import { createHash } from 'node:crypto';
import type { SecretBox } from '../secrets.js';
import {
  type ApiKeyRow,
  type AuditRow,
  type ConnectionRow,
  newConnectionRow,
  newSubscriptionRow,
  type PollRow,
  RUN_COLUMNS,
  RUN_JOIN,
  type RunRow,
  type SubscriptionRow,
  toApiKey,
  toApiKeyWithHash,
  toAuditEntry,
  toConnection,
  toConnectionWithSecret,
  toPoll,
  toRun,
  toSubscription,
  toSubscriptionWithSecret,
} from './rows.js';
import { type Db, insert, insertRow, page } from './sql.js';
import type {
  ApiKey,
  ApiKeyWithHash,
  AuditEntry,
  AuditQuery,
  Connection,
  ConnectionSecret,
  ConnectionWithSecret,
  Delivery,
  DeliveryOutcome,
  NewApiKey,
  NewAuditEntry,
  NewConnection,
  NewOAuthTicket,
  NewSubscription,
  OAuthSession,
  Poll,
  PollOutcome,
  PurgeResult,
  Run,
  RunQuery,
  Store,
  Subscription,
  SubscriptionWithSecret,
  UsageDelta,
  UsageRow,
  Workspace,
  WorkspaceStore,
} from './types.js';

/**
 * The queries both stores share, each written once (see sql.ts). An engine adds what really differs: the inbox
 * write (`recordDeliveries`), locking (`withLock`), durability (inside its `Db`), migrations and `close`.
 */

/**
 * Issue 25: polling subscriptions. A subscription has a mode (`webhook` or `polling`) and, when polling, an
 * interval; its poll state (watermark and overlap keys, or a filter's IDs), when it is next due, and the lease
 * of the host polling it now are a row of `polls` (docs/triggers.md, "Polling on the host"). The same SQL on
 * both engines: each appends it to its MIGRATIONS.
 */
export const POLLING_SUBSCRIPTIONS = `ALTER TABLE subscriptions ADD COLUMN mode TEXT NOT NULL DEFAULT 'webhook';
   ALTER TABLE subscriptions ADD COLUMN interval_seconds INTEGER;
   CREATE TABLE polls (
     subscription_id TEXT PRIMARY KEY,
     workspace_id TEXT NOT NULL,
     state_json TEXT NOT NULL,
     next_poll_at TEXT NOT NULL,
     holder TEXT,
     lease_until TEXT,
     polls INTEGER NOT NULL DEFAULT 0,
     last_polled_at TEXT,
     last_error TEXT
   );
   CREATE INDEX polls_due ON polls (next_poll_at)`;

/** `last_used_at` of a key is written at most this often. */
export const KEY_TOUCH_INTERVAL_MS = 60_000;
/** Rows retention removes per transaction: a SQLite host keeps answering between batches. */
export const PURGE_BATCH = 1000;

const now = () => new Date().toISOString();

/** An OAuth ticket is stored as its SHA-256 only: the database never holds a usable link. */
const hashTicket = (ticket: string) => createHash('sha256').update(ticket, 'utf8').digest('hex');

/** A ticket's flow goes on only while the key that asked for it is not revoked. */
const KEY_ACTIVE = `EXISTS (SELECT 1 FROM api_keys WHERE api_keys.id = oauth_tickets.key_id
  AND api_keys.revoked_at IS NULL)`;

/** A failed delivery of a run: `retrying` with its next attempt's time, or `dead` when that is null. */
export const MARK_RUN_FAILED =
  'UPDATE runs SET status = ?, attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?';

/** The parameters of MARK_RUN_FAILED. */
export const runFailedParams = (id: string, error: string, next: Date | null) => [
  next ? 'retrying' : 'dead',
  error.slice(0, 1000),
  next?.toISOString() ?? null,
  id,
];

/** A run's row that another dispatch may still take: re-queued unless it was delivered. */
export const REQUEUE_RUN = `UPDATE runs SET status = 'pending', next_attempt_at = NULL
  WHERE id = ? AND status != 'delivered'`;

/**
 * A finished poll's next state, due time and released lease, only while `holder` holds the lease. Parameters:
 * `savePollParams`.
 */
export const SAVE_POLL = `UPDATE polls SET state_json = ?, next_poll_at = ?, holder = NULL, lease_until = NULL,
  polls = polls + 1, last_polled_at = ?, last_error = NULL WHERE subscription_id = ? AND holder = ?`;

export function savePollParams(subscriptionId: string, holder: string, outcome: PollOutcome): unknown[] {
  return [
    JSON.stringify(outcome.state),
    outcome.next_poll_at.toISOString(),
    outcome.at.toISOString(),
    subscriptionId,
    holder,
  ];
}

/** A row by ID: in one workspace (a workspace's view), or in any (the host's machinery). */
function byId(table: string, id: string, workspace: string | undefined): { where: string; params: string[] } {
  return workspace === undefined
    ? { where: `${table}.id = ?`, params: [id] }
    : { where: `${table}.id = ? AND ${table}.workspace_id = ?`, params: [id, workspace] };
}

async function connectionById(db: Db, box: SecretBox, id: string, workspace?: string) {
  const { where, params } = byId('connections', id, workspace);
  const row = await db.get<ConnectionRow>(`SELECT * FROM connections WHERE ${where}`, params);
  return row && toConnectionWithSecret(row, box);
}

async function subscriptionById(db: Db, box: SecretBox, id: string, workspace?: string) {
  const { where, params } = byId('subscriptions', id, workspace);
  const row = await db.get<SubscriptionRow>(`SELECT * FROM subscriptions WHERE ${where}`, params);
  return row && toSubscriptionWithSecret(row, box);
}

async function runById(db: Db, id: string, workspace?: string) {
  const { where, params } = byId('r', id, workspace);
  const row = await db.get<RunRow>(`SELECT ${RUN_COLUMNS} FROM ${RUN_JOIN} WHERE ${where}`, params);
  return row ? toRun(row) : undefined;
}

/** One workspace's view: every statement has `workspace_id = ?`. */
class SqlWorkspaceStore implements WorkspaceStore {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
    readonly workspace_id: string,
  ) {}

  async createConnection(connection: NewConnection): Promise<Connection> {
    const row = newConnectionRow(connection, this.workspace_id, this.box);
    await insertRow(this.db, 'connections', row);
    return toConnection(row);
  }

  getConnection(id: string): Promise<ConnectionWithSecret | undefined> {
    return connectionById(this.db, this.box, id, this.workspace_id);
  }

  async listConnections(): Promise<Connection[]> {
    const rows = await this.db.all<ConnectionRow>(
      'SELECT * FROM connections WHERE workspace_id = ? ORDER BY created_at',
      [this.workspace_id],
    );
    return rows.map(toConnection);
  }

  async deleteConnection(id: string): Promise<boolean> {
    return (
      (await this.db.run('DELETE FROM connections WHERE id = ? AND workspace_id = ?', [
        id,
        this.workspace_id,
      ])) > 0
    );
  }

  async createSubscription(subscription: NewSubscription): Promise<Subscription> {
    const row = newSubscriptionRow(subscription, this.workspace_id, this.box);
    const { poll } = subscription;
    if (!poll) {
      await insertRow(this.db, 'subscriptions', row);
      return toSubscription(row);
    }
    // A polling subscription and its first state together: no subscription without a poll.
    await this.db.transaction([
      insert('subscriptions', row),
      insert('polls', {
        subscription_id: row.id,
        workspace_id: this.workspace_id,
        state_json: JSON.stringify(poll.state),
        next_poll_at: poll.next_poll_at.toISOString(),
        holder: null,
        lease_until: null,
        polls: 0,
        last_polled_at: null,
        last_error: null,
      }),
    ]);
    return toSubscription(row);
  }

  getSubscription(id: string): Promise<SubscriptionWithSecret | undefined> {
    return subscriptionById(this.db, this.box, id, this.workspace_id);
  }

  async listSubscriptions(filter: { connection_id?: string } = {}): Promise<Subscription[]> {
    const byConnection = filter.connection_id === undefined ? '' : 'AND connection_id = ?';
    const rows = await this.db.all<SubscriptionRow>(
      `SELECT * FROM subscriptions WHERE workspace_id = ? AND status != 'deleted' ${byConnection}
       ORDER BY created_at`,
      filter.connection_id === undefined ? [this.workspace_id] : [this.workspace_id, filter.connection_id],
    );
    return rows.map(toSubscription);
  }

  getRun(id: string): Promise<Run | undefined> {
    return runById(this.db, id, this.workspace_id);
  }

  async listRuns(query: RunQuery): Promise<{ runs: Run[]; next_cursor: string | null }> {
    const where = ['r.workspace_id = ?'];
    const params: unknown[] = [this.workspace_id];
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
    const rows = await this.db.all<RunRow>(
      `SELECT ${RUN_COLUMNS} FROM ${RUN_JOIN} WHERE ${where.join(' AND ')} ORDER BY r.seq LIMIT ?`,
      [...params, query.limit + 1],
    );
    const { items, next_cursor } = page(rows, query.limit, toRun, (row) => String(row.seq));
    return { runs: items, next_cursor };
  }

  async countDeliveries(subscriptionId: string): Promise<{ total: number; skipped: number }> {
    const row = await this.db.get<{ total: number | string; skipped: number | string | null }>(
      `SELECT COUNT(*) AS total, SUM(CASE WHEN status = 'skipped' THEN 1 ELSE 0 END) AS skipped
       FROM deliveries WHERE workspace_id = ? AND subscription_id = ?`,
      [this.workspace_id, subscriptionId],
    );
    return { total: Number(row?.total ?? 0), skipped: Number(row?.skipped ?? 0) };
  }
}

/**
 * The tables of issue 25 (the same SQL on both engines): the record each find-or-create/upsert key found or
 * created lately (`key` is a SHA-256 of connection, kind, field and value: no e-mail address is stored), and the
 * day's token usage per scope (`connection:<id>`, `company:<id>`) with the latest budget Pipedrive told.
 */
export const USAGE_AND_RECORD_KEYS = `CREATE TABLE record_keys (
     key TEXT PRIMARY KEY,
     record_id TEXT NOT NULL,
     at TEXT NOT NULL
   );
   CREATE TABLE token_usage (
     scope TEXT NOT NULL,
     day TEXT NOT NULL,
     tokens BIGINT NOT NULL,
     calls BIGINT NOT NULL,
     unpriced BIGINT NOT NULL,
     budget_limit BIGINT,
     budget_remaining BIGINT,
     requests_left BIGINT,
     budget_seen_at TEXT,
     spent INTEGER NOT NULL,
     PRIMARY KEY (scope, day)
   )`;

export abstract class SqlStore implements Store {
  /** When each key's last use was written by this process (`touchApiKey` writes at most once a minute). */
  private readonly touched = new Map<string, number>();

  protected constructor(
    protected readonly db: Db,
    protected readonly box: SecretBox,
  ) {}

  workspace(id: string): WorkspaceStore {
    return new SqlWorkspaceStore(this.db, this.box, id);
  }

  // ---------- workspaces, keys and the audit trail ----------

  async ensureWorkspace(id: string): Promise<Workspace> {
    await this.db.run('INSERT INTO workspaces (id, created_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING', [
      id,
      now(),
    ]);
    return (await this.getWorkspace(id)) as Workspace;
  }

  getWorkspace(id: string): Promise<Workspace | undefined> {
    return this.db.get<Workspace>('SELECT id, created_at FROM workspaces WHERE id = ?', [id]);
  }

  listWorkspaces(): Promise<Workspace[]> {
    return this.db.all<Workspace>('SELECT id, created_at FROM workspaces ORDER BY created_at, id');
  }

  async createApiKey(key: NewApiKey): Promise<ApiKey> {
    const row: ApiKeyRow = {
      ...key,
      admin: key.admin ? 1 : 0,
      operator: key.operator ? 1 : 0,
      created_at: now(),
      last_used_at: null,
      revoked_at: null,
    };
    await insertRow(this.db, 'api_keys', row);
    return toApiKey(row);
  }

  async getApiKey(id: string): Promise<ApiKeyWithHash | undefined> {
    const row = await this.db.get<ApiKeyRow>('SELECT * FROM api_keys WHERE id = ?', [id]);
    return row && toApiKeyWithHash(row);
  }

  async listApiKeys(filter: { workspace_id?: string } = {}): Promise<ApiKey[]> {
    const rows =
      filter.workspace_id === undefined
        ? await this.db.all<ApiKeyRow>('SELECT * FROM api_keys ORDER BY created_at, id')
        : await this.db.all<ApiKeyRow>(
            'SELECT * FROM api_keys WHERE workspace_id = ? ORDER BY created_at, id',
            [filter.workspace_id],
          );
    return rows.map(toApiKey);
  }

  async revokeApiKey(id: string, at: Date): Promise<boolean> {
    const changed = await this.db.run(
      'UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
      [at.toISOString(), id],
    );
    return changed > 0;
  }

  async touchApiKey(id: string, at: Date): Promise<void> {
    const last = this.touched.get(id);
    if (last !== undefined && at.getTime() - last < KEY_TOUCH_INTERVAL_MS) return;
    this.touched.set(id, at.getTime());
    // Other hosts touch the key too: the row says when it was last written.
    await this.db.run(
      'UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)',
      [at.toISOString(), id, new Date(at.getTime() - KEY_TOUCH_INTERVAL_MS).toISOString()],
    );
  }

  async hasActiveApiKey(): Promise<boolean> {
    return (
      (await this.db.get('SELECT 1 AS one FROM api_keys WHERE revoked_at IS NULL LIMIT 1')) !== undefined
    );
  }

  purgeAudit(before: Date): Promise<number> {
    return this.db.run('DELETE FROM audit WHERE at < ?', [before.toISOString()]);
  }

  async recordAudit(entry: NewAuditEntry): Promise<void> {
    await insertRow(this.db, 'audit', {
      at: now(),
      key_id: entry.key_id,
      workspace_id: entry.workspace_id,
      action: entry.action,
      target_id: entry.target_id,
    });
  }

  async createOAuthTicket(ticket: NewOAuthTicket): Promise<void> {
    await insertRow(this.db, 'oauth_tickets', {
      hash: hashTicket(ticket.ticket),
      workspace_id: ticket.workspace_id,
      key_id: ticket.key_id,
      expires_at: ticket.expires_at.toISOString(),
      used_at: null,
      completed_at: null,
    });
  }

  async redeemOAuthTicket(ticket: string, at: Date): Promise<OAuthSession | undefined> {
    // One statement: of two requests with one ticket, only one finds it unused.
    return this.db.get<OAuthSession>(
      `UPDATE oauth_tickets SET used_at = ? WHERE hash = ? AND used_at IS NULL AND expires_at > ?
       AND ${KEY_ACTIVE} RETURNING workspace_id, key_id, hash AS session_id`,
      [at.toISOString(), hashTicket(ticket), at.toISOString()],
    );
  }

  async completeOAuthSession(sessionId: string, at: Date): Promise<OAuthSession | undefined> {
    // One statement: of two callbacks of one flow, only one finds it open.
    return this.db.get<OAuthSession>(
      `UPDATE oauth_tickets SET completed_at = ? WHERE hash = ? AND used_at IS NOT NULL AND completed_at IS NULL
       AND ${KEY_ACTIVE} RETURNING workspace_id, key_id, hash AS session_id`,
      [at.toISOString(), sessionId],
    );
  }

  purgeOAuthTickets(before: Date): Promise<number> {
    return this.db.run('DELETE FROM oauth_tickets WHERE expires_at < ?', [before.toISOString()]);
  }

  async listAudit(query: AuditQuery): Promise<{ entries: AuditEntry[]; next_cursor: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.workspace_id !== undefined) {
      where.push('workspace_id = ?');
      params.push(query.workspace_id);
    }
    if (query.cursor) {
      where.push('seq < ?');
      params.push(Number(query.cursor));
    }
    const rows = await this.db.all<AuditRow>(
      `SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`,
      [...params, query.limit + 1],
    );
    const { items, next_cursor } = page(rows, query.limit, toAuditEntry, (row) => String(row.seq));
    return { entries: items, next_cursor };
  }

  // ---------- connections and subscriptions, for the host's machinery ----------

  getConnection(id: string): Promise<ConnectionWithSecret | undefined> {
    return connectionById(this.db, this.box, id);
  }

  async updateConnectionSecret(id: string, secret: ConnectionSecret, apiUrl?: string): Promise<void> {
    await this.db.run(
      `UPDATE connections SET secret = ?, api_url = COALESCE(?, api_url), status = 'active', updated_at = ?
       WHERE id = ?`,
      [this.box.seal(JSON.stringify(secret)), apiUrl ?? null, now(), id],
    );
  }

  async setConnectionStatus(id: string, status: Connection['status']): Promise<void> {
    await this.db.run('UPDATE connections SET status = ?, updated_at = ? WHERE id = ?', [status, now(), id]);
  }

  /**
   * Each stale secret is replaced only if it is still the one read (a refresh may have stored a new one meanwhile,
   * sealed with the current key already), so no row lock is needed.
   */
  async resealSecrets(): Promise<number> {
    let count = 0;
    for (const table of ['connections', 'subscriptions']) {
      const rows = await this.db.all<{ id: string; secret: string }>(
        `SELECT id, secret FROM ${table} WHERE secret IS NOT NULL`,
      );
      const stale = rows.filter((row) => this.box.isStale(row.secret));
      if (stale.length === 0) continue;
      const changed = await this.db.transaction(
        stale.map((row) => ({
          sql: `UPDATE ${table} SET secret = ? WHERE id = ? AND secret = ?`,
          params: [this.box.seal(this.box.open(row.secret)), row.id, row.secret],
        })),
      );
      count += changed.reduce((sum, n) => sum + n, 0);
    }
    return count;
  }

  getSubscription(id: string): Promise<SubscriptionWithSecret | undefined> {
    return subscriptionById(this.db, this.box, id);
  }

  async activateSubscription(id: string, webhookId: number): Promise<void> {
    await this.db.run(
      `UPDATE subscriptions SET status = 'active', webhook_id = ?, updated_at = ? WHERE id = ?`,
      [webhookId, now(), id],
    );
  }

  async markSubscriptionDeleted(id: string): Promise<void> {
    await this.db.transaction([
      {
        sql: `UPDATE subscriptions SET status = 'deleted', secret = NULL, updated_at = ? WHERE id = ?`,
        params: [now(), id],
      },
      // A poll in flight finds its lease gone and records nothing.
      { sql: 'DELETE FROM polls WHERE subscription_id = ?', params: [id] },
    ]);
  }

  async discardSubscription(id: string): Promise<void> {
    await this.db.transaction([
      { sql: 'DELETE FROM polls WHERE subscription_id = ?', params: [id] },
      { sql: 'DELETE FROM subscriptions WHERE id = ?', params: [id] },
    ]);
  }

  // ---------- polling subscriptions ----------

  async claimPolls(holder: string, at: Date, leaseMs: number, limit: number): Promise<string[]> {
    const t = at.toISOString();
    // The conditions are repeated on the row being updated: PostgreSQL checks them again on the row it locks, so
    // of two hosts claiming at once, the second finds the lease taken and skips the row.
    const rows = await this.db.all<{ subscription_id: string }>(
      `UPDATE polls SET holder = ?, lease_until = ?
       WHERE subscription_id IN (SELECT subscription_id FROM polls WHERE next_poll_at <= ?
           AND (holder IS NULL OR lease_until <= ?) ORDER BY next_poll_at LIMIT ?)
         AND next_poll_at <= ? AND (holder IS NULL OR lease_until <= ?)
       RETURNING subscription_id`,
      [holder, new Date(at.getTime() + leaseMs).toISOString(), t, t, limit, t, t],
    );
    return rows.map((row) => row.subscription_id);
  }

  async renewPollLease(subscriptionId: string, holder: string, until: Date): Promise<boolean> {
    return (
      (await this.db.run('UPDATE polls SET lease_until = ? WHERE subscription_id = ? AND holder = ?', [
        until.toISOString(),
        subscriptionId,
        holder,
      ])) > 0
    );
  }

  async getPoll(subscriptionId: string): Promise<Poll | undefined> {
    const row = await this.db.get<PollRow>('SELECT * FROM polls WHERE subscription_id = ?', [subscriptionId]);
    return row && toPoll(row);
  }

  abstract recordPoll(
    subscriptionId: string,
    holder: string,
    outcome: PollOutcome,
  ): Promise<DeliveryOutcome[] | undefined>;

  async pollFailed(subscriptionId: string, holder: string, error: string, next: Date): Promise<void> {
    await this.db.run(
      `UPDATE polls SET last_error = ?, next_poll_at = ?, holder = NULL, lease_until = NULL
       WHERE subscription_id = ? AND holder = ?`,
      [error.slice(0, 1000), next.toISOString(), subscriptionId, holder],
    );
  }

  async releasePolls(holder: string): Promise<void> {
    await this.db.run('UPDATE polls SET holder = NULL, lease_until = NULL WHERE holder = ?', [holder]);
  }

  // ---------- the inbox and runs ----------

  abstract recordDeliveries(deliveries: Delivery[]): Promise<DeliveryOutcome[]>;

  async dueRuns(limit: number, at: Date): Promise<Run[]> {
    const rows = await this.db.all<RunRow>(
      `SELECT ${RUN_COLUMNS} FROM ${RUN_JOIN}
       WHERE r.status = 'pending' OR (r.status = 'retrying' AND r.next_attempt_at <= ?)
       ORDER BY r.seq LIMIT ?`,
      [at.toISOString(), limit],
    );
    return rows.map(toRun);
  }

  async markRunsDelivered(ids: string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.db.run(
      `UPDATE runs SET status = 'delivered', attempts = attempts + 1, delivered_at = ?, next_attempt_at = NULL,
       last_error = NULL WHERE ${this.db.inList('id')}`,
      [at.toISOString(), this.db.list(ids)],
    );
  }

  async markRunFailed(id: string, error: string, next: Date | null): Promise<void> {
    await this.db.run(MARK_RUN_FAILED, runFailedParams(id, error, next));
  }

  async requeueRun(id: string): Promise<boolean> {
    return (await this.db.run(REQUEUE_RUN, [id])) > 0;
  }

  getRun(id: string): Promise<Run | undefined> {
    return runById(this.db, id);
  }

  /**
   * In batches of PURGE_BATCH deliveries, oldest first (keyset on the `(received_at, seq)` index): each batch
   * deletes its runs that are done, then its deliveries that have no run left, in one transaction. Both
   * statements check again what they delete, so a run re-queued meanwhile stays, with its delivery.
   */
  async purge(before: Date): Promise<PurgeResult> {
    const result: PurgeResult = { deliveries: 0, runs: 0 };
    // Find-or-create keys are of use for minutes, and the usage of past days is history.
    await this.db.run('DELETE FROM record_keys WHERE at < ?', [before.toISOString()]);
    await this.db.run('DELETE FROM token_usage WHERE day < ?', [before.toISOString().slice(0, 10)]);
    let after: { received_at: string; seq: number | string } = { received_at: '', seq: 0 };
    for (;;) {
      const rows = await this.db.all<{ received_at: string; seq: number | string }>(
        `SELECT received_at, seq FROM deliveries WHERE received_at < ? AND (received_at, seq) > (?, ?)
         ORDER BY received_at, seq LIMIT ?`,
        [before.toISOString(), after.received_at, after.seq, PURGE_BATCH],
      );
      const last = rows[rows.length - 1];
      if (!last) return result;
      const seqs = this.db.list(rows.map((row) => row.seq));
      const [runs = 0, deliveries = 0] = await this.db.transaction([
        {
          // Done: delivered or dead. Said as "not on its way" so that SQLite looks the batch up by seq rather
          // than walk every delivered run through the status index.
          sql: `DELETE FROM runs WHERE ${this.db.inList('seq')} AND status NOT IN ('pending', 'retrying')`,
          params: [seqs],
        },
        {
          sql: `DELETE FROM deliveries WHERE ${this.db.inList('seq')}
                AND NOT EXISTS (SELECT 1 FROM runs WHERE runs.seq = deliveries.seq)`,
          params: [seqs],
        },
      ]);
      result.runs += runs;
      result.deliveries += deliveries;
      if (rows.length < PURGE_BATCH) return result;
      after = last;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  // ---------- find-or-create keys and token usage (issue 25) ----------

  async recallRecord(key: string, since: Date): Promise<string | undefined> {
    const row = await this.db.get<{ record_id: string }>(
      'SELECT record_id FROM record_keys WHERE key = ? AND at >= ?',
      [key, since.toISOString()],
    );
    return row?.record_id;
  }

  async rememberRecord(key: string, recordId: string | null, at: Date): Promise<void> {
    if (recordId === null) {
      await this.db.run('DELETE FROM record_keys WHERE key = ?', [key]);
      return;
    }
    await this.db.run(
      `INSERT INTO record_keys (key, record_id, at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET record_id = excluded.record_id, at = excluded.at`,
      [key, recordId, at.toISOString()],
    );
  }

  async addUsage(scopes: readonly string[], day: string, usage: UsageDelta): Promise<void> {
    const { budget } = usage;
    await this.db.transaction(
      scopes.map((scope) => ({
        // Counts add up; the budget is the latest answer's (each of its values kept when an answer lacks it).
        sql: `INSERT INTO token_usage (scope, day, tokens, calls, unpriced, budget_limit, budget_remaining,
                requests_left, budget_seen_at, spent)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
              ON CONFLICT (scope, day) DO UPDATE SET
                tokens = token_usage.tokens + excluded.tokens,
                calls = token_usage.calls + excluded.calls,
                unpriced = token_usage.unpriced + excluded.unpriced,
                budget_limit = COALESCE(excluded.budget_limit, token_usage.budget_limit),
                budget_remaining = COALESCE(excluded.budget_remaining, token_usage.budget_remaining),
                requests_left = COALESCE(excluded.requests_left, token_usage.requests_left),
                budget_seen_at = COALESCE(excluded.budget_seen_at, token_usage.budget_seen_at),
                spent = CASE WHEN excluded.budget_remaining > 0 THEN 0
                             ELSE CASE WHEN excluded.spent = 1 THEN 1 ELSE token_usage.spent END END`,
        params: [
          scope,
          day,
          usage.tokens,
          usage.calls,
          usage.unpriced,
          budget?.limit ?? null,
          budget?.remaining ?? null,
          budget?.requests_left ?? null,
          budget ? budget.seen_at : null,
          usage.spent ? 1 : 0,
        ],
      })),
    );
  }

  async getUsage(scope: string, day: string): Promise<UsageRow | undefined> {
    const row = await this.db.get<Record<string, string | number | null>>(
      `SELECT tokens, calls, unpriced, budget_limit, budget_remaining, requests_left, budget_seen_at, spent
       FROM token_usage WHERE scope = ? AND day = ?`,
      [scope, day],
    );
    if (!row) return undefined;
    // PostgreSQL answers BIGINT as text.
    const num = (value: string | number | null | undefined) =>
      value === null || value === undefined ? null : Number(value);
    return {
      tokens: Number(row.tokens),
      calls: Number(row.calls),
      unpriced: Number(row.unpriced),
      budget:
        row.budget_seen_at === null || row.budget_seen_at === undefined
          ? null
          : {
              limit: num(row.budget_limit),
              remaining: num(row.budget_remaining),
              requests_left: num(row.requests_left),
              seen_at: String(row.budget_seen_at),
            },
      spent: Number(row.spent) === 1,
    };
  }

  abstract withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  abstract close(): Promise<void>;
}
