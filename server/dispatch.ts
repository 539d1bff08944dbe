import got, { RequestError } from 'got';
import type { Logger } from '../runtime/context.js';
import { nextAttemptAt, type PolicyClock, RUN_POLICY, type RunPolicy, SYSTEM_CLOCK } from './run-policy.js';
import type { Run, Store } from './store/types.js';

/**
 * Where runs go. `deliver` resolves once the engine has the run; throwing means "try again later". A run is
 * `delivered` only when a sink took it: while `ready()` is false (nothing to take runs), runs stay `pending`.
 */
export interface RunSink {
  readonly name: string;
  /** Whether something takes runs now; `onReady` is told when that becomes true. */
  ready(): boolean;
  onReady(callback: () => void): void;
  deliver(run: Run): Promise<void>;
}

/** What the sink receives for each run. */
export function runMessage(run: Run) {
  return {
    run_id: run.id,
    workspace_id: run.workspace_id,
    subscription_id: run.subscription_id,
    trigger: run.trigger,
    event_id: run.event_id,
    received_at: run.received_at,
    event: run.event,
  };
}

/**
 * The default sink without ENGINE_URL: runs are handed to in-process listeners, e.g. an engine that embeds the
 * host. With no listener nothing takes them: they stay `pending` (listed by GET /runs) until one is added. A
 * listener that throws makes the run retry.
 */
export class LocalSink implements RunSink {
  readonly name = 'local';
  private readonly listeners = new Set<(run: ReturnType<typeof runMessage>) => unknown>();
  private readonly waiting = new Set<() => void>();

  on(listener: (run: ReturnType<typeof runMessage>) => unknown): () => void {
    this.listeners.add(listener);
    for (const callback of this.waiting) callback();
    return () => this.listeners.delete(listener);
  }

  ready(): boolean {
    return this.listeners.size > 0;
  }

  onReady(callback: () => void): void {
    this.waiting.add(callback);
  }

  async deliver(run: Run): Promise<void> {
    if (this.listeners.size === 0) throw new Error('no listener takes runs');
    for (const listener of this.listeners) await listener(runMessage(run));
  }
}

/** ENGINE_URL's origin: all a message about a delivery may repeat of it (it may carry credentials). */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the engine';
  }
}

/**
 * Why a delivery to the engine failed, for the run's `last_error` and the log: the status or network error and the
 * URL's origin only. ENGINE_URL may carry credentials in its user info, path or query; none of it is repeated.
 */
function deliveryError(error: unknown, origin: string, timeoutMs: number): string {
  if (error instanceof RequestError) {
    if (error.name === 'TimeoutError') return `the engine at ${origin} did not answer within ${timeoutMs} ms`;
    return `could not reach the engine at ${origin} (${error.code ?? error.name})`;
  }
  return `delivery to the engine at ${origin} failed`;
}

/**
 * POSTs each run to the engine (`ENGINE_URL`) with the run ID as `Idempotency-Key`, so an engine that saw a
 * run before can answer 2xx without starting it twice. Only a 2xx is a delivery: anything else, a redirect
 * included (it is not followed: the run and the token stay with ENGINE_URL), or a network error retries later.
 */
export class HttpSink implements RunSink {
  readonly name = 'http';
  private readonly origin: string;

  constructor(
    private readonly url: string,
    private readonly token?: string,
    private readonly timeoutMs = 10_000,
  ) {
    this.origin = originOf(url);
  }

  ready(): boolean {
    return true;
  }

  onReady(): void {}

  async deliver(run: Run): Promise<void> {
    let status: number;
    try {
      // got counts a 3xx as a success when redirects are not followed: the status is checked here instead.
      const response = await got.post(this.url, {
        json: runMessage(run),
        headers: {
          'idempotency-key': run.id,
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        timeout: { request: this.timeoutMs },
        retry: { limit: 0 },
        followRedirect: false,
        throwHttpErrors: false,
      });
      status = response.statusCode;
    } catch (error) {
      throw new Error(deliveryError(error, this.origin, this.timeoutMs));
    }
    if (status < 200 || status > 299) throw new Error(`the engine at ${this.origin} answered HTTP ${status}`);
  }
}

export interface DispatcherOptions {
  /** Runs claimed per round. */
  batch?: number;
  /** How often due retries are looked for. */
  pollMs?: number;
  /** Attempts, waits and death of a run: RUN_POLICY (server/run-policy.ts), with these parts changed (tests). */
  policy?: Partial<RunPolicy>;
  /** The time and chance the waits are read from (tests pass a clock of their own). */
  clock?: PolicyClock;
  /** Runs delivered at once. */
  concurrency?: number;
  /** Wakes within this many milliseconds share one round of dispatch (default 20). */
  coalesceMs?: number;
}

/** Moves accepted runs to the sink, with retries; never drops a run. */
export interface RunDispatcher {
  readonly sink: RunSink;
  start(): void | Promise<void>;
  /** New runs were written (a polling dispatcher looks at once). */
  wake(): void;
  /** Stop taking runs and wait for the deliveries under way. */
  stop(): Promise<void>;
  /** Wait until nothing is due (tests and shutdown). */
  idle(): Promise<void>;
  /** Send a run again now (e.g. a dead one); false when it was already delivered. */
  requeue(runId: string): Promise<boolean>;
}

/**
 * The single-host dispatcher (the SQLite default): polls the store for due runs and delivers them; a failed
 * delivery is retried, or the run is dead, as RUN_POLICY says (the runs table holds the run's state).
 */
export class PollingDispatcher implements RunDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private scheduled: NodeJS.Timeout | undefined;
  private again = false;
  private stopped = false;
  private readonly options: Required<Omit<DispatcherOptions, 'policy'>>;
  private readonly policy: RunPolicy;

  constructor(
    private readonly store: Store,
    readonly sink: RunSink,
    private readonly logger: Logger,
    options: DispatcherOptions = {},
  ) {
    sink.onReady(() => this.wake());
    this.options = {
      batch: 200,
      pollMs: 1000,
      concurrency: 8,
      coalesceMs: 20,
      clock: SYSTEM_CLOCK,
      ...options,
    };
    this.policy = { ...RUN_POLICY, ...options.policy };
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.wake(), this.options.pollMs);
    this.timer.unref();
    this.wake();
  }

  /** Look for due runs now (called when new runs were written). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    // Wakes within `coalesceMs` share one round: under a flood of deliveries, one read and one write of the
    // runs serve many deliveries instead of one round per batch of the inbox.
    this.scheduled ??= setTimeout(() => {
      this.scheduled = undefined;
      this.running = this.drain().finally(() => {
        this.running = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          this.wake();
        }
      });
    }, this.options.coalesceMs);
  }

  /** Stop looking for runs and wait for the deliveries under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.scheduled) clearTimeout(this.scheduled);
    this.scheduled = undefined;
    await this.running;
  }

  /**
   * Wait until no round is under way and no run is due (tests and shutdown). Asked of the store, not of the
   * timers: with a poll as frequent as the coalescing delay, a wake-up is nearly always scheduled, and waiting
   * for a moment without one could wait for ever.
   */
  async idle(): Promise<void> {
    for (;;) {
      if (this.running) {
        await this.running;
        continue;
      }
      if (
        this.stopped ||
        !this.sink.ready() ||
        (await this.store.dueRuns(1, this.options.clock.now())).length === 0
      )
        return;
      await new Promise((resolve) => setTimeout(resolve, this.options.coalesceMs));
    }
  }

  async requeue(runId: string): Promise<boolean> {
    const queued = await this.store.requeueRun(runId);
    if (queued) this.wake();
    return queued;
  }

  /** Deliver one run; true when the sink took it (the caller records it), false when it failed (recorded here). */
  private async deliver(run: Run): Promise<boolean> {
    try {
      await this.sink.deliver(run);
      return true;
    } catch (error) {
      const attempts = run.attempts + 1;
      const message = error instanceof Error ? error.message : String(error);
      const next = nextAttemptAt(this.policy, attempts, this.options.clock);
      await this.store.markRunFailed(run.id, message, next);
      this.logger.warn(
        { run_id: run.id, attempts, next_attempt_at: next?.toISOString() ?? null, error: message },
        next ? 'run delivery failed; will retry' : 'run delivery failed; run is dead (POST /runs/:id/retry)',
      );
      return false;
    }
  }

  private async drain(): Promise<void> {
    for (;;) {
      // Nothing takes runs: they stay pending, not delivered to no one.
      if (this.stopped || !this.sink.ready()) return;
      const due = await this.store.dueRuns(this.options.batch, this.options.clock.now());
      if (due.length === 0) return;
      const delivered: string[] = [];
      try {
        for (let i = 0; i < due.length; i += this.options.concurrency) {
          // On stop, finish the deliveries under way, not the rest of the batch (they stay due for the next start).
          if (this.stopped) break;
          const chunk = due.slice(i, i + this.options.concurrency);
          const taken = await Promise.all(chunk.map((run) => this.deliver(run)));
          for (const [j, run] of chunk.entries()) if (taken[j]) delivered.push(run.id);
        }
      } finally {
        // One write for the batch. A crash before it means these runs are sent again: the sink's idempotency
        // key (the run ID) makes that harmless.
        await this.store.markRunsDelivered(delivered, this.options.clock.now());
      }
      if (this.stopped) return;
      if (due.length < this.options.batch) return;
    }
  }
}
