/**
 * The pg-boss run dispatcher on a real PostgreSQL: retries with backoff, dead runs visible, a requeue, and the
 * upgrade of a database whose job queue pg-boss 10 left.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { silentLogger } from '../../runtime/context.js';
import type { RunSink } from '../../server/dispatch.js';
import { PGBOSS_10_SCHEMA, PgBossDispatcher, QUEUE_SCHEMA, RUN_QUEUE } from '../../server/queue.js';
import { DEFAULT_WORKSPACE } from '../../server/resources.js';
import { SecretBox } from '../../server/secrets.js';
import { PostgresStore } from '../../server/store/postgres.js';
import type { Run } from '../../server/store/types.js';
import { createDatabase } from '../helpers/postgres.js';

/** Wait until `check` holds (runs move on the dispatcher's own time: pg-boss polls every 0.5 s here). */
const until = (check: () => Promise<boolean>) =>
  vi.waitFor(async () => expect(await check()).toBe(true), { timeout: 20_000, interval: 50 });

const delivery = (event: string) => ({
  workspace_id: DEFAULT_WORKSPACE,
  subscription_id: 'sub',
  trigger: 'new_deal',
  event_id: event,
  attempt: 1,
  skip: null,
  event: { event },
});

describe('pg-boss run dispatch', () => {
  let store: PostgresStore;
  let dispatcher: PgBossDispatcher;
  let failing = true;
  const attempts = new Map<string, number>();

  beforeAll(async () => {
    const url = await createDatabase(inject('postgresUrl'), 'queue');
    store = await PostgresStore.open(url, new SecretBox([randomBytes(32)]));
    const sink: RunSink = {
      name: 'test',
      ready: () => true,
      onReady: () => {},
      async deliver(run: Run) {
        attempts.set(run.event_id, (attempts.get(run.event_id) ?? 0) + 1);
        if (failing) throw new Error('engine unavailable');
      },
    };
    dispatcher = new PgBossDispatcher(store, sink, silentLogger, {
      connectionString: url,
      policy: { attempts: 2, baseDelayMs: 1000 },
      pollingIntervalSeconds: 0.5,
    });
    await dispatcher.start();
  });

  afterAll(async () => {
    await dispatcher.stop();
    await store.close();
  });

  const record = (event: string) => store.recordDeliveries([delivery(event)]);

  it('delivers a run once the job is taken', async () => {
    failing = false;
    await record('ok-1');
    await until(async () =>
      (await store.workspace(DEFAULT_WORKSPACE).listRuns({ limit: 10 })).runs.some(
        (r) => r.event_id === 'ok-1' && r.status === 'delivered',
      ),
    );
    expect(attempts.get('ok-1')).toBe(1);
  });

  it('retries a failing run with backoff, then marks it dead; a requeue delivers it', async () => {
    failing = true;
    await record('bad-1');
    const run = async () =>
      (await store.workspace(DEFAULT_WORKSPACE).listRuns({ limit: 100 })).runs.find(
        (r) => r.event_id === 'bad-1',
      );
    await until(async () => (await run())?.status === 'retrying');
    expect(await run()).toMatchObject({ attempts: 1, last_error: 'engine unavailable' });
    await until(async () => (await run())?.status === 'dead');
    expect(await run()).toMatchObject({ status: 'dead', attempts: 2 });
    expect(attempts.get('bad-1')).toBe(2);
    expect(
      (await store.workspace(DEFAULT_WORKSPACE).listRuns({ status: 'dead', limit: 10 })).runs.map(
        (r) => r.event_id,
      ),
    ).toEqual(['bad-1']);

    failing = false;
    expect(await dispatcher.requeue((await run())?.id as string)).toBe(true);
    await until(async () => (await run())?.status === 'delivered');
    expect(attempts.get('bad-1')).toBe(3);
  }, 30_000);
});

describe('a database whose job queue pg-boss 10 left', () => {
  it('is taken over: its unfinished runs are queued again, the rest stay as they are', {
    timeout: 60_000,
  }, async () => {
    const url = await createDatabase(inject('postgresUrl'), 'boss10');
    const store = await PostgresStore.open(url, new SecretBox([randomBytes(32)]));
    const delivered: string[] = [];
    let dispatcher: PgBossDispatcher | undefined;
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      // pg-boss 10's schema and queues, and five runs as the previous release left them, each with its job:
      // two waiting, one retrying after two failed attempts (due now), one delivered and one dead.
      await db.query(readFileSync(join(import.meta.dirname, '../fixtures/pgboss-10/pgboss.sql'), 'utf8'));
      await db.query('SET search_path TO public');
      await store.recordDeliveries(['waiting-1', 'waiting-2', 'retrying', 'delivered', 'dead'].map(delivery));
      const runs = new Map(
        (await store.workspace(DEFAULT_WORKSPACE).listRuns({ limit: 10 })).runs.map((r) => [
          r.event_id,
          r.id,
        ]),
      );
      const id = (event: string) => runs.get(event) as string;
      await store.markRunFailed(id('retrying'), 'engine unavailable', null);
      await store.markRunFailed(id('retrying'), 'engine unavailable', new Date(Date.now() - 1000));
      await store.markRunsDelivered([id('delivered')], new Date());
      await store.markRunFailed(id('dead'), 'gave up', null);
      const job = (event: string, state: string, retryCount: number) =>
        db.query(
          `INSERT INTO ${QUEUE_SCHEMA}.job (name, data, state, retry_limit, retry_count, retry_delay, retry_backoff)
           VALUES ($1, $2, $3, 20, $4, 1, true)`,
          [RUN_QUEUE, { run_id: id(event) }, state, retryCount],
        );
      await job('waiting-1', 'created', 0);
      await job('waiting-2', 'created', 0);
      await job('retrying', 'retry', 2);
      await job('delivered', 'completed', 0);
      await job('dead', 'failed', 20);

      const sink: RunSink = {
        name: 'test',
        ready: () => true,
        onReady: () => {},
        async deliver(run: Run) {
          delivered.push(run.event_id);
        },
      };
      dispatcher = new PgBossDispatcher(store, sink, silentLogger, {
        connectionString: url,
        pollingIntervalSeconds: 0.5,
      });
      await dispatcher.start();

      // pg-boss 12 has its own schema now, and the old one is gone.
      expect(await dispatcher.boss.schemaVersion()).toBeGreaterThan(24);
      const schemas = await db.query('SELECT nspname FROM pg_namespace WHERE nspname = ANY($1)', [
        [QUEUE_SCHEMA, PGBOSS_10_SCHEMA],
      ]);
      expect(schemas.rows.map((r) => r.nspname)).toEqual([QUEUE_SCHEMA]);
      // The three unfinished runs have one job each; their attempts stay the runs table's (two for the retrying).
      const jobs = await dispatcher.boss.findJobs<{ run_id: string }>(RUN_QUEUE);
      expect(jobs.map((j) => j.data.run_id).sort()).toEqual(
        [id('waiting-1'), id('waiting-2'), id('retrying')].sort(),
      );

      await until(async () => delivered.length === 3);
      await dispatcher.idle();
      expect(delivered.sort()).toEqual(['retrying', 'waiting-1', 'waiting-2']);
      const after = (await store.workspace(DEFAULT_WORKSPACE).listRuns({ limit: 10 })).runs;
      expect(new Map(after.map((r) => [r.event_id, r.status]))).toEqual(
        new Map([
          ['waiting-1', 'delivered'],
          ['waiting-2', 'delivered'],
          ['retrying', 'delivered'],
          ['delivered', 'delivered'],
          ['dead', 'dead'],
        ]),
      );

      // A restart finds nothing more to take over.
      await dispatcher.stop();
      dispatcher = new PgBossDispatcher(store, sink, silentLogger, { connectionString: url });
      await dispatcher.start();
      expect(await dispatcher.boss.findJobs(RUN_QUEUE, { queued: true })).toEqual([]);
    } finally {
      await dispatcher?.stop();
      await db.end();
      await store.close();
    }
  });
});
