/**
 * Pipedrive's burst limit as the local stubs enforce it (the rate-limit test and `bench/stub.ts`): `limit`
 * requests per rolling `windowMs` per token, every answer with `x-ratelimit-limit`, `-remaining` and `-reset`
 * (seconds until the oldest request in the window leaves it), and a 429 past the limit.
 */
export class BurstLimit {
  private readonly windows = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Count a request of `token` if the window has room: whether it may be served, and the headers to send. */
  admit(token: string, now = Date.now()): { allowed: boolean; headers: Record<string, string> } {
    const times = this.windows.get(token) ?? [];
    while (times.length && (times[0] as number) <= now - this.windowMs) times.shift();
    this.windows.set(token, times);
    const reset = times.length
      ? Math.max(0, ((times[0] as number) + this.windowMs - now) / 1000)
      : this.windowMs / 1000;
    const headers = { 'x-ratelimit-limit': String(this.limit), 'x-ratelimit-reset': reset.toFixed(3) };
    if (times.length >= this.limit)
      return { allowed: false, headers: { ...headers, 'x-ratelimit-remaining': '0' } };
    times.push(now);
    return {
      allowed: true,
      headers: { ...headers, 'x-ratelimit-remaining': String(this.limit - times.length) },
    };
  }
}

/** Pipedrive's body for a 429. */
export const OVER_LIMIT = JSON.stringify({ success: false, error: 'Request over limit' });
