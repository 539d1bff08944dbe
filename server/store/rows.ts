import { randomUUID } from 'node:crypto';
import type { SecretBox } from '../secrets.js';
import type {
  ApiKey,
  ApiKeyWithHash,
  AuditEntry,
  Connection,
  ConnectionWithSecret,
  NewConnection,
  NewSubscription,
  Poll,
  Run,
  Subscription,
  SubscriptionWithSecret,
} from './types.js';

/**
 * The row shapes both stores (SQLite and PostgreSQL) use, and their mapping to the store's objects. Timestamps
 * are ISO 8601 strings in both, JSON columns are text, secrets are sealed text.
 */

export interface ConnectionRow {
  id: string;
  workspace_id: string;
  type: Connection['type'];
  user_json: string;
  api_url: string;
  status: Connection['status'];
  secret: string;
  created_at: string;
  updated_at: string;
}

export interface SubscriptionRow {
  id: string;
  workspace_id: string;
  connection_id: string;
  trigger: string;
  input_json: string;
  webhook_id: number | null;
  event_action: string;
  event_object: string;
  callback_url: string;
  user_id: number | null;
  status: Subscription['status'];
  mode: Subscription['mode'];
  interval_seconds: number | string | null;
  secret: string | null;
  created_at: string;
  updated_at: string;
}

export interface RunRow {
  id: string;
  workspace_id: string;
  seq: number | string;
  subscription_id: string;
  trigger: string;
  event_id: string;
  status: Run['status'];
  attempts: number;
  last_error: string | null;
  received_at: string;
  next_attempt_at: string | null;
  delivered_at: string | null;
  event_json: string;
}

/** A run with its event (the inbox row), for both stores. */
export const RUN_COLUMNS = `r.id, r.workspace_id, r.seq, r.subscription_id, r.trigger, r.event_id, r.status, r.attempts,
  r.last_error, r.received_at, r.next_attempt_at, r.delivered_at, d.event_json`;
/** A run is one delivery's: same `seq`. */
export const RUN_JOIN = 'runs r JOIN deliveries d ON d.seq = r.seq';

export function toRun(row: RunRow): Run {
  const { seq: _seq, event_json, ...rest } = row;
  return { ...rest, event: JSON.parse(event_json) };
}

export function toConnection(row: ConnectionRow): Connection {
  return {
    id: row.id,
    workspace_id: row.workspace_id,
    type: row.type,
    user: JSON.parse(row.user_json),
    api_url: row.api_url,
    status: row.status,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** The row of a new connection in a workspace: a fresh ID, its secret sealed. */
export function newConnectionRow(
  connection: NewConnection,
  workspaceId: string,
  box: SecretBox,
): ConnectionRow {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    workspace_id: workspaceId,
    type: connection.type,
    user_json: JSON.stringify(connection.user),
    api_url: connection.api_url,
    status: 'active',
    secret: box.seal(JSON.stringify(connection.secret)),
    created_at: now,
    updated_at: now,
  };
}

export function toConnectionWithSecret(row: ConnectionRow, box: SecretBox): ConnectionWithSecret {
  return { ...toConnection(row), secret: JSON.parse(box.open(row.secret)) };
}

/**
 * The row of a new subscription in a workspace: a webhook's pending, without a webhook yet, its credentials
 * sealed; a polling one active at once, with no callback and no credentials.
 */
export function newSubscriptionRow(
  subscription: NewSubscription,
  workspaceId: string,
  box: SecretBox,
): SubscriptionRow {
  const now = new Date().toISOString();
  const {
    credentials,
    input,
    poll: _poll,
    mode = 'webhook',
    interval_seconds = null,
    ...rest
  } = subscription;
  const polling = mode === 'polling';
  return {
    ...rest,
    callback_url: rest.callback_url ?? '',
    workspace_id: workspaceId,
    input_json: JSON.stringify(input),
    webhook_id: null,
    status: polling ? 'active' : 'pending',
    mode,
    interval_seconds,
    secret: credentials && !polling ? box.seal(JSON.stringify(credentials)) : null,
    created_at: now,
    updated_at: now,
  };
}

export interface PollRow {
  subscription_id: string;
  workspace_id: string;
  state_json: string;
  next_poll_at: string;
  holder: string | null;
  lease_until: string | null;
  polls: number | string;
  last_polled_at: string | null;
  last_error: string | null;
}

export function toPoll(row: PollRow): Poll {
  const { state_json, ...rest } = row;
  return { ...rest, polls: Number(rest.polls), state: JSON.parse(state_json) };
}

/** Numeric IDs as numbers: PostgreSQL's BIGINT columns come back as strings. */
const idOrNull = (value: number | string | null) => (value === null ? null : Number(value));

export function toSubscription(row: SubscriptionRow): Subscription {
  const { input_json, secret: _secret, ...rest } = row;
  return {
    ...rest,
    // A polling subscription has no callback (the column, older than polling, is NOT NULL: '' there).
    callback_url: rest.callback_url === '' ? null : rest.callback_url,
    interval_seconds: idOrNull(rest.interval_seconds),
    webhook_id: idOrNull(rest.webhook_id),
    user_id: idOrNull(rest.user_id),
    input: JSON.parse(input_json),
  };
}

/** Placeholder credentials of a deleted subscription (its secret is wiped). */
export const NO_CREDENTIALS = { http_auth_user: '', http_auth_password: '' };

export function toSubscriptionWithSecret(row: SubscriptionRow, box: SecretBox): SubscriptionWithSecret {
  const credentials = row.secret ? JSON.parse(box.open(row.secret)) : NO_CREDENTIALS;
  return { ...toSubscription(row), credentials };
}

export interface ApiKeyRow {
  id: string;
  workspace_id: string;
  /** 0 or 1 (an INTEGER in both stores; PostgreSQL's may come back as text). */
  admin: number | string;
  /** 0 or 1, as `admin`. */
  operator: number | string;
  label: string | null;
  hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export function toApiKeyWithHash(row: ApiKeyRow): ApiKeyWithHash {
  return { ...row, admin: Number(row.admin) === 1, operator: Number(row.operator) === 1 };
}

/** A key as it may be shown: without its hash. */
export function withoutHash({ hash: _hash, ...key }: ApiKeyWithHash): ApiKey {
  return key;
}

export function toApiKey(row: ApiKeyRow): ApiKey {
  return withoutHash(toApiKeyWithHash(row));
}

export interface AuditRow {
  seq: number | string;
  at: string;
  key_id: string | null;
  workspace_id: string;
  action: string;
  target_id: string | null;
}

export function toAuditEntry(row: AuditRow): AuditEntry {
  const { seq, ...rest } = row;
  return { id: String(seq), ...rest };
}
