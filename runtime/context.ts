/** What an engine passes with every call: who to call Pipedrive as, and where to log. */
import { createHash } from 'node:crypto';
import type { RetrySettings } from './retry.js';
import type { CallUsage } from './usage.js';

export const DEFAULT_API_URL = 'https://api.pipedrive.com';

/** Pipedrive's OAuth server: a token must never be sent there as if it were the API. */
export const OAUTH_HOST = 'oauth.pipedrive.com';

/** What a credential may hold to go in a header: visible ASCII (a pasted line break or a stray letter is refused). */
export const HEADER_SAFE = /^[\x21-\x7e]+$/;

/** How long one request may take when `ctx.timeoutMs` does not say. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface ApiTokenAuth {
  type: 'api_token';
  apiToken: string;
  /** Base URL of the API (default https://api.pipedrive.com); `/api/v2` and `/v1` are appended. */
  apiUrl?: string;
}

export interface OAuth2Tokens {
  accessToken: string;
  refreshToken?: string;
  /** Epoch milliseconds, an ISO date string or a Date. */
  expiresAt?: number | string | Date;
  apiDomain: string;
  scope?: string;
}

export interface OAuth2Auth extends OAuth2Tokens {
  type: 'oauth2';
  /**
   * Called when the access token is about to expire or Pipedrive answered 401. It must return fresh
   * tokens (the engine stores them); the runtime retries the call once with them.
   */
  refresh?: () => Promise<OAuth2Tokens>;
}

export type Auth = ApiTokenAuth | OAuth2Auth;

export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

export interface CallContext {
  auth: Auth;
  logger?: Logger;
  /** Aborts the call (and any pagination in progress). */
  signal?: AbortSignal;
  /**
   * Per-request timeout in milliseconds (default `DEFAULT_TIMEOUT_MS`, 30 s). For an upload or a download it
   * bounds the wait for Pipedrive's answer and any pause in the transfer, not the whole transfer.
   */
  timeoutMs?: number;
  /** Tune the retry policy (see runtime/retry.ts for the defaults). */
  retry?: Partial<RetrySettings>;
  /** The most bytes one uploaded file may have (default `DEFAULT_MAX_FILE_BYTES`, 100 MiB). */
  maxFileBytes?: number;
  /** Called as an upload goes out: bytes sent so far, and the total when it is known. */
  onUploadProgress?: (progress: { transferred: number; total?: number }) => void;
  /**
   * Identifies the connection for caches (custom field definitions); defaults to one derived from the
   * credentials. Engines should pass their connection ID.
   */
  cacheKey?: string;
  /**
   * Called once for every answered request to Pipedrive (retries and pages each count): its token cost and
   * what Pipedrive's headers said of the daily budget (runtime/usage.ts). An exception it throws is logged and
   * ignored. `connector.usage(ctx)` sums them per connection in this process.
   */
  onUsage?: (usage: CallUsage) => void;
  /**
   * Coordination of find-or-create and upsert beyond this process (runtime/upsert.ts); without it, concurrent
   * calls for one key are joined in this process only.
   */
  coordinator?: KeyCoordinator;
}

/**
 * How find-or-create and upsert calls of several processes agree (the host implements it with its store): a lock
 * per key, and a memory of the record each key found or created lately, which a search may not show yet.
 */
export interface KeyCoordinator {
  /** Run `fn` while no other holder of `key` runs, in any process sharing the coordinator. */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** The record ID remembered for `key` within the last `maxAgeMs`, if any. */
  recall(key: string, maxAgeMs: number): Promise<string | undefined>;
  /** Remember (or, with null, forget) the record ID of `key`. */
  remember(key: string, recordId: string | null): Promise<void>;
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

/** Who per-connection state (field definitions, the rate gate) belongs to: `ctx.cacheKey`, else the credentials. */
export function cacheKeyOf(ctx: CallContext): string {
  if (ctx.cacheKey) return ctx.cacheKey;
  if (ctx.auth.type === 'oauth2') return `oauth:${ctx.auth.apiDomain}`;
  const digest = createHash('sha256').update(ctx.auth.apiToken).digest('hex').slice(0, 24);
  return `token:${ctx.auth.apiUrl ?? ''}:${digest}`;
}
