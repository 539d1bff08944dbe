/**
 * How runs are retried, declared once for both dispatchers (server/dispatch.ts on SQLite, server/queue.ts on
 * PostgreSQL): how many deliveries a run gets, how long it waits between them, and when it is dead. The run's
 * state (attempts, next attempt, dead) is written to the runs table from this declaration, by either dispatcher.
 */
export interface RunPolicy {
  /** Deliveries tried before a run is `dead` (still listed; `POST /runs/:id/retry` sends it again). */
  readonly attempts: number;
  /** The wait after the first failed delivery; it doubles after each further one, up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Each wait is spread by up to this fraction either way, so that runs failed together do not retry together. */
  readonly jitter: number;
}

export const RUN_POLICY: RunPolicy = {
  attempts: 20,
  baseDelayMs: 1000,
  maxDelayMs: 60 * 60 * 1000,
  jitter: 0.2,
};

/** What a dispatcher reads the time and chance from (tests pass their own). */
export interface PolicyClock {
  now(): Date;
  /** A number in [0, 1), as Math.random. */
  random(): number;
}

export const SYSTEM_CLOCK: PolicyClock = { now: () => new Date(), random: Math.random };

/** The wait after `attempts` failed deliveries (1 or more), before its spread: base * 2^(attempts - 1), capped. */
export function retryDelayMs(policy: RunPolicy, attempts: number): number {
  return Math.min(policy.baseDelayMs * 2 ** Math.min(30, Math.max(0, attempts - 1)), policy.maxDelayMs);
}

/**
 * After a failed delivery that made `attempts` in all: when the next is due, or `null` when the run is dead.
 * A random draw of 0.5 gives the delay exactly.
 */
export function nextAttemptAt(policy: RunPolicy, attempts: number, clock: PolicyClock): Date | null {
  if (attempts >= policy.attempts) return null;
  const spread = 1 + policy.jitter * (2 * clock.random() - 1);
  return new Date(clock.now().getTime() + Math.round(retryDelayMs(policy, attempts) * spread));
}
