/**
 * One policy for runs on both stores (issue 22): a run whose engine always fails is tried RUN_POLICY.attempts
 * times by the SQLite host's polling dispatcher and by the pg-boss queue of PostgreSQL alike, each wait read from
 * the declaration, then dead; the runs table holds its state. The dispatchers read the time from a clock of the
 * test's, set in the past and moved to each next attempt's time: no test waits for a retry delay to pass. The
 * engine lets each attempt in only once the test has moved the clock: pg-boss, which reads the database's clock,
 * finds the next attempt's job due at once and takes it at its next poll, which on a busy machine can come before
 * the test has seen the attempt before it.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../runtime/context.js';
import { PollingDispatcher, type RunDispatcher, type RunSink } from '../../server/dispatch.js';
import { PgBossDispatcher } from '../../server/queue.js';
import { DEFAULT_WORKSPACE } from '../../server/resources.js';
import { nextAttemptAt, RUN_POLICY, retryDelayMs } from '../../server/run-policy.js';
import type { PostgresStore } from '../../server/store/postgres.js';
import type { Run } from '../../server/store/types.js';
import { openTestStore, type TestStore } from '../helpers/stores.js';

describe('the run policy (server/run-policy.ts)', () => {
  it('doubles each wait from the base up to the cap, spreads it by the jitter, and gives up at the attempts', () => {
    const at = new Date('2020-01-01T00:00:00Z');
    const clock = (random: number) => ({ now: () => at, random: () => random });
    const policy = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 5000, jitter: 0.2 };
    expect([1, 2, 3, 4].map((n) => retryDelayMs(policy, n))).toEqual([1000, 2000, 4000, 5000]);
    expect(nextAttemptAt(policy, 2, clock(0.5))?.getTime()).toBe(at.getTime() + 2000);
    expect(nextAttemptAt(policy, 2, clock(0))?.getTime()).toBe(at.getTime() + 1600);
    expect(nextAttemptAt(policy, 2, clock(0.999_999))?.getTime()).toBe(at.getTime() + 2400);
    expect(nextAttemptAt(policy, 5, clock(0.5))).toBeNull();
  });
});

describe.each(['sqlite', 'postgres'] as const)('a run that always fails (%s)', (engine) => {
  let opened: TestStore | undefined;
  let dispatcher: RunDispatcher | undefined;

  afterAll(async () => {
    await dispatcher?.stop();
    await opened?.close();
  });

  it('is tried RUN_POLICY.attempts times, each after the wait the policy declares, then is dead', {
    timeout: 120_000,
  }, async () => {
    opened = await openTestStore(engine);
    const { store } = opened;
    // In the past, so that pg-boss (which reads the database's clock) finds each next attempt due at once.
    let now = new Date('2020-01-01T00:00:00Z');
    const clock = { now: () => now, random: () => 0.5 };
    const tried: number[] = [];
    // How many attempts the engine lets in so far, and the attempts waiting for the next one.
    let allowed = 1;
    const waiting: (() => void)[] = [];
    const sink: RunSink = {
      name: 'failing',
      ready: () => true,
      onReady: () => {},
      async deliver() {
        while (tried.length >= allowed) await new Promise<void>((resolve) => waiting.push(resolve));
        tried.push(now.getTime());
        throw new Error('engine unavailable');
      },
    };
    dispatcher =
      engine === 'sqlite'
        ? new PollingDispatcher(store, sink, silentLogger, { clock, pollMs: 20 })
        : new PgBossDispatcher(store as PostgresStore, sink, silentLogger, {
            connectionString: opened.databaseUrl,
            clock,
            pollingIntervalSeconds: 0.5,
          });
    await dispatcher.start();
    await store.recordDeliveries([
      {
        workspace_id: DEFAULT_WORKSPACE,
        subscription_id: 'sub',
        trigger: 'new_deal',
        event_id: 'failing-1',
        attempt: 1,
        skip: null,
        event: { id: 1 },
      },
    ]);
    const [created] = (await store.workspace(DEFAULT_WORKSPACE).listRuns({ limit: 1 })).runs;
    const id = created?.id as string;
    dispatcher.wake();

    for (let attempt = 1; attempt <= RUN_POLICY.attempts; attempt += 1) {
      const run = await vi.waitFor(
        async () => {
          const found = (await store.getRun(id)) as Run;
          expect(found.attempts).toBe(attempt);
          return found;
        },
        { timeout: 20_000, interval: 20 },
      );
      expect(run.last_error).toBe('engine unavailable');
      if (attempt === RUN_POLICY.attempts) {
        expect(run).toMatchObject({ status: 'dead', next_attempt_at: null });
        break;
      }
      expect(run.status).toBe('retrying');
      const next = Date.parse(run.next_attempt_at as string);
      expect(next - now.getTime()).toBe(retryDelayMs(RUN_POLICY, attempt));
      now = new Date(next);
      allowed += 1;
      for (const resolve of waiting.splice(0)) resolve();
      dispatcher.wake();
    }

    await dispatcher.idle();
    expect(tried).toHaveLength(RUN_POLICY.attempts);
    expect(tried.slice(1).map((at, i) => at - (tried[i] as number))).toEqual(
      Array.from({ length: RUN_POLICY.attempts - 1 }, (_, i) => retryDelayMs(RUN_POLICY, i + 1)),
    );
  });
});
