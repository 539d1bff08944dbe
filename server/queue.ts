import type pg from 'pg';
import { type JobResult, type JobWithMetadata, PgBoss } from 'pg-boss';
import type { Logger } from '../runtime/context.js';
import type { RunDispatcher, RunSink } from './dispatch.js';
import { inTransaction, type PostgresStore } from './store/postgres.js';

export const RUN_QUEUE = 'runs';
export const DEAD_QUEUE = 'runs_dead';
/** pg-boss's schema in the database. */
export const QUEUE_SCHEMA = 'pgboss';
/**
 * Where a pg-boss 10 schema is set aside: pg-boss 11 and later cannot migrate it (they start from schema version
 * 25, pg-boss 10 left 24), so its unfinished jobs are queued again in the new schema (`upgradeFromPgBoss10`).
 */
export const PGBOSS_10_SCHEMA = 'pgboss_v10';
/** The first schema version of pg-boss 11; pg-boss 10's was 24. */
const FIRST_NEW_SCHEMA_VERSION = 25;
const UPGRADE_LOCK = 727_100_002;

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

/** pg-boss's calls run on a client of ours (inside our transaction) through this. */
function onClient(client: pg.PoolClient) {
  return { db: { executeSql: (text: string, values?: unknown[]) => client.query(text, values) } };
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
      // Expired leases (a host died while delivering) go back to the queue at the next monitoring round.
      superviseIntervalSeconds: Math.max(1, Math.min(30, this.options.expireInSeconds)),
      monitorIntervalSeconds: Math.max(1, Math.min(30, this.options.expireInSeconds)),
    });
    this.boss.on('error', (error) => this.logger.error({ err: error }, 'job queue error'));
  }

  async start(): Promise<void> {
    await this.setAsidePgBoss10();
    await this.boss.start();
    await this.boss.createQueue(DEAD_QUEUE);
    await this.boss.createQueue(RUN_QUEUE, {
      retryLimit: this.options.retryLimit,
      retryDelay: this.options.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: this.options.expireInSeconds,
      deadLetter: DEAD_QUEUE,
    });
    this.store.onRunsCreated = async (runIds, client) => {
      await this.boss.insert(
        RUN_QUEUE,
        runIds.map((run_id) => ({ data: { run_id } })),
        onClient(client),
      );
    };
    await this.upgradeFromPgBoss10();
    // Jobs are taken only while something takes runs (a LocalSink with no listener takes none: runs stay pending).
    if (this.sink.ready()) await this.startWorker();
    else this.sink.onReady(() => void this.startWorker());
  }

  private working: Promise<void> | undefined;

  private startWorker(): Promise<void> {
    this.working ??= this.boss
      .work(
        RUN_QUEUE,
        {
          batchSize: this.options.concurrency * 4,
          includeMetadata: true,
          // Each job of a batch completes or fails on its own; a full batch fetches the next at once.
          perJobResults: true,
          burstWhenBatchFull: true,
          pollingIntervalSeconds: this.options.pollingIntervalSeconds,
        },
        (jobs: JobWithMetadata<RunJob>[]) => this.deliverBatch(jobs),
      )
      .then((id) => {
        this.workerId = id;
      });
    return this.working;
  }

  /**
   * One fetched batch, `concurrency` runs at a time; each job's result says whether it completed or failed
   * (pg-boss then retries it with backoff, or moves it to the dead letter queue).
   */
  private async deliverBatch(jobs: JobWithMetadata<RunJob>[]): Promise<JobResult[]> {
    const results: JobResult[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(this.options.concurrency, jobs.length) }, async () => {
        while (next < jobs.length) {
          const job = jobs[next++] as JobWithMetadata<RunJob>;
          results.push({ id: job.id, status: (await this.deliver(job)) ? 'completed' : 'failed' });
        }
      }),
    );
    return results;
  }

  /** Deliver one run; false when it failed (and is marked retrying or dead). */
  private async deliver(job: JobWithMetadata<RunJob>): Promise<boolean> {
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

  /** Wait until no run is due (the runs table says which) and no delivery is under way. */
  async idle(): Promise<void> {
    if (!this.sink.ready()) return;
    for (;;) {
      if (this.inFlight === 0 && (await this.store.dueRuns(1, new Date())).length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /**
   * Before pg-boss starts: a pg-boss 10 schema (which pg-boss 12 would refuse to start on) is renamed to
   * PGBOSS_10_SCHEMA, so that pg-boss installs its own schema afresh. Under a lock: one host of several does it.
   */
  private async setAsidePgBoss10(): Promise<void> {
    await inTransaction(this.store.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [UPGRADE_LOCK]);
      const { rows } = await client.query<{ installed: string | null }>(
        'SELECT to_regclass($1) AS installed',
        [`${QUEUE_SCHEMA}.version`],
      );
      if (!rows[0]?.installed) return;
      const version = await client.query<{ version: number }>(`SELECT version FROM ${QUEUE_SCHEMA}.version`);
      if (Number(version.rows[0]?.version) >= FIRST_NEW_SCHEMA_VERSION) return;
      await client.query(`ALTER SCHEMA ${QUEUE_SCHEMA} RENAME TO ${PGBOSS_10_SCHEMA}`);
    });
  }

  /**
   * After pg-boss started: every run that still had a job in the set-aside pg-boss 10 schema and is neither
   * delivered nor dead gets a job in the new schema, with what is left of its retries and its next attempt's
   * time; then the old schema is dropped. One transaction under the lock, so a host that dies half-way leaves
   * the old schema to the next start, and two hosts do not queue a run twice.
   */
  private async upgradeFromPgBoss10(): Promise<void> {
    const queued = await inTransaction(this.store.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [UPGRADE_LOCK]);
      const { rows: schemas } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [
        PGBOSS_10_SCHEMA,
      ]);
      if (schemas.length === 0) return undefined;
      const { rows } = await client.query<{ id: string; attempts: number; next_attempt_at: string | null }>(
        `SELECT DISTINCT r.id, r.attempts, r.next_attempt_at
         FROM ${PGBOSS_10_SCHEMA}.job j JOIN runs r ON r.id = j.data->>'run_id'
         WHERE j.name = $1 AND j.state < 'completed' AND r.status IN ('pending', 'retrying')`,
        [RUN_QUEUE],
      );
      if (rows.length > 0) {
        await this.boss.insert(
          RUN_QUEUE,
          rows.map((run) => ({
            data: { run_id: run.id },
            retryLimit: Math.max(0, this.options.retryLimit - run.attempts),
            ...(run.next_attempt_at ? { startAfter: new Date(run.next_attempt_at) } : {}),
          })),
          onClient(client),
        );
      }
      await client.query(`DROP SCHEMA ${PGBOSS_10_SCHEMA} CASCADE`);
      return rows.length;
    });
    if (queued !== undefined) {
      this.logger.info(
        { runs: queued },
        'job queue upgraded from pg-boss 10: its unfinished runs are queued again',
      );
    }
  }

  async stop(): Promise<void> {
    this.store.onRunsCreated = undefined;
    await this.boss.stop({ graceful: true, timeout: 10_000 });
  }
}
