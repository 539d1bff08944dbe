import type { Logger } from '../runtime/context.js';
import type { Store } from './store/types.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How often retention runs. */
const RETENTION_INTERVAL_MS = 60 * 60 * 1000;
/**
 * How long an OAuth ticket is kept after it expired: its flow may still be at Pipedrive's consent page for the
 * 10 minutes of its session, and the callback closes it in the ticket's row.
 */
const TICKET_GRACE_MS = 60 * 60 * 1000;

/**
 * Retention: deliveries, and runs that are done with (`delivered` or `dead`), are removed RETENTION_DAYS after
 * they were received: once at start, then hourly. Pending and retrying runs stay until they are done. A delivery
 * older than the webhook freshness window would be refused anyway, so forgetting its event ID cannot let a replay
 * in (the configuration refuses a window that outlasts RETENTION_DAYS). OAuth tickets go an hour after they expired,
 * audit entries AUDIT_RETENTION_DAYS after they were recorded.
 */
export class RetentionJob {
  private timer: NodeJS.Timeout | undefined;
  /** The purges asked for, one after another (each resolves; failures are logged). */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    /** RETENTION_DAYS (deliveries and runs) and AUDIT_RETENTION_DAYS. */
    private readonly keep: { days: number; auditDays: number },
    private readonly logger: Logger,
    private readonly intervalMs = RETENTION_INTERVAL_MS,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.run(), this.intervalMs);
    this.timer.unref();
    void this.run();
  }

  /**
   * One purge as of `now`, after any purge under way (a purge asked for while another runs is not dropped: the
   * start's purge must not swallow a later one); resolves when it is done (failures are logged, not thrown).
   */
  run(now = new Date()): Promise<void> {
    this.queue = this.queue.then(() => this.purge(now));
    return this.queue;
  }

  private async purge(now: Date): Promise<void> {
    try {
      const before = new Date(now.getTime() - this.keep.days * DAY_MS);
      const removed = await this.store.purge(before);
      const tickets = await this.store.purgeOAuthTickets(new Date(now.getTime() - TICKET_GRACE_MS));
      const audit = await this.store.purgeAudit(new Date(now.getTime() - this.keep.auditDays * DAY_MS));
      if (removed.deliveries > 0 || removed.runs > 0 || tickets > 0 || audit > 0) {
        this.logger.info(
          { ...removed, oauth_tickets: tickets, audit_entries: audit, before: before.toISOString() },
          'retention: old deliveries, runs, OAuth tickets and audit entries removed',
        );
      }
    } catch (error) {
      this.logger.error({ err: error }, 'retention: purge failed');
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.queue;
  }
}
