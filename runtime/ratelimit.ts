/**
 * A per-connection gate that paces requests by what Pipedrive says in its `x-ratelimit-*` headers, so that
 * concurrent calls on one connection queue for the next window instead of running into 429s (each one a request
 * Pipedrive counted and refused; sustained, they can get an API token blocked). Pipedrive's burst limit is per
 * token over a rolling 2-second window; every answer carries `x-ratelimit-limit`, `x-ratelimit-remaining` and
 * `x-ratelimit-reset` (seconds until the window frees up). No fixed sleeps: the gate only waits when the headers
 * say it must.
 *
 * Answers arrive in any order: on separate connections one overtakes another (in the rate-limit benchmark about
 * one in five does), so the `remaining` of the last answer to arrive may be older than what the gate knows
 * already, and taking it as the current state lets too many requests go. The gate keeps two bounds instead, each
 * true whatever the order, and lets a request go when either has room:
 * - Every answer proves that the window takes `remaining + (requests ended before that request was sent) + 1`
 *   requests in all: when Pipedrive counted it, `remaining` places were left, and the only requests it can have
 *   counted since are those that had not ended when it was sent. The best of these bounds is `allowance`.
 * - The lowest `remaining` since the window last moved, less the requests still under way: the answer Pipedrive
 *   counted last is among those seen, its `remaining` is not lower than this one, and it can only have counted
 *   the requests under way after it.
 * A rolling window also frees places as time passes, which no answer tells in advance: once the reset time of
 * the answers seen since the window last moved has come, one request more goes (a step), and its answer tells
 * how many more the window takes now.
 */

import { type Headers, numberHeader } from './headers.js';
import { rateLimitWaitMs } from './retry.js';

/** Longer waits are not burst limits; the retry policy gives up on them too (`maxRateLimitWaitMs`). */
const MAX_GATE_WAIT_MS = 60_000;

/** How long calls wait for the first answer of a connection to learn its window before going anyway. */
const PROBE_WAIT_MS = 500;

/** Pipedrive's burst window, assumed when an answer gives no reset time. */
const WINDOW_MS = 2000;

/**
 * Added to every reset time: the header is rounded (to the millisecond in the benchmark's stub, so up to half a
 * millisecond early), and a step sent the instant the window seemed to free up met a 429 there.
 */
const RESET_SLACK_MS = 1;

/** What `acquire` gives for one request; it goes back with the request's answer (`observe`) or failure (`release`). */
export interface Ticket {
  /** Requests that had ended (answered or failed) when this one was sent: Pipedrive saw all of them before it. */
  readonly endedBefore: number;
  /** How many steps the gate had made when it was sent. */
  readonly step: number;
}

export class RateGate {
  /** Requests let through. */
  private sent = 0;
  /** Requests ended: answered, or failed without an answer. */
  private ended = 0;
  /** How many requests in all (`sent`) the window is proven to take; undefined until an answer has told. */
  private allowance: number | undefined;
  /** The lowest `remaining` since the last step (after a step: the requests under way, and one more). */
  private remaining: number | undefined;
  /** The last answer had no rate-limit headers (e.g. a stub, or a proxy's page): nothing is known, nothing limits. */
  private unlimited = false;
  /** Steps made: times the window was taken to have freed a place at its reset time. */
  private step = 0;
  /** The latest reset time of the answers seen since the last step (`now()` clock); 0 when none. */
  private resetAt = 0;
  /** An answer to a request sent since the last step has come: only then may `resetAt` make another step. */
  private heard = false;
  /** A spent daily budget (a wait beyond any burst window) until then: calls go, to fail fast with its error. */
  private spentUntil = 0;
  private waiters: (() => void)[] = [];
  /** When the request that is to tell the window was sent. */
  private probeStartedAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = 0;

  /** `now`: a clock in milliseconds (default: monotonic, below the millisecond). */
  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Wait for room in the window, then take it. */
  async acquire(): Promise<Ticket> {
    while (!this.hasRoom()) await new Promise<void>((resolve) => this.park(resolve));
    const ticket = { endedBefore: this.ended, step: this.step };
    this.sent += 1;
    return ticket;
  }

  /** The answer to a request (any status) came: learn the window from its headers and let waiters re-check. */
  observe(ticket: Ticket, headers: Headers, status: number): void {
    this.ended = Math.min(this.sent, this.ended + 1);
    const remaining = status === 429 ? 0 : numberHeader(headers, 'x-ratelimit-remaining');
    const reset = numberHeader(headers, 'x-ratelimit-reset');
    this.unlimited = remaining === undefined && reset === undefined;
    if (!this.unlimited) this.learn(ticket, headers, status, remaining, reset);
    this.wakeAll();
  }

  private learn(
    ticket: Ticket,
    headers: Headers,
    status: number,
    remaining: number | undefined,
    reset: number | undefined,
  ): void {
    if (remaining !== undefined) {
      const bound = remaining + ticket.endedBefore + 1;
      this.allowance = Math.max(this.allowance ?? bound, bound);
      this.remaining = Math.min(this.remaining ?? remaining, remaining);
    }
    const wait = status === 429 || reset !== undefined ? rateLimitWaitMs(headers) : undefined;
    if (wait !== undefined && wait > MAX_GATE_WAIT_MS) {
      this.spentUntil = this.now() + wait;
    } else {
      this.spentUntil = 0;
      // Without a reset time, assume Pipedrive's 2-second window rather than waiting for an answer that may not come.
      const freesIn = wait === undefined ? WINDOW_MS : wait + RESET_SLACK_MS;
      this.resetAt = Math.max(this.resetAt, this.now() + freesIn);
    }
    if (ticket.step === this.step) this.heard = true;
  }

  /** A request ended without an answer (network error, timeout): its place is given back. */
  release(_ticket: Ticket): void {
    this.ended = Math.min(this.sent, this.ended + 1);
    if (this.allowance !== undefined) this.allowance += 1;
    this.wakeAll();
  }

  private hasRoom(): boolean {
    if (this.unlimited || this.spentUntil > this.now()) return true;
    const underWay = this.sent - this.ended;
    // Until an answer has told the window, one request at a time: a cold burst would meet the limit blind.
    // A first answer slow in coming (a slow endpoint, a timeout) must not hold every other call back, though.
    if (this.allowance === undefined || this.remaining === undefined) {
      if (underWay === 0 || this.now() - this.probeStartedAt > PROBE_WAIT_MS) {
        if (underWay === 0) this.probeStartedAt = this.now();
        return true;
      }
      return false;
    }
    if (this.sent < this.allowance || this.remaining > underWay) return true;
    if (this.mayStep(underWay) && this.now() >= this.resetAt) {
      // The reset time has come: the oldest request those answers counted has left the window. In a rolling
      // window that frees one place, not all of them: send one request, whose answer tells how many more go.
      this.remaining = underWay + 1;
      this.step += 1;
      this.heard = false;
      this.resetAt = 0;
      return true;
    }
    return false;
  }

  /**
   * Whether the reset time may make a step. A step waits for an answer to a request of the current step, unless
   * none is under way: then no answer can come (the step's own one may have said nothing, and an older one told a
   * full window), and the reset time alone decides.
   */
  private mayStep(underWay: number): boolean {
    return this.heard || underWay === 0;
  }

  private park(resolve: () => void): void {
    this.waiters.push(resolve);
    const underWay = this.sent - this.ended;
    const wakeAt =
      this.allowance === undefined
        ? this.probeStartedAt + PROBE_WAIT_MS
        : this.mayStep(underWay)
          ? this.resetAt
          : 0;
    // Nothing seen since the last step: the request sent then is under way, and its end wakes the waiters.
    if (wakeAt <= 0 || (this.timer && this.timerAt <= wakeAt)) return;
    clearTimeout(this.timer);
    this.timerAt = wakeAt;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.wakeAll();
      },
      Math.max(1, Math.ceil(wakeAt - this.now())),
    );
    // Not unref'd: a call is waiting on it, and a process whose calls all wait here (a CLI) must not exit.
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

/** Forget every connection's gate (what the test suite does between test files that share one process). */
export function forgetGates(): void {
  gates.clear();
}
