/** The host's state. Implemented by the embedded SQLite store and by PostgreSQL; secrets are sealed at rest. */

export interface PipedriveUser {
  id: number;
  name?: string;
  email?: string;
  company_id?: number;
  company_name?: string;
  company_domain?: string;
}

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

export interface Connection {
  id: string;
  type: 'api_token' | 'oauth2';
  user: PipedriveUser;
  /** API base: PIPEDRIVE_API_URL (or the connection's own) for tokens, `api_domain` for OAuth. */
  api_url: string;
  /** `active`, or `reauthorization_required` after Pipedrive refused the refresh token. */
  status: 'active' | 'reauthorization_required';
  created_at: string;
  updated_at: string;
}

export interface ConnectionWithSecret extends Connection {
  secret: ConnectionSecret;
}

export interface NewConnection {
  type: Connection['type'];
  user: PipedriveUser;
  api_url: string;
  secret: ConnectionSecret;
}

export interface Subscription {
  id: string;
  connection_id: string;
  trigger: string;
  input: Record<string, unknown>;
  /** Pipedrive's webhook, once registered. */
  webhook_id: number | null;
  event_action: string;
  event_object: string;
  callback_url: string;
  /** The connection's user, for `ignore_own_changes`. */
  user_id: number | null;
  /** `pending` while the webhook is being registered, `deleted` after unsubscribe (kept so late deliveries get 410). */
  status: 'pending' | 'active' | 'deleted';
  created_at: string;
  updated_at: string;
}

export interface SubscriptionWithSecret extends Subscription {
  credentials: { http_auth_user: string; http_auth_password: string };
}

export type NewSubscription = Omit<Subscription, 'created_at' | 'updated_at' | 'status' | 'webhook_id'> & {
  credentials: SubscriptionWithSecret['credentials'];
};

export type RunStatus = 'pending' | 'retrying' | 'delivered' | 'dead';

/** One accepted event and its way to the engine. */
export interface Run {
  id: string;
  subscription_id: string;
  trigger: string;
  event_id: string;
  status: RunStatus;
  attempts: number;
  last_error: string | null;
  received_at: string;
  next_attempt_at: string | null;
  delivered_at: string | null;
  event: unknown;
}

/** One delivery that passed the credential and payload checks, ready for the inbox. */
export interface Delivery {
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

export interface Store {
  createConnection(connection: NewConnection): Promise<Connection>;
  getConnection(id: string): Promise<ConnectionWithSecret | undefined>;
  listConnections(): Promise<Connection[]>;
  deleteConnection(id: string): Promise<boolean>;
  /** New OAuth tokens (and api_domain) after a refresh; the connection is `active` again. */
  updateConnectionSecret(id: string, secret: ConnectionSecret, apiUrl?: string): Promise<void>;
  setConnectionStatus(id: string, status: Connection['status']): Promise<void>;
  /** Seal again, with the current key, every secret sealed with an older one (key rotation). */
  resealSecrets(): Promise<number>;

  createSubscription(subscription: NewSubscription): Promise<Subscription>;
  getSubscription(id: string): Promise<SubscriptionWithSecret | undefined>;
  listSubscriptions(filter?: { connection_id?: string }): Promise<Subscription[]>;
  /** Mark registered (`active`, with its webhook ID). */
  activateSubscription(id: string, webhookId: number): Promise<void>;
  /** Tombstone: the secret is wiped, the row stays so late deliveries get 410. */
  markSubscriptionDeleted(id: string): Promise<void>;
  /** Remove a subscription whose registration failed. */
  discardSubscription(id: string): Promise<void>;

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
  /** Send a dead (or any) run again now. */
  requeueRun(id: string): Promise<boolean>;
  getRun(id: string): Promise<Run | undefined>;
  listRuns(query: RunQuery): Promise<{ runs: Run[]; next_cursor: string | null }>;
  countDeliveries(subscriptionId?: string): Promise<{ total: number; skipped: number }>;

  /**
   * Run `fn` while no other holder of `key` runs, across every host sharing the store (PostgreSQL: an
   * advisory lock; SQLite, one host: an in-process lock). Used for OAuth refreshes and webhook repairs.
   */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;

  close(): Promise<void>;
}
