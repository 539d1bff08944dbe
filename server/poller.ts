import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import connector from '../index.js';
import type { Logger } from '../runtime/context.js';
import { budgetDelay } from '../runtime/usage.js';
import type { PollState } from '../triggers/polling.js';
import type { Connections } from './connections.js';
import type { Delivery, Store } from './store/types.js';
import type { ConnectionUsage } from './usage.js';

/**
 * How long after a poll the next one is due: the subscription's interval, stretched when the daily token budget
 * runs low (issue 25): by the company's budget where the connection's user has a company, else the connection's
 * own count; up to 20× the interval at 80% and more used, and until the next UTC day once it is spent
 * (`budgetDelay`, runtime/usage.ts). Without usage (its read failed) the interval.
 */
export function nextPollDelay(
  intervalMs: number,
  usage: ConnectionUsage | undefined,
  now = Date.now(),
): number {
  if (!usage) return intervalMs;
  return budgetDelay(intervalMs, usage.company ?? usage.connection, now);
}

export interface PollerOptions {
  /** How long a host holds a poll before another may take it over (POLL_LEASE_SECONDS). */
  leaseMs: number;
  /** How often the store is asked for due polls. Default 1 s. */
  tickMs?: number;
  /** Polls run at once by this host. Default 4. */
  concurrency?: number;
  /** This host's name in the leases; default `<pid>@<hostname>:<random>` (an operator can tell who polls). */
  holder?: string;
}

/**
 * The host's poller for polling subscriptions. Every tick it takes the lease of the polls that are due (one
 * conditional UPDATE in the store, so that across hosts each poll has one poller), renews it while the poll runs,
 * and records the poll's events and next state in one transaction that holds only while the lease is still its
 * own. Events go through the inbox (deduplicated by their IDs) and become runs exactly as webhook deliveries do.
 * A host that dies mid-poll writes nothing; another takes the poll when the lease expires and polls again from the
 * saved state, which gives the same event IDs.
 */
export class Poller {
  readonly holder: string;
  private readonly tickMs: number;
  private readonly concurrency: number;
  private timer: NodeJS.Timeout | undefined;
  private readonly running = new Set<Promise<void>>();
  private ticking: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly connections: Connections,
    private readonly logger: Logger,
    /** Told when a poll made runs (wake the dispatcher). */
    private readonly onAccepted: () => void,
    private readonly options: PollerOptions,
  ) {
    this.holder = options.holder ?? `${process.pid}@${hostname()}:${randomUUID().slice(0, 8)}`;
    this.tickMs = options.tickMs ?? 1000;
    this.concurrency = options.concurrency ?? 4;
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => void this.tick(), this.tickMs);
    this.timer.unref();
    void this.tick();
  }

  /** Take and run the polls that are due (at most `concurrency` at once); resolves once they are started. */
  tick(now = new Date()): Promise<void> {
    this.ticking ??= (async () => {
      try {
        const free = this.concurrency - this.running.size;
        if (this.stopped || free <= 0) return;
        const ids = await this.store.claimPolls(this.holder, now, this.options.leaseMs, free);
        for (const id of ids) {
          const run = this.pollOne(id).finally(() => this.running.delete(run));
          this.running.add(run);
        }
      } catch (error) {
        this.logger.error({ err: error }, 'polling: could not take due polls');
      } finally {
        this.ticking = undefined;
      }
    })();
    return this.ticking;
  }

  /** Stop taking polls, wait for the ones running, and give back this host's leases. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
    await Promise.allSettled([...this.running]);
    await this.store.releasePolls(this.holder).catch(() => undefined);
  }

  private async pollOne(id: string): Promise<void> {
    const started = Date.now();
    const renew = setInterval(
      () =>
        void this.store
          .renewPollLease(id, this.holder, new Date(Date.now() + this.options.leaseMs))
          .catch(() => undefined),
      Math.max(100, Math.floor(this.options.leaseMs / 3)),
    );
    renew.unref();
    let next = new Date(started + 60_000);
    try {
      const [subscription, saved] = await Promise.all([
        this.store.getSubscription(id),
        this.store.getPoll(id),
      ]);
      if (!subscription || !saved || subscription.status === 'deleted') return;
      const intervalMs = (subscription.interval_seconds ?? 60) * 1000;
      next = new Date(started + intervalMs);
      const connection = await this.store.getConnection(subscription.connection_id);
      if (!connection) throw new Error('its connection was deleted');
      const result = await connector.triggers.poll(
        saved.state as PollState,
        this.connections.context(connection, this.logger),
      );
      // The budget as this poll left it: the next poll waits longer when little of it is left.
      const usage = await this.connections.usage.summary(connection).catch(() => undefined);
      const delay = nextPollDelay(intervalMs, usage);
      next = new Date(started + delay);
      if (delay > intervalMs) {
        this.logger.warn(
          { subscription_id: id, interval_ms: intervalMs, next_poll_at: next.toISOString() },
          'poll slowed: the daily token budget is low or spent',
        );
      }
      const deliveries: Delivery[] = result.events.map((event) => ({
        workspace_id: subscription.workspace_id,
        subscription_id: id,
        trigger: subscription.trigger,
        event_id: event.event_id,
        attempt: 1,
        skip: null,
        event,
      }));
      const outcomes = await this.store.recordPoll(id, this.holder, {
        deliveries,
        state: result.state,
        next_poll_at: next,
        at: new Date(),
      });
      if (outcomes === undefined) {
        this.logger.warn(
          { subscription_id: id },
          'poll not recorded: another host took its lease (it polls again from the saved state)',
        );
        return;
      }
      const accepted = outcomes.filter((o) => o === 'accepted').length;
      if (accepted > 0) this.onAccepted();
      // One line per poll that found something; a quiet poll only at debug (every interval, per subscription).
      const line = { subscription_id: id, events: deliveries.length, accepted, ms: Date.now() - started };
      if (deliveries.length > 0) this.logger.info(line, 'poll');
      else this.logger.debug(line, 'poll');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn({ subscription_id: id, err: error }, 'poll failed');
      await this.store.pollFailed(id, this.holder, message, next).catch(() => undefined);
    } finally {
      clearInterval(renew);
    }
  }
}
