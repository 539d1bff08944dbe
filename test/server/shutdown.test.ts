import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { deal, ok } from '../fixtures/entities.js';
import { v2Payload } from '../fixtures/webhooks.js';
import { type PipedriveStub, type StubRequest, startPipedriveStub } from '../helpers/pipedrive-stub.js';
import { type HostProcess, startHostProcess } from '../helpers/process.js';
import { SECRETS } from '../helpers/secrets.js';

const TOKEN = SECRETS.shutdownToken;

// Real sockets only (Pipedrive is a local stub here): nock would accept a socket's connection itself, so that a
// refused one would look open.
beforeAll(() => {
  nock.restore();
});
afterAll(() => {
  nock.activate();
});

/** Whether a new TCP connection to the port is accepted, or the error code that refused it. */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

const until = (check: () => boolean | Promise<boolean>, what: string, timeout = 10_000) =>
  vi.waitFor(async () => expect(await check(), what).toBe(true), { timeout, interval: 20 });

describe('graceful shutdown of the host process (SIGTERM)', () => {
  let stub: PipedriveStub | undefined;
  let host: HostProcess | undefined;
  let engine: Server | undefined;
  let dir: string | undefined;

  afterEach(async () => {
    host?.child.kill('SIGKILL');
    await stub?.close();
    await new Promise((r) => (engine ? engine.close(r) : r(undefined)));
    if (dir) rmSync(dir, { recursive: true, force: true });
    stub = host = engine = dir = undefined;
  });

  const start = async (routes: Parameters<typeof startPipedriveStub>[0]['routes'], env = {}) => {
    dir = mkdtempSync(join(tmpdir(), 'pd-shutdown-'));
    stub = await startPipedriveStub({ token: TOKEN, routes: routes ?? [] });
    host = await startHostProcess({
      DATABASE_URL: `sqlite:${join(dir, 'c.db')}`,
      PIPEDRIVE_API_URL: stub.url,
      LOG_LEVEL: 'info',
      ...env,
    });
    const created = await fetch(`${host.url}/connections`, {
      method: 'POST',
      headers: host.headers,
      body: JSON.stringify({ type: 'api_token', api_token: TOKEN }),
    });
    expect(created.status).toBe(201);
    return { host, stub, connectionId: ((await created.json()) as { id: string }).id };
  };

  it('finishes the request in flight (200), refuses new connections, and exits 0', async () => {
    const { host, stub, connectionId } = await start([
      { method: 'GET', path: '/api/v2/deals/{id}', reply: ok(deal(101)), delayMs: 1500 },
    ]);
    let answered = false;
    const inflight = fetch(`${host.url}/operations/get_deal`, {
      method: 'POST',
      headers: host.headers,
      body: JSON.stringify({ connection_id: connectionId, input: { id: 101 } }),
    }).finally(() => {
      answered = true;
    });
    await until(() => stub.requests.some((r) => r.path === '/api/v2/deals/101'), 'the slow request');

    host.child.kill('SIGTERM');
    const signalled = Date.now();
    await until(async () => (await tryConnect(host.port)) === 'ECONNREFUSED', 'new connections refused');
    // Refused while the request was still running (its answer comes 1.5 s after Pipedrive got it): an order, not a
    // time, so that a busy machine cannot make it fail.
    expect(answered, 'the request in flight was answered before new connections were refused').toBe(false);

    const response = await inflight;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { output: { data: { id: number } } }).output.data.id).toBe(101);
    expect(await host.exited).toBe(0);
    // No wait for keep-alive timeouts (72 s) or the 10 s drain bound: the finished connection is closed at once.
    expect(Date.now() - signalled).toBeLessThan(9000);
    expect(host.output()).toContain('shutting down');
  });

  it('stops the run dispatcher only after the delivery under way reached the engine', async () => {
    let received = 0;
    let answered = false;
    engine = createServer((req, res) => {
      received += 1;
      req.resume();
      setTimeout(() => {
        answered = true;
        res.writeHead(200).end('{}');
      }, 1500);
    });
    await new Promise<void>((resolve) => engine?.listen(0, '127.0.0.1', resolve));
    const engineUrl = `http://127.0.0.1:${(engine.address() as AddressInfo).port}/runs`;

    let credentials = { http_auth_user: '', http_auth_password: '' };
    const { host, connectionId } = await start(
      [
        { method: 'GET', path: '/v1/webhooks', reply: { success: true, data: [] } },
        {
          method: 'POST',
          path: '/v1/webhooks',
          reply: (r: StubRequest) => {
            credentials = r.body as typeof credentials;
            return { success: true, data: { id: 4201, ...(r.body as object) } };
          },
        },
      ],
      { ENGINE_URL: engineUrl },
    );
    const subscribed = await fetch(`${host.url}/subscriptions`, {
      method: 'POST',
      headers: host.headers,
      body: JSON.stringify({ connection_id: connectionId, trigger: 'new_deal' }),
    });
    expect(subscribed.status).toBe(201);
    const subscriptionId = ((await subscribed.json()) as { id: string }).id;
    const basic = Buffer.from(`${credentials.http_auth_user}:${credentials.http_auth_password}`).toString(
      'base64',
    );
    const delivered = await fetch(`${host.url}/webhooks/pipedrive/${subscriptionId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${basic}` },
      body: JSON.stringify(v2Payload({ action: 'create' })),
    });
    expect(await delivered.json()).toMatchObject({ status: 'accepted' });
    await until(() => received === 1, 'the run at the engine');

    host.child.kill('SIGTERM');
    expect(await host.exited).toBe(0);
    expect(answered).toBe(true);
    const db = new Database(join(dir as string, 'c.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT status FROM runs').all()).toEqual([{ status: 'delivered' }]);
    } finally {
      db.close();
    }
  });
});
