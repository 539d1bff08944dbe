/**
 * The host's API keys: `pdk_<id>_<secret>`. The id (12 lowercase base32 characters) names the key in lists, the
 * audit trail and `keys revoke`; it is not a secret. The secret is 32 random bytes (43 base64url characters).
 * Only the SHA-256 of the whole key is stored; the key itself is shown once, when it is made, and never logged.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { withoutHash } from './store/rows.js';
import type { ApiKey, NewApiKey, Store } from './store/types.js';

const KEY_PREFIX = 'pdk_';
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const KEY_SHAPE = /^pdk_([a-z2-7]{12})_[A-Za-z0-9_-]{43}$/;

/** SHA-256 (hex) of a key: what the store keeps. */
function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new key for a workspace: the key (show it once) and the row to store. */
export function generateKey(
  workspaceId: string,
  options: { admin?: boolean; operator?: boolean; label?: string | null } = {},
): { key: string; row: NewApiKey } {
  const id = Array.from({ length: 12 }, () => BASE32[randomInt(32)]).join('');
  const key = `${KEY_PREFIX}${id}_${randomBytes(32).toString('base64url')}`;
  return {
    key,
    row: {
      id,
      workspace_id: workspaceId,
      // A host operator administers every workspace, its own included.
      admin: options.admin === true || options.operator === true,
      operator: options.operator === true,
      label: options.label ?? null,
      hash: hashKey(key),
    },
  };
}

/** The key's id, or undefined when the text does not have the shape of a key. */
export function parseKey(text: string): string | undefined {
  return KEY_SHAPE.exec(text)?.[1];
}

/**
 * The stored key that `text` is, or undefined: malformed, unknown, revoked, or the wrong secret for its id. The
 * digests are compared in constant time.
 */
export async function verifyKey(store: Pick<Store, 'getApiKey'>, text: string): Promise<ApiKey | undefined> {
  const id = parseKey(text);
  if (id === undefined) return undefined;
  const stored = await store.getApiKey(id);
  if (!stored || stored.revoked_at !== null) return undefined;
  const expected = Buffer.from(stored.hash, 'hex');
  const actual = Buffer.from(hashKey(text), 'hex');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
  return withoutHash(stored);
}

/**
 * Make a key and store it (its workspace is created when needed), with `key.create` in the audit trail. `by` is
 * the key that asked (null: the CLI on the host, or the host's first start).
 */
export async function issueKey(
  store: Pick<Store, 'ensureWorkspace' | 'createApiKey' | 'recordAudit'>,
  request: {
    workspace_id: string;
    admin?: boolean;
    operator?: boolean;
    label?: string | null;
    by: string | null;
  },
): Promise<{ key: string; apiKey: ApiKey }> {
  await store.ensureWorkspace(request.workspace_id);
  const { key, row } = generateKey(request.workspace_id, request);
  const apiKey = await store.createApiKey(row);
  await store.recordAudit({
    key_id: request.by,
    workspace_id: row.workspace_id,
    action: 'key.create',
    target_id: row.id,
  });
  return { key, apiKey };
}

/**
 * Revoke a key, with `key.revoke` in the audit trail. Undefined when there is no such key; `revoked` is false
 * when it was revoked already (nothing changes then).
 */
export async function revokeKey(
  store: Pick<Store, 'getApiKey' | 'revokeApiKey' | 'recordAudit'>,
  id: string,
  by: string | null,
  at = new Date(),
): Promise<{ apiKey: ApiKey; revoked: boolean } | undefined> {
  const revoked = await store.revokeApiKey(id, at);
  const stored = await store.getApiKey(id);
  if (!stored) return undefined;
  if (revoked) {
    await store.recordAudit({
      key_id: by,
      workspace_id: stored.workspace_id,
      action: 'key.revoke',
      target_id: id,
    });
  }
  return { apiKey: withoutHash(stored), revoked };
}
