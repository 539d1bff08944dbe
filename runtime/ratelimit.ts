/**
 * A per-connection gate that paces requests by what Pipedrive says in its `x-ratelimit-*` headers, so that
 * concurrent calls on one connection queue for the next window instead of all running into 429s (which cost
 * a retry and, sustained, can get an API token blocked). Pipedrive's burst limit is per token over a rolling
 * 2-second window; every answer carries `x-ratelimit-limit`, `x-ratelimit-remaining` and `x-ratelimit-reset`
 * (seconds until the window frees up). No fixed sleeps: the gate only waits when the headers say it must.
 */

import { type Headers, numberHeader } from './headers.js';
import { rateLimitWaitMs } from './retry.js';

/** Longer waits are not burst limits; the retry policy gives up on them too (`maxRateLimitWaitMs`). */
const MAX_GATE_WAIT_MS = 60_000;

/** How long calls wait for the first answer of a connection to learn its window before going anyway. */
const PROBE_WAIT_MS = 500;

export class RateGate {
  /** Requests the current window still allows, as far as this process knows (undefined: not known yet). */
  private remaining: number | undefined;
  /** When the window frees up (epoch ms). */
  private resetAt = 0;
  /** Requests sent whose answer has not come yet; they count against `remaining`. */
  private inFlight = 0;
  private waiters: (() => void)[] = [];
  /** When the request that is to tell the window was sent. */
  private probeStartedAt = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  /** Wait for room in the window, then take it. */
  async acquire(): Promise<void> {
    while (!this.hasRoom()) await new Promise<void>((resolve) => this.park(resolve));
    this.inFlight += 1;
  }

  /** An answer arrived (any status): learn the window from its headers and let waiters re-check. */
  observe(headers: Headers, status: number): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (this.unlimited(headers) && status !== 429) {
      this.remaining = Number.POSITIVE_INFINITY;
      this.wakeAll();
      return;
    }
    const remaining = numberHeader(headers, 'x-ratelimit-remaining');
    const reset = numberHeader(headers, 'x-ratelimit-reset');
    if (remaining !== undefined) this.remaining = remaining;
    if (status === 429) this.remaining = 0;
    const wait = rateLimitWaitMs(headers, this.now());
    if (wait !== undefined && (status === 429 || reset !== undefined)) this.resetAt = this.now() + wait;
    // Without a reset time, assume Pipedrive's 2-second window rather than waiting for an answer that may not come.
    else if (this.remaining !== undefined && this.resetAt <= this.now()) this.resetAt = this.now() + 2000;
    this.wakeAll();
  }

  /** A request ended without an answer (network error): give its place back. */
  release(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.wakeAll();
  }

  /** An answer without rate-limit headers (e.g. a stub, or a proxy's page): nothing is known, nothing limits. */
  private unlimited(headers: Headers): boolean {
    return headers['x-ratelimit-remaining'] === undefined && headers['x-ratelimit-reset'] === undefined;
  }

  private hasRoom(): boolean {
    // Until an answer has told the window, one request at a time: a cold burst would meet the limit blind.
    // A first answer slow in coming (a slow endpoint, a timeout) must not hold every other call back, though.
    if (this.remaining === undefined) {
      if (this.inFlight === 0 || this.now() - this.probeStartedAt > PROBE_WAIT_MS) {
        if (this.inFlight === 0) this.probeStartedAt = this.now();
        return true;
      }
      return false;
    }
    // A window hours away is a spent daily budget, not a burst: let the call go and fail fast with its error.
    if (this.resetAt - this.now() > MAX_GATE_WAIT_MS) return true;
    if (this.now() >= this.resetAt && this.resetAt > 0) {
      // The reset time has come. In a rolling window that frees the oldest places, not all of them: send one
      // request, whose answer tells how many more the window takes now.
      this.remaining = Math.max(1, this.inFlight + 1);
      this.resetAt = 0;
    }
    return this.remaining - this.inFlight > 0;
  }

  private park(resolve: () => void): void {
    this.waiters.push(resolve);
    const wakeAt = this.remaining === undefined ? this.probeStartedAt + PROBE_WAIT_MS : this.resetAt;
    if (wakeAt > 0 && !this.timer) {
      this.timer = setTimeout(
        () => {
          this.timer = undefined;
          this.wakeAll();
        },
        Math.max(1, wakeAt - this.now() + 1),
      );
      // Not unref'd: a call is waiting on it, and a process whose calls all wait here (a CLI) must not exit.
    }
  }

  private wakeAll(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/** One gate per connection (keyed like the caches: `ctx.cacheKey`, else the credentials' identity). */
const gates = new Map<string, RateGate>();

export function gateFor(key: string): RateGate {
  let gate = gates.get(key);
  if (!gate) {
    gate = new RateGate();
    gates.set(key, gate);
    if (gates.size > 10_000) gates.delete(gates.keys().next().value as string);
  }
  return gate;
}
