import PgBoss from 'pg-boss';
import type { Logger } from '../runtime/context.js';
import type { RunDispatcher, RunSink } from './dispatch.js';
import type { PostgresStore } from './store/postgres.js';

export const RUN_QUEUE = 'runs';
export const DEAD_QUEUE = 'runs_dead';

export interface QueueOptions {
  connectionString: string;
  /** Retries after the first attempt before a run is `dead` (default 20; delays double from `retryDelay`). */
  retryLimit?: number;
  /** First retry delay in seconds (default 1). */
  retryDelaySeconds?: number;
  /** A run whose host died while delivering it is taken up by another host after this long (default 60 s). */
  expireInSeconds?: number;
  /** Runs delivered at once by this host (default 8). */
  concurrency?: number;
  /** How often idle workers look for jobs (default 0.5 s). */
  pollingIntervalSeconds?: number;
}

interface RunJob {
  run_id: string;
}

/**
 * Run dispatch for several hosts: pg-boss on the same PostgreSQL. A job is inserted in the very transaction
 * that stores the delivery and creates its run (`PostgresStore.onRunsCreated`), so an acknowledged event always
 * has its job; any host's workers take jobs (`SKIP LOCKED`), a job whose host died expires and is taken again,
 * failures retry with exponential backoff, and a run out of retries is marked `dead` in the runs table (visible
 * in GET /runs) and its job goes to the `runs_dead` queue.
 */
export class PgBossDispatcher implements RunDispatcher {
  readonly boss: PgBoss;
  private readonly options: Required<Omit<QueueOptions, 'connectionString'>>;
  private inFlight = 0;
  private workerId: string | undefined;

  constructor(
    private readonly store: PostgresStore,
    readonly sink: RunSink,
    private readonly logger: Logger,
    options: QueueOptions,
  ) {
    this.options = {
      retryLimit: 20,
      retryDelaySeconds: 1,
      expireInSeconds: 60,
      concurrency: 8,
      pollingIntervalSeconds: 0.5,
      ...options,
    };
    this.boss = new PgBoss({
      connectionString: options.connectionString,
      schema: 'pgboss',
      max: this.options.concurrency + 2,
      application_name: 'pipedrive-connector-queue',
      // Expired leases (a host died while delivering) go back to the queue at the next maintenance round.
      maintenanceIntervalSeconds: Math.max(1, Math.min(30, this.options.expireInSeconds)),
    });
    this.boss.on('error', (error) => this.logger.error({ err: error }, 'job queue error'));
  }

  async start(): Promise<void> {
    await this.boss.start();
    await this.boss.createQueue(DEAD_QUEUE);
    await this.boss.createQueue(RUN_QUEUE, {
      name: RUN_QUEUE,
      retryLimit: this.options.retryLimit,
      retryDelay: this.options.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: this.options.expireInSeconds,
      deadLetter: DEAD_QUEUE,
    });
    this.store.onRunsCreated = async (runIds, client) => {
      await this.boss.insert(
        runIds.map((run_id) => ({ name: RUN_QUEUE, data: { run_id } })),
        { db: { executeSql: (text, values) => client.query(text, values) } },
      );
    };
    // Jobs are taken only while something takes runs (a LocalSink with no listener takes none: runs stay pending).
    if (this.sink.ready()) await this.startWorker();
    else this.sink.onReady(() => void this.startWorker());
  }

  private working: Promise<void> | undefined;

  private startWorker(): Promise<void> {
    this.working ??= this.boss
      .work<RunJob>(
        RUN_QUEUE,
        {
          batchSize: this.options.concurrency * 4,
          includeMetadata: true,
          pollingIntervalSeconds: this.options.pollingIntervalSeconds,
        },
        (jobs) => this.deliverBatch(jobs),
      )
      .then((id) => {
        this.workerId = id;
      });
    return this.working;
  }

  /**
   * One fetched batch, `concurrency` runs at a time. Failed jobs are failed one by one (pg-boss then retries
   * them with backoff); the rest complete when this returns. A full batch asks for the next at once instead of
   * waiting for the polling interval.
   */
  private async deliverBatch(jobs: PgBoss.JobWithMetadata<RunJob>[]): Promise<void> {
    const failed: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(this.options.concurrency, jobs.length) }, async () => {
        while (next < jobs.length) {
          const job = jobs[next++] as PgBoss.JobWithMetadata<RunJob>;
          if (!(await this.deliver(job))) failed.push(job.id);
        }
      }),
    );
    if (failed.length > 0) await this.boss.fail(RUN_QUEUE, failed);
    if (jobs.length >= this.options.concurrency * 4 && this.workerId) this.boss.notifyWorker(this.workerId);
  }

  /** Deliver one run; false when it failed (and is marked retrying or dead). */
  private async deliver(job: PgBoss.JobWithMetadata<RunJob>): Promise<boolean> {
    const run = await this.store.getRun(job.data.run_id);
    if (!run || run.status === 'delivered') return true;
    this.inFlight += 1;
    try {
      await this.sink.deliver(run);
      await this.store.markRunsDelivered([run.id], new Date());
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const last = job.retryCount >= job.retryLimit;
      // The delay pg-boss will wait, roughly (it adds jitter): retryDelay * 2^retryCount.
      const next = last
        ? null
        : new Date(Date.now() + this.options.retryDelaySeconds * 1000 * 2 ** Math.min(16, job.retryCount));
      await this.store.markRunFailed(run.id, message, next);
      this.logger.warn(
        { run_id: run.id, attempt: job.retryCount + 1, error: message },
        last ? 'run delivery failed; run is dead (POST /runs/:id/retry)' : 'run delivery failed; will retry',
      );
      return false;
    } finally {
      this.inFlight -= 1;
    }
  }

  /** New runs were written by this host: look for jobs now rather than at the next poll. */
  wake(): void {
    if (this.workerId) this.boss.notifyWorker(this.workerId);
  }

  async requeue(runId: string): Promise<boolean> {
    return this.store.requeueRun(runId);
  }

  async idle(): Promise<void> {
    if (!this.sink.ready()) return;
    for (;;) {
      const waiting = await this.boss.getQueueSize(RUN_QUEUE);
      if (waiting === 0 && this.inFlight === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async stop(): Promise<void> {
    this.store.onRunsCreated = undefined;
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}
