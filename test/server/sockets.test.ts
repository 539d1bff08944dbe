/**
 * Connections that hold the host without asking anything (issue 21, item 1), over real sockets on 127.0.0.1 with
 * short limits set through the configuration: a connection that sends no byte is closed within
 * REQUEST_TIMEOUT_MS by the host, also when the client reads nothing and never closes its side (Node's HTTP server
 * keeps sockets half-open: ending one is not closing it); one address holds at most MAX_CONNECTIONS_PER_ADDRESS
 * connections, so Pipedrive's deliveries from another address are served while it holds them, and the held ones
 * do not hold the shutdown; a request whose answer takes longer than the timeout is still answered.
 */
import { request as httpRequest } from 'node:http';
import { connect as connectSocket, type Socket } from 'node:net';
import nock from 'nock';
import { afterAll, afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { deal, ok } from '../fixtures/entities.js';
import { v2Payload } from '../fixtures/webhooks.js';
import { startTestHost, type TestHost } from '../helpers/host.js';
import { basicAuth, connect, PD, subscribe } from '../helpers/triggers.js';

const sockets = new Set<Socket>();
afterAll(() => {
  for (const socket of sockets) socket.destroy();
});

interface Held {
  socket: Socket;
  /** What the host sent before it closed the connection. */
  answer(): string;
  /** Resolves with the milliseconds from connect to close, once the host closes the connection. */
  closed: Promise<number>;
}

/**
 * A connection from `localAddress` that sends nothing (or `first`, once connected). It reads what comes back unless
 * `reads` is false: then it never reads, and never closes its side (its own `closed` does not resolve).
 */
function hold(port: number, localAddress = '127.0.0.1', first?: string, reads = true): Promise<Held> {
  return new Promise((resolve) => {
    const socket = connectSocket({ port, host: '127.0.0.1', localAddress, allowHalfOpen: true });
    sockets.add(socket);
    let answer = '';
    let started = 0;
    if (reads) {
      socket.on('data', (chunk) => {
        answer += chunk.toString('latin1');
      });
      socket.on('end', () => socket.end());
    }
    socket.on('error', () => {});
    const closed = new Promise<number>((done) =>
      socket.on('close', () => {
        sockets.delete(socket);
        done(Date.now() - started);
      }),
    );
    socket.on('connect', () => {
      started = Date.now();
      if (first) socket.write(first);
      resolve({ socket, answer: () => answer, closed });
    });
  });
}

/** At most `ms` for `promise`; 'still open' when it has not settled by then. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | 'still open'> {
  return Promise.race([
    promise,
    new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), ms).unref()),
  ]);
}

/** A raw HTTP request from `localAddress` (a second loopback address plays Pipedrive). */
function send(
  port: number,
  options: { method: string; path: string; headers?: Record<string, string>; body?: string },
  localAddress = '127.0.0.1',
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, localAddress, agent: false, ...options }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** When each of the host's own sockets closes, from the moment it was accepted. */
function serverSockets(host: TestHost): Promise<number>[] {
  const closes: Promise<number>[] = [];
  host.app.server.on('connection', (socket: Socket) => {
    const accepted = Date.now();
    closes.push(new Promise((resolve) => socket.on('close', () => resolve(Date.now() - accepted))));
  });
  return closes;
}

describe('connections that send nothing', () => {
  let host: TestHost | undefined;
  afterEach(async () => {
    await host?.close();
    host = undefined;
    nock.cleanAll();
  });

  it('are closed by the host within REQUEST_TIMEOUT_MS, also when the client reads nothing and never closes', async () => {
    // Real sockets only: nock 15 would accept a raw socket's connection itself, and the host would see none.
    nock.restore();
    onTestFinished(() => {
      nock.activate();
    });
    host = await startTestHost({ LOG_LEVEL: 'warn', REQUEST_TIMEOUT_MS: '800' });
    const closes = serverSockets(host);
    const port = Number(new URL(await host.app.listen({ port: 0, host: '127.0.0.1' })).port);
    // 20 that send nothing and read nothing (as a client holding sockets does), one that sends one byte, and one
    // that reads: it gets the 408.
    await Promise.all(Array.from({ length: 20 }, () => hold(port, '127.0.0.1', undefined, false)));
    await hold(port, '127.0.0.1', 'G', false);
    const reading = await hold(port);
    // Every socket accepted by the host (slow on a loaded machine: the default 1 s is not enough).
    await vi.waitFor(() => expect(closes).toHaveLength(22), { timeout: 15_000 });
    // Node checks every 800 ms; the 408 is written, then the socket destroyed a second later.
    for (const after of await Promise.all(closes.map((closed) => within(closed, 800 + 800 + 1000 + 2000)))) {
      expect(after).not.toBe('still open');
      expect(after).toBeGreaterThanOrEqual(700);
    }
    expect(await within(reading.closed, 1000)).not.toBe('still open');
    expect(reading.answer()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('a request whose answer takes longer than REQUEST_TIMEOUT_MS is answered: the timeout bounds the request only', async () => {
    host = await startTestHost({ LOG_LEVEL: 'warn', REQUEST_TIMEOUT_MS: '500' });
    const port = Number(new URL(await host.app.listen({ port: 0, host: '127.0.0.1' })).port);
    const connectionId = await connect(host);
    nock(PD)
      .get('/api/v2/deals/7')
      .delay(1500)
      .reply(200, ok(deal(7)));
    const answer = await send(port, {
      method: 'POST',
      path: '/operations/get_deal',
      headers: { ...host.headers(), host: `127.0.0.1:${port}` },
      body: JSON.stringify({ connection_id: connectionId, input: { id: 7 } }),
    });
    expect(answer.status, answer.body).toBe(200);
    expect(JSON.parse(answer.body).output.data.id).toBe(7);
  });
});

describe('connections per address (MAX_CONNECTIONS_PER_ADDRESS)', () => {
  let host: TestHost | undefined;
  afterEach(async () => {
    await host?.close();
    host = undefined;
    nock.cleanAll();
  });

  it('one address holding sockets gets no more than its share; Pipedrive, from another address, is served', async () => {
    // Long enough that no timer closes the held sockets during the test.
    host = await startTestHost({
      LOG_LEVEL: 'warn',
      REQUEST_TIMEOUT_MS: '60000',
      MAX_CONNECTIONS: '8',
      MAX_CONNECTIONS_PER_ADDRESS: '4',
    });
    const port = Number(new URL(await host.app.listen({ port: 0, host: '127.0.0.1' })).port);
    const connectionId = await connect(host);
    const s = await subscribe(host, connectionId, 'new_deal');

    // As many silent connections as the host takes in all: past the fourth, each is closed as it arrives.
    const held = await Promise.all(Array.from({ length: 8 }, () => hold(port)));
    const closedOnes: Held[] = [];
    await new Promise<void>((done) => {
      for (const h of held) {
        void h.closed.then(() => {
          closedOnes.push(h);
          if (closedOnes.length === 4) done();
        });
      }
    });
    const kept = held.filter((h) => !closedOnes.includes(h));
    expect(kept).toHaveLength(4);
    expect(host.logs()).toContain('this address holds MAX_CONNECTIONS_PER_ADDRESS connections already');

    const delivered = await send(
      port,
      {
        method: 'POST',
        path: `/webhooks/pipedrive/${s.id}`,
        headers: {
          host: `127.0.0.1:${port}`,
          authorization: basicAuth(s),
          'content-type': 'application/json',
        },
        body: JSON.stringify(v2Payload({ webhookId: s.webhookId })),
      },
      '127.0.0.2',
    );
    expect(delivered.status, delivered.body).toBe(200);
    expect(JSON.parse(delivered.body)).toMatchObject({ status: 'accepted' });
    // The four held ones are still open: the cap closed only what went over it.
    for (const h of kept) expect(h.socket.destroyed).toBe(false);
    // A connection that sent no request holds no shutdown: closing the host closes them.
    await host.close();
    host = undefined;
    expect(await within(Promise.all(kept.map((h) => h.closed)), 5000)).not.toBe('still open');
  });
});
