/** The pg-boss run dispatcher on a real PostgreSQL: retries with backoff, dead runs visible, and a requeue. */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { silentLogger } from '../../runtime/context.js';
import type { RunSink } from '../../server/dispatch.js';
import { PgBossDispatcher } from '../../server/queue.js';
import { DEFAULT_WORKSPACE } from '../../server/resources.js';
import { SecretBox } from '../../server/secrets.js';
import { PostgresStore } from '../../server/store/postgres.js';
import type { Run } from '../../server/store/types.js';
import { createDatabase } from '../helpers/postgres.js';

async function until(check: () => Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

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
      retryLimit: 1,
      retryDelaySeconds: 1,
      pollingIntervalSeconds: 0.5,
    });
    await dispatcher.start();
  });

  afterAll(async () => {
    await dispatcher.stop();
    await store.close();
  });

  const record = (event: string) =>
    store.recordDeliveries([
      {
        workspace_id: DEFAULT_WORKSPACE,
        subscription_id: 'sub',
        trigger: 'new_deal',
        event_id: event,
        attempt: 1,
        skip: null,
        event: { event },
      },
    ]);

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
