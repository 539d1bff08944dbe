import type pg from 'pg';
import { type JobResult, type JobWithMetadata, PgBoss } from 'pg-boss';
import type { Logger } from '../runtime/context.js';
import type { RunDispatcher, RunSink } from './dispatch.js';
import { nextAttemptAt, type PolicyClock, RUN_POLICY, type RunPolicy, SYSTEM_CLOCK } from './run-policy.js';
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
  /** Attempts, waits and death of a run: RUN_POLICY (server/run-policy.ts), with these parts changed (tests). */
  policy?: Partial<RunPolicy>;
  /** The time and chance the waits are read from (tests pass a clock of their own). */
  clock?: PolicyClock;
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
 * Run dispatch for several hosts: pg-boss on the same PostgreSQL, as the wake-up and lease of each delivery; the
 * run's state (attempts, next attempt, dead) is the runs table's, written by RUN_POLICY as on SQLite. A job is
 * inserted in the very transaction that stores the delivery and creates its run (`PostgresStore.wakeups`), so an
 * acknowledged event always has its job; any host's workers take jobs (`SKIP LOCKED`), and a job whose host died
 * expires and is taken again. A failed delivery completes its job: the store records the failure and, unless the
 * run is now dead, inserts the job of its next attempt (`startAfter` that time) in the same transaction.
 */
export class PgBossDispatcher implements RunDispatcher {
  readonly boss: PgBoss;
  private readonly options: Required<Omit<QueueOptions, 'connectionString' | 'policy'>>;
  private readonly policy: RunPolicy;
  private inFlight = 0;
  private workerId: string | undefined;

  constructor(
    private readonly store: PostgresStore,
    readonly sink: RunSink,
    private readonly logger: Logger,
    options: QueueOptions,
  ) {
    this.options = {
      expireInSeconds: 60,
      concurrency: 8,
      pollingIntervalSeconds: 0.5,
      clock: SYSTEM_CLOCK,
      ...options,
    };
    this.policy = { ...RUN_POLICY, ...options.policy };
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
    // pg-boss retries a job only when its handling did not finish (the host died and its lease expired, or the
    // store failed): a failed delivery is recorded by the policy and completes its job. Those retries follow the
    // same declaration; an older database's queue is brought to it.
    const queue = {
      retryLimit: this.policy.attempts,
      retryDelay: Math.max(1, Math.round(this.policy.baseDelayMs / 1000)),
      retryBackoff: true,
      expireInSeconds: this.options.expireInSeconds,
    };
    await this.boss.createQueue(RUN_QUEUE, { ...queue, deadLetter: DEAD_QUEUE });
    await this.boss.updateQueue(RUN_QUEUE, queue);
    this.store.wakeups = {
      enqueue: async (runIds, client, startAfter) => {
        await this.boss.insert(
          RUN_QUEUE,
          runIds.map((run_id) => ({ data: { run_id }, ...(startAfter ? { startAfter } : {}) })),
          onClient(client),
        );
      },
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
   * One fetched batch, `concurrency` runs at a time. A job completes once its delivery is recorded, failed or
   * not; it fails (and pg-boss tries it again) only when that record could not be written.
   */
  private async deliverBatch(jobs: JobWithMetadata<RunJob>[]): Promise<JobResult[]> {
    const results: JobResult[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(this.options.concurrency, jobs.length) }, async () => {
        while (next < jobs.length) {
          const job = jobs[next++] as JobWithMetadata<RunJob>;
          const done = await this.deliver(job).then(
            () => true,
            (error: unknown) => {
              this.logger.error(
                { err: error, run_id: job.data.run_id },
                'run delivery not recorded; will retry',
              );
              return false;
            },
          );
          results.push({ id: job.id, status: done ? 'completed' : 'failed' });
        }
      }),
    );
    return results;
  }

  /** Deliver one run and record the outcome: delivered, or failed and retrying or dead as the policy says. */
  private async deliver(job: JobWithMetadata<RunJob>): Promise<void> {
    const run = await this.store.getRun(job.data.run_id);
    // Nothing left to do: delivered, dead (only a requeue sends it again, with a job of its own), or gone.
    if (!run || run.status === 'delivered' || run.status === 'dead') return;
    this.inFlight += 1;
    try {
      let failure: string | undefined;
      try {
        await this.sink.deliver(run);
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
      }
      if (failure === undefined) {
        await this.store.markRunsDelivered([run.id], this.options.clock.now());
        return;
      }
      const attempts = run.attempts + 1;
      const next = nextAttemptAt(this.policy, attempts, this.options.clock);
      await this.store.markRunFailed(run.id, failure, next);
      this.logger.warn(
        { run_id: run.id, attempts, next_attempt_at: next?.toISOString() ?? null, error: failure },
        next ? 'run delivery failed; will retry' : 'run delivery failed; run is dead (POST /runs/:id/retry)',
      );
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
      if (this.inFlight === 0 && (await this.store.dueRuns(1, this.options.clock.now())).length === 0) return;
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
   * delivered nor dead gets a job in the new schema at its next attempt's time (its attempts are the runs
   * table's, counted by the policy as before); then the old schema is dropped. One transaction under the lock, so a host that dies half-way leaves
   * the old schema to the next start, and two hosts do not queue a run twice.
   */
  private async upgradeFromPgBoss10(): Promise<void> {
    const queued = await inTransaction(this.store.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [UPGRADE_LOCK]);
      const { rows: schemas } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [
        PGBOSS_10_SCHEMA,
      ]);
      if (schemas.length === 0) return undefined;
      const { rows } = await client.query<{ id: string; next_attempt_at: string | null }>(
        `SELECT DISTINCT r.id, r.next_attempt_at
         FROM ${PGBOSS_10_SCHEMA}.job j JOIN runs r ON r.id = j.data->>'run_id'
         WHERE j.name = $1 AND j.state < 'completed' AND r.status IN ('pending', 'retrying')`,
        [RUN_QUEUE],
      );
      if (rows.length > 0) {
        await this.boss.insert(
          RUN_QUEUE,
          rows.map((run) => ({
            data: { run_id: run.id },
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
    this.store.wakeups = undefined;
    await this.boss.stop({ graceful: true, timeout: 10_000 });
  }
}
