/**
 * Runs to ENGINE_URL through the real HttpSink, on both dispatchers (the SQLite host's polling one and the
 * pg-boss queue of PostgreSQL): only a 2xx delivers a run; a redirect (302, 307, 308) or another status is a
 * failure that retries, and the redirect is not followed. Each run says its workspace (issue 21).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../runtime/context.js';
import { HttpSink, PollingDispatcher, type RunDispatcher } from '../../server/dispatch.js';
import { PgBossDispatcher } from '../../server/queue.js';
import type { PostgresStore } from '../../server/store/postgres.js';
import type { Run } from '../../server/store/types.js';
import { openTestStore, type TestStore } from '../helpers/stores.js';

interface Engine {
  url: string;
  /** The status the engine answers with next. */
  status: number;
  received: { body: Record<string, unknown>; headers: IncomingMessage['headers'] }[];
  /** Requests that reached the redirect's target (must stay none). */
  followed: number;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function startEngine(): Promise<Engine> {
  const target = createServer((_req, res) => {
    engine.followed += 1;
    res.writeHead(200).end();
  });
  const targetUrl = await listen(target);
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    req.on('end', () => {
      engine.received.push({ body: JSON.parse(text), headers: req.headers });
      const redirect = engine.status >= 300 && engine.status < 400;
      res.writeHead(engine.status, redirect ? { location: `${targetUrl}/elsewhere` } : {}).end();
    });
  });
  const url = `${await listen(server)}/runs`;
  const engine: Engine = {
    url,
    status: 200,
    received: [],
    followed: 0,
    close: async () => {
      await new Promise((done) => server.close(done));
      await new Promise((done) => target.close(done));
    },
  };
  return engine;
}

describe.each(['sqlite', 'postgres'] as const)('runs to ENGINE_URL (%s)', (engine) => {
  let opened: TestStore;
  let sink: Engine;
  let dispatcher: RunDispatcher;

  beforeAll(async () => {
    opened = await openTestStore(engine);
    sink = await startEngine();
    const http = new HttpSink(sink.url, 'engine-token-0123456789abcdef');
    dispatcher =
      engine === 'sqlite'
        ? new PollingDispatcher(opened.store, http, silentLogger, {
            pollMs: 20,
            policy: { baseDelayMs: 60_000 },
          })
        : new PgBossDispatcher(opened.store as PostgresStore, http, silentLogger, {
            connectionString: opened.databaseUrl,
            policy: { baseDelayMs: 60_000 },
            pollingIntervalSeconds: 0.5,
          });
    await dispatcher.start();
  });

  afterAll(async () => {
    await dispatcher?.stop();
    await sink?.close();
    await opened?.close();
  });

  /** A delivery of a new event in `workspace`, and its run as the store has it once `done` says so. */
  async function runOf(workspace: string, event: string, done: (run: Run) => boolean): Promise<Run> {
    await opened.store.ensureWorkspace(workspace);
    await opened.store.recordDeliveries([
      {
        workspace_id: workspace,
        subscription_id: `sub-${workspace}`,
        trigger: 'new_deal',
        event_id: event,
        attempt: 1,
        skip: null,
        event: { event },
      },
    ]);
    dispatcher.wake();
    let found: Run | undefined;
    await vi.waitFor(
      async () => {
        found = (await opened.store.workspace(workspace).listRuns({ limit: 100 })).runs.find(
          (run) => run.event_id === event,
        );
        expect(found && done(found), JSON.stringify(found)).toBe(true);
      },
      { timeout: 20_000, interval: 50 },
    );
    return found as Run;
  }

  it.each([302, 307, 308, 304, 404])(
    'an answer %i is a failure: the run retries, the redirect is not followed',
    async (status) => {
      sink.status = status;
      const run = await runOf('acme', `redirect-${status}`, (r) => r.attempts > 0);
      expect(run.status).toBe('retrying');
      expect(run.delivered_at).toBeNull();
      expect(run.last_error).toBe(`the engine at ${new URL(sink.url).origin} answered HTTP ${status}`);
      expect(sink.followed).toBe(0);

      // Once the engine takes it (a retry), it is delivered.
      sink.status = 200;
      expect(await dispatcher.requeue(run.id)).toBe(true);
      dispatcher.wake();
      expect((await runOf('acme', `redirect-${status}`, (r) => r.status === 'delivered')).attempts).toBe(2);
    },
  );

  it('a run carries its workspace_id, with the run ID as Idempotency-Key and the engine token', async () => {
    sink.status = 200;
    const run = await runOf('globex', 'with-workspace', (r) => r.status === 'delivered');
    const sent = sink.received.find((request) => request.body.run_id === run.id);
    expect(sent?.body).toEqual({
      run_id: run.id,
      workspace_id: 'globex',
      subscription_id: 'sub-globex',
      trigger: 'new_deal',
      event_id: 'with-workspace',
      received_at: run.received_at,
      event: { event: 'with-workspace' },
    });
    expect(sent?.headers['idempotency-key']).toBe(run.id);
    expect(sent?.headers.authorization).toBe('Bearer engine-token-0123456789abcdef');
  });
});
