import type { RetryObject } from 'got';
import { type Headers, header, numberHeader } from './headers.js';

/**
 * When a failed request is sent again. One policy for every call, handed to got's own retry machinery:
 * - 429 (rate limited) is retried for any method, POST included, because Pipedrive did not process it; the
 *   wait is `Retry-After`, else `x-ratelimit-reset`, else exponential backoff; a wait longer than
 *   `maxRateLimitWaitMs`, or a spent daily budget, ends the retries at once.
 * - 5xx and network errors are retried for idempotent methods only (GET, HEAD, PUT, DELETE, OPTIONS). POST and
 *   PATCH are never sent twice, except when the connection was refused or the host not found, i.e. when the
 *   request provably never left this machine.
 * - A request Pipedrive refused with 401 is sent once more, for any method, after an OAuth token refresh.
 */

export const RETRY_METHODS = ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'POST', 'PATCH'] as const;
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
/** Errors raised before any byte of the request reached a server: safe to retry for any method. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
export const RETRY_STATUS_CODES = [429, 500, 502, 503, 504, 520, 521, 522, 524];
export const RETRY_ERROR_CODES = [
  'ETIMEDOUT',
  'ECONNRESET',
  'EADDRINUSE',
  'ECONNREFUSED',
  'EPIPE',
  'ENOTFOUND',
  'ENETUNREACH',
  'EAI_AGAIN',
];

export interface RetrySettings {
  /** Retries after the first attempt (default 4). */
  limit: number;
  /** Longest single wait for a 429 before giving up with `rate_limited` (default 60 s). */
  maxRateLimitWaitMs: number;
  /** Cap of the exponential backoff for 5xx and network errors (default 8 s). */
  backoffLimitMs: number;
}

export const DEFAULT_RETRY: RetrySettings = { limit: 4, maxRateLimitWaitMs: 60_000, backoffLimitMs: 8_000 };

/** Milliseconds Pipedrive asks us to wait, from `Retry-After` (seconds or HTTP date) or `x-ratelimit-reset`. */
export function rateLimitWaitMs(headers: Headers, now = Date.now()): number | undefined {
  const retryAfter = header(headers, 'retry-after');
  if (retryAfter !== undefined && retryAfter.trim() !== '') {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = numberHeader(headers, 'x-ratelimit-reset');
  return reset === undefined ? undefined : Math.max(0, reset * 1000);
}

/**
 * A 429 that will not clear within a burst window: the company's daily token budget (or the POST/PUT daily
 * allowance) is spent. Pipedrive does not document a dedicated signal, so we read the ones it does send:
 * `x-daily-requests-left: 0`, `x-daily-ratelimit-token-remaining: 0` (sent by the live API, not documented), an
 * error text about the daily limit or budget, or a reset that is hours away.
 */
export function isDailyLimit(headers: Headers, body: unknown, waitMs: number | undefined): boolean {
  if (header(headers, 'x-daily-requests-left') === '0') return true;
  if (header(headers, 'x-daily-ratelimit-token-remaining') === '0') return true;
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
  if (/daily|budget/i.test(text)) return true;
  return waitMs !== undefined && waitMs >= 60 * 60 * 1000;
}

export function createCalculateDelay(settings: RetrySettings) {
  return ({ attemptCount, error, computedValue }: RetryObject): number => {
    if (attemptCount > settings.limit) return 0;
    const method = String(error.options.method).toUpperCase();
    const response = error.response;
    if (response?.statusCode === 429) {
      const wait = rateLimitWaitMs(response.headers);
      if (isDailyLimit(response.headers, response.body, wait)) return 0;
      const delay = wait ?? Math.min(2 ** (attemptCount - 1) * 1000, settings.backoffLimitMs);
      if (delay > settings.maxRateLimitWaitMs) return 0;
      // A short random addition keeps concurrent callers from all coming back in the same millisecond.
      return Math.max(1, delay) + Math.floor(Math.random() * 100);
    }
    // Sent again with a refreshed OAuth token (transport.ts): Pipedrive refused the first one (401), any method.
    if (error.name === 'RetryError') return computedValue;
    if (!IDEMPOTENT.has(method) && !(error.code && NOT_SENT_CODES.has(error.code) && !response)) return 0;
    return computedValue;
  };
}
