/**
 * What the calls of a connection spend of Pipedrive's daily token budget, and what Pipedrive says is left.
 *
 * Every answered request is one `CallUsage`: the operation's declared token cost (Pipedrive's `x-token-cost`;
 * a list or search costs it per page) and what the answer's headers said. The transport hands each one to
 * `ctx.onUsage` (the caller's own accounting: the host keeps the day's spend per connection and per company in
 * its store) and to the connection's `UsageMeter` here, which `connector.usage(ctx)` reads.
 *
 * Pipedrive's headers (docs/decisions.md, "Token budget"): `x-ratelimit-limit`, `-remaining` and `-reset` (the
 * 2-second burst window, documented), `x-daily-requests-left` (POST/PUT requests left today, UTC, API tokens only,
 * documented), and `x-daily-ratelimit-token-limit` / `x-daily-ratelimit-token-remaining` (the company's daily
 * token budget: sent by the live API but not in Pipedrive's reference, and missing on some answers; optional).
 */
import { type Headers, numberHeader } from './headers.js';

/** One answered request. */
export interface CallUsage {
  /** The operation that made it (undefined for the runtime's own calls outside an operation). */
  operation: string | undefined;
  /** `GET /api/v2/deals/{id}`: method and the path template (no IDs, no query). */
  request: string;
  status: number;
  /**
   * Tokens the request costs: the declared cost (0 for a 429, which Pipedrive did not process); null when the
   * cost is not known (`api_request` calls any endpoint).
   */
  tokens: number | null;
  /** The cost is the connector's estimate (Pipedrive publishes none for the endpoint). */
  estimated: boolean;
  /** What the answer's headers said of the daily budget (only the headers present). */
  budget: BudgetHeaders;
  /** The burst window, from `x-ratelimit-*` (only the headers present). */
  burst: { limit?: number; remaining?: number; reset_seconds?: number };
  /** The 429 was the spent daily budget (`daily_limit_reached`). */
  daily_limit_reached: boolean;
  /** When the answer came (ISO 8601). */
  at: string;
}

export interface BudgetHeaders {
  /** `x-daily-ratelimit-token-limit`: the company's tokens for the day. */
  token_limit?: number;
  /** `x-daily-ratelimit-token-remaining`: the company's tokens left today. */
  token_remaining?: number;
  /** `x-daily-requests-left`: POST/PUT requests left today (API tokens only). */
  requests_left?: number;
}

/** What the cost of a request is, as the operation declares it. */
export interface RequestCost {
  tokens: number | null;
  estimated?: boolean;
  operation?: string;
  /** The path template, for reports (`/deals/{id}`); the sent path otherwise. */
  template?: string;
}

/** The headers of one answer, read. */
export function readBudgetHeaders(headers: Headers): { budget: BudgetHeaders; burst: CallUsage['burst'] } {
  const budget: BudgetHeaders = {};
  const burst: CallUsage['burst'] = {};
  const set = <T extends object>(target: T, key: keyof T, name: string) => {
    const value = numberHeader(headers, name);
    if (value !== undefined) (target as Record<keyof T, number>)[key] = value;
  };
  set(budget, 'token_limit', 'x-daily-ratelimit-token-limit');
  set(budget, 'token_remaining', 'x-daily-ratelimit-token-remaining');
  set(budget, 'requests_left', 'x-daily-requests-left');
  set(burst, 'limit', 'x-ratelimit-limit');
  set(burst, 'remaining', 'x-ratelimit-remaining');
  set(burst, 'reset_seconds', 'x-ratelimit-reset');
  return { budget, burst };
}

/** The share of a known budget used at which calls should slow down, and the host warns. */
export const LOW_BUDGET_SHARE = 0.8;

/**
 * `ok`: a known budget under 80% used; `low`: 80% or more used; `spent`: nothing left today (a 429 said so, or
 * the remaining tokens are 0); `unknown`: Pipedrive's answers have not said what the budget is.
 */
export type BudgetState = 'ok' | 'low' | 'spent' | 'unknown';

/** The day's spend of one connection (or company) and what is known of its budget. */
export interface UsageSummary {
  /** The UTC day the counts are for (`YYYY-MM-DD`); they start again at 0 the next day. */
  day: string;
  /** Tokens spent today by the calls counted here (declared costs). */
  tokens: number;
  /** Answered requests today. */
  calls: number;
  /** Calls whose cost is not known (`api_request`): not in `tokens`. */
  unpriced_calls: number;
  /** The company's daily budget as Pipedrive's latest answer told it; null when no answer has. */
  budget: {
    limit: number | null;
    remaining: number | null;
    requests_left: number | null;
    /** When Pipedrive said so. */
    seen_at: string;
  } | null;
  /** `(limit - remaining) / limit` when both are known; else null. */
  used_share: number | null;
  state: BudgetState;
  /** `state` is `low` or `spent`: optional work (polling, backfills) should wait (see `budgetDelay`). */
  slow_down: boolean;
}

/** `YYYY-MM-DD` of a time in UTC. */
export const utcDay = (at: Date | number = Date.now()) => new Date(at).toISOString().slice(0, 10);

/** The state of a budget from what is known of it. */
export function budgetState(budget: UsageSummary['budget'], spent: boolean): BudgetState {
  if (spent || budget?.remaining === 0) return 'spent';
  if (!budget || budget.limit === null || budget.remaining === null || budget.limit <= 0) return 'unknown';
  return (budget.limit - budget.remaining) / budget.limit >= LOW_BUDGET_SHARE ? 'low' : 'ok';
}

export function usedShare(budget: UsageSummary['budget']): number | null {
  if (!budget || budget.limit === null || budget.remaining === null || budget.limit <= 0) return null;
  return Math.min(1, Math.max(0, (budget.limit - budget.remaining) / budget.limit));
}

/**
 * How long optional work (a poll, a backfill page) should wait given the budget: the normal `intervalMs` while
 * it is `ok` or `unknown`; when `low`, longer as less is left (the interval × 0.2 / share left, at most × 20);
 * when `spent`, until the next UTC midnight (Pipedrive resets at midnight, its server time).
 */
export function budgetDelay(intervalMs: number, usage: UsageSummary, now = Date.now()): number {
  if (usage.state === 'spent') {
    const midnight = new Date(now);
    midnight.setUTCHours(24, 0, 0, 0);
    return Math.max(intervalMs, midnight.getTime() - now);
  }
  if (usage.state !== 'low' || usage.used_share === null) return intervalMs;
  const left = Math.max(1 - usage.used_share, 0.01);
  return Math.round(intervalMs * Math.min(20, Math.max(1, (1 - LOW_BUDGET_SHARE) / left)));
}

/**
 * What an answer says of the budget that is worth a warning: 80% of it used (`low`), or nothing left (`spent`);
 * undefined otherwise. The host logs it once per company and day, the n8n node once per credential and day.
 */
export function budgetWarning(
  usage: CallUsage,
): { state: 'low' | 'spent'; used_share: number | null; message: string } | undefined {
  const { token_limit, token_remaining } = usage.budget;
  const budget =
    token_limit === undefined || token_remaining === undefined
      ? null
      : { limit: token_limit, remaining: token_remaining, requests_left: null, seen_at: usage.at };
  const state = budgetState(budget, usage.daily_limit_reached);
  if (state !== 'low' && state !== 'spent') return undefined;
  return {
    state,
    used_share: usedShare(budget),
    message:
      state === 'spent'
        ? "Pipedrive's daily token budget is spent: calls fail until it resets at midnight UTC"
        : `Pipedrive's daily token budget is ${Math.round(LOW_BUDGET_SHARE * 100)}% used or more`,
  };
}

/**
 * The day's counts of one connection in this process, and the latest budget its answers told. Counters start
 * again at 0 when the UTC day changes.
 */
export class UsageMeter {
  private day = utcDay();
  private tokens = 0;
  private calls = 0;
  private unpriced = 0;
  private spentDay: string | undefined;
  private budget: UsageSummary['budget'] = null;

  constructor(private readonly now: () => number = Date.now) {}

  record(usage: CallUsage): void {
    const today = utcDay(this.now());
    if (today !== this.day) {
      this.day = today;
      this.tokens = 0;
      this.calls = 0;
      this.unpriced = 0;
    }
    this.calls += 1;
    if (usage.tokens === null) this.unpriced += 1;
    else this.tokens += usage.tokens;
    if (usage.daily_limit_reached) this.spentDay = today;
    const { token_limit, token_remaining, requests_left } = usage.budget;
    if (token_limit !== undefined || token_remaining !== undefined || requests_left !== undefined) {
      const previous = this.budget?.seen_at.slice(0, 10) === today ? this.budget : null;
      this.budget = {
        limit: token_limit ?? previous?.limit ?? null,
        remaining: token_remaining ?? previous?.remaining ?? null,
        requests_left: requests_left ?? previous?.requests_left ?? null,
        seen_at: usage.at,
      };
      // Tokens left again (a top-up, or Pipedrive's day turned): the budget is not spent any more.
      if (token_remaining !== undefined && token_remaining > 0) this.spentDay = undefined;
    }
  }

  summary(): UsageSummary {
    const today = utcDay(this.now());
    const current = this.day === today;
    const budget = this.budget?.seen_at.slice(0, 10) === today ? this.budget : null;
    const state = budgetState(budget, this.spentDay === today);
    return {
      day: today,
      tokens: current ? this.tokens : 0,
      calls: current ? this.calls : 0,
      unpriced_calls: current ? this.unpriced : 0,
      budget,
      used_share: usedShare(budget),
      state,
      slow_down: state === 'low' || state === 'spent',
    };
  }
}

/** One meter per connection (keyed like the rate gate: `ctx.cacheKey`, else the credentials' identity). */
const meters = new Map<string, UsageMeter>();

export function meterFor(key: string): UsageMeter {
  let meter = meters.get(key);
  if (!meter) {
    meter = new UsageMeter();
    meters.set(key, meter);
    if (meters.size > 10_000) meters.delete(meters.keys().next().value as string);
  }
  return meter;
}

/** Forget every connection's meter (what the test suite does between test files that share one process). */
export function forgetMeters(): void {
  meters.clear();
}

/**
 * The usage of one piece of work (a tool call, a CLI command): pass `record` as `ctx.onUsage`, then read
 * `summary()`: its tokens and calls, and the budget as the last answer told it.
 */
export class CallTally {
  private readonly meter: UsageMeter;

  constructor(now: () => number = Date.now) {
    this.meter = new UsageMeter(now);
  }

  readonly record = (usage: CallUsage): void => this.meter.record(usage);

  summary(): Omit<UsageSummary, 'day'> {
    const { day: _day, ...rest } = this.meter.summary();
    return rest;
  }
}
