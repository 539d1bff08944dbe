/**
 * The host's state. Implemented by the embedded SQLite store and by PostgreSQL; secrets are sealed at rest.
 *
 * Everything a route of the HTTP API reads or changes goes through a `WorkspaceStore` (`store.workspace(id)`),
 * whose every query is limited to one workspace: another workspace's connection, subscription or run is not
 * found, exactly like one that does not exist. The unscoped methods of `Store` are for the host's own machinery
 * (the webhook callback, which finds its subscription by an unguessable ID and checks its own credentials; run
 * dispatch; OAuth refresh; key management by admin keys and the CLI).
 */
import type { OAuthSession } from '../oauth-routes.js';
import type {
  ApiKey,
  AuditEntry,
  Connection,
  PipedriveUser,
  Run,
  RunStatus,
  Subscription,
  Workspace,
} from '../resources.js';

export type {
  ApiKey,
  AuditEntry,
  Connection,
  OAuthSession,
  PipedriveUser,
  Run,
  RunStatus,
  Subscription,
  Workspace,
};

export interface ApiTokenSecret {
  api_token: string;
}

export interface OAuthSecret {
  access_token: string;
  refresh_token?: string;
  /** Epoch milliseconds. */
  expires_at?: number;
  scope?: string;
}

export type ConnectionSecret = ApiTokenSecret | OAuthSecret;

export interface ConnectionWithSecret extends Connection {
  secret: ConnectionSecret;
}

export interface NewConnection {
  type: Connection['type'];
  user: PipedriveUser;
  api_url: string;
  secret: ConnectionSecret;
}

export interface SubscriptionWithSecret extends Subscription {
  credentials: { http_auth_user: string; http_auth_password: string };
}

export type NewSubscription = Omit<
  Subscription,
  'created_at' | 'updated_at' | 'status' | 'webhook_id' | 'workspace_id' | 'mode' | 'interval_seconds'
> & {
  /** A webhook's Basic credentials (none when polling). */
  credentials?: SubscriptionWithSecret['credentials'];
  /** Default `webhook`. */
  mode?: Subscription['mode'];
  interval_seconds?: number | null;
  /** Polling: the first poll state (`connector.triggers.startPolling`) and when the first poll is due. */
  poll?: { state: unknown; next_poll_at: Date };
};

/** A polling subscription's poll row: its state, when it is due, and who polls it now. */
export interface Poll {
  subscription_id: string;
  workspace_id: string;
  state: unknown;
  next_poll_at: string;
  /** The host polling it now (its lease), or null. */
  holder: string | null;
  lease_until: string | null;
  polls: number;
  last_polled_at: string | null;
  last_error: string | null;
}

/** What a finished poll writes, in one transaction with its events (see `Store.recordPoll`). */
export interface PollOutcome {
  deliveries: Delivery[];
  state: unknown;
  next_poll_at: Date;
  at: Date;
}

/** One delivery that passed the credential and payload checks, ready for the inbox. */
export interface Delivery {
  workspace_id: string;
  subscription_id: string;
  trigger: string;
  event_id: string;
  attempt: number;
  /** Null: start a run. A reason: record the delivery as skipped. */
  skip: string | null;
  event: unknown;
}

/** `accepted`: a run was created; `skipped`: recorded, no run; `duplicate`: seen before, nothing new. */
export type DeliveryOutcome = 'accepted' | 'skipped' | 'duplicate';

export interface RunQuery {
  subscription_id?: string;
  status?: RunStatus;
  limit: number;
  /** The `next_cursor` of the previous page. */
  cursor?: string;
}

export interface NewApiKey {
  id: string;
  workspace_id: string;
  admin: boolean;
  operator: boolean;
  label: string | null;
  /** SHA-256 (hex) of the whole key; the key itself is never stored. */
  hash: string;
}

export interface ApiKeyWithHash extends ApiKey {
  hash: string;
}

export interface NewAuditEntry {
  key_id: string | null;
  workspace_id: string;
  action: string;
  target_id: string | null;
}

export interface NewOAuthTicket {
  ticket: string;
  workspace_id: string;
  key_id: string;
  expires_at: Date;
}

export interface AuditQuery {
  workspace_id?: string;
  limit: number;
  cursor?: string;
}

/** What retention removed. */
export interface PurgeResult {
  deliveries: number;
  runs: number;
}

/** One answered request's (or several's) share of a day's usage, as `Store.addUsage` adds it. */
export interface UsageDelta {
  tokens: number;
  calls: number;
  /** Calls whose cost is not known (`api_request`). */
  unpriced: number;
  /** What Pipedrive's answer said of the company's daily budget; null when it said nothing. */
  budget: UsageBudget | null;
  /** A 429 said the daily budget is spent. */
  spent: boolean;
}

export interface UsageBudget {
  limit: number | null;
  remaining: number | null;
  requests_left: number | null;
  /** ISO 8601. */
  seen_at: string;
}

/** A scope's counts of one day. */
export interface UsageRow {
  tokens: number;
  calls: number;
  unpriced: number;
  budget: UsageBudget | null;
  spent: boolean;
}

/** One workspace's view of the store: every read and write is limited to `workspace_id`. */
export interface WorkspaceStore {
  readonly workspace_id: string;

  createConnection(connection: NewConnection): Promise<Connection>;
  getConnection(id: string): Promise<ConnectionWithSecret | undefined>;
  listConnections(): Promise<Connection[]>;
  deleteConnection(id: string): Promise<boolean>;

  createSubscription(subscription: NewSubscription): Promise<Subscription>;
  /** Deleted subscriptions too (status `deleted`). */
  getSubscription(id: string): Promise<SubscriptionWithSecret | undefined>;
  /** Not the deleted ones. */
  listSubscriptions(filter?: { connection_id?: string }): Promise<Subscription[]>;

  getRun(id: string): Promise<Run | undefined>;
  listRuns(query: RunQuery): Promise<{ runs: Run[]; next_cursor: string | null }>;
  countDeliveries(subscriptionId: string): Promise<{ total: number; skipped: number }>;
}

export interface Store {
  /** The view of one workspace (cheap: no query is made until a method is called). */
  workspace(id: string): WorkspaceStore;

  // ---------- workspaces, keys and the audit trail ----------

  /** The workspace, created when it does not exist yet. */
  ensureWorkspace(id: string): Promise<Workspace>;
  getWorkspace(id: string): Promise<Workspace | undefined>;
  listWorkspaces(): Promise<Workspace[]>;

  /** Store a key (its workspace must exist: `ensureWorkspace` first). */
  createApiKey(key: NewApiKey): Promise<ApiKey>;
  getApiKey(id: string): Promise<ApiKeyWithHash | undefined>;
  listApiKeys(filter?: { workspace_id?: string }): Promise<ApiKey[]>;
  /** False when there is no such key or it was revoked already. */
  revokeApiKey(id: string, at: Date): Promise<boolean>;
  /** Record the key's last use; written at most once a minute per key (calls in between do nothing). */
  touchApiKey(id: string, at: Date): Promise<void>;
  /** Whether any key that is not revoked exists (the first start creates one when none does). */
  hasActiveApiKey(): Promise<boolean>;

  recordAudit(entry: NewAuditEntry): Promise<void>;
  /** Remove the audit entries recorded before `before` (AUDIT_RETENTION_DAYS); how many. */
  purgeAudit(before: Date): Promise<number>;

  /** An OAuth authorize link's single-use ticket (stored as a SHA-256 hash, never in clear). */
  createOAuthTicket(ticket: NewOAuthTicket): Promise<void>;
  /**
   * Open a ticket's flow (`GET /oauth/start`): its session when the ticket exists, is not expired at `now`, was not
   * used, and the key that asked for it is not revoked; it is marked used in the same statement, so that two
   * requests with one ticket cannot both succeed.
   */
  redeemOAuthTicket(ticket: string, now: Date): Promise<OAuthSession | undefined>;
  /**
   * Close a flow at its callback: the session when its ticket was redeemed, its flow not completed yet, and its
   * key not revoked; marked completed in the same statement, so that a replayed callback (the same signed cookies
   * with a fresh code) finds nothing.
   */
  completeOAuthSession(sessionId: string, now: Date): Promise<OAuthSession | undefined>;
  /** Remove the tickets that expired before `before`; how many. */
  purgeOAuthTickets(before: Date): Promise<number>;
  /** Newest first. */
  listAudit(query: AuditQuery): Promise<{ entries: AuditEntry[]; next_cursor: string | null }>;

  // ---------- the host's machinery (any workspace) ----------

  getConnection(id: string): Promise<ConnectionWithSecret | undefined>;
  /** New OAuth tokens (and api_domain) after a refresh; the connection is `active` again. */
  updateConnectionSecret(id: string, secret: ConnectionSecret, apiUrl?: string): Promise<void>;
  setConnectionStatus(id: string, status: Connection['status']): Promise<void>;
  /** Seal again, with the current key, every secret sealed with an older one (key rotation). */
  resealSecrets(): Promise<number>;

  getSubscription(id: string): Promise<SubscriptionWithSecret | undefined>;
  /** Mark registered (`active`, with its webhook ID). */
  activateSubscription(id: string, webhookId: number): Promise<void>;
  /** Tombstone: the secret (and a polling subscription's poll) is wiped, the row stays so late deliveries get 410. */
  markSubscriptionDeleted(id: string): Promise<void>;
  /** Remove a subscription whose registration failed. */
  discardSubscription(id: string): Promise<void>;

  // ---------- polling subscriptions (one poller per subscription across hosts: a lease) ----------

  /**
   * Take the lease of up to `limit` polls due at `now` whose lease is free or expired: `holder` until
   * `now + leaseMs`. One conditional UPDATE, so of several hosts only one takes each. Returns their IDs.
   */
  claimPolls(holder: string, now: Date, leaseMs: number, limit: number): Promise<string[]>;
  /** Extend a lease while its poll runs; false when another holder has it (the poll must not be recorded). */
  renewPollLease(subscriptionId: string, holder: string, until: Date): Promise<boolean>;
  getPoll(subscriptionId: string): Promise<Poll | undefined>;
  /**
   * A finished poll, in one transaction: its events into the inbox (as `recordDeliveries`), its next state, when
   * it is next due, and the lease released. Only while `holder` still holds the lease: otherwise nothing is
   * written and the result is undefined (another host took over and polls from the saved state).
   */
  recordPoll(
    subscriptionId: string,
    holder: string,
    outcome: PollOutcome,
  ): Promise<DeliveryOutcome[] | undefined>;
  /** A failed poll: the error kept, next due at `next`, the lease released (only while `holder` holds it). */
  pollFailed(subscriptionId: string, holder: string, error: string, next: Date): Promise<void>;
  /** Give back every lease `holder` has (a host stopping). */
  releasePolls(holder: string): Promise<void>;

  /**
   * Write deliveries durably, in one transaction: each new event is stored in the inbox and, unless skipped,
   * gets a run; an event already stored for its subscription is a duplicate and changes nothing.
   */
  recordDeliveries(deliveries: Delivery[]): Promise<DeliveryOutcome[]>;
  /** Runs due for dispatch (pending, or retrying and due), oldest first. */
  dueRuns(limit: number, now: Date): Promise<Run[]>;
  /** Runs the sink took, in one write. */
  markRunsDelivered(ids: string[], at: Date): Promise<void>;
  /** A failed dispatch: `retrying` until `next` (or `dead` when next is null). */
  markRunFailed(id: string, error: string, next: Date | null): Promise<void>;
  /** Send a run that is not delivered again now. */
  requeueRun(id: string): Promise<boolean>;
  getRun(id: string): Promise<Run | undefined>;

  /**
   * Retention: remove deliveries received before `before` and the runs that are done with (`delivered` or
   * `dead`) received before it. Pending and retrying runs, and the deliveries they belong to, stay.
   */
  purge(before: Date): Promise<PurgeResult>;

  // ---------- find-or-create and the token budget (issue 25) ----------

  /** The record ID remembered for a find-or-create key (a hash) at `since` or later. */
  recallRecord(key: string, since: Date): Promise<string | undefined>;
  /** Remember (or, with null, forget) the record of a find-or-create key. */
  rememberRecord(key: string, recordId: string | null, at: Date): Promise<void>;
  /** Add to the day's usage of each scope (`connection:<id>`, `company:<id>`), in one transaction. */
  addUsage(scopes: readonly string[], day: string, usage: UsageDelta): Promise<void>;
  getUsage(scope: string, day: string): Promise<UsageRow | undefined>;

  /**
   * Run `fn` while no other holder of `key` runs, across every host sharing the store (PostgreSQL: an
   * advisory lock; SQLite, one host: an in-process lock). Used for OAuth refreshes and webhook repairs; `fn`
   * may use the store, and may take another key's lock, or its own again (reentrant: what `fn` awaits holds
   * its keys). No number of holders can use up the store's connections (docs/decisions.md).
   */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;

  close(): Promise<void>;
}
