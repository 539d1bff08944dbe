/**
 * Abuse of the webhook callback (`POST /webhooks/pipedrive/:id`) on a listening host, over real sockets: bad,
 * foreign and oversized credentials, huge headers, slow clients, non-JSON, deep nesting and another webhook's
 * payload are all refused without storing anything, and the host keeps answering everyone else meanwhile.
 */
import { connect as connectSocket, type Socket } from 'node:net';
import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { basic, v2Payload } from '../fixtures/webhooks.js';
import { startTestHost, type TestHost } from '../helpers/host.js';
import { basicAuth, connect, type Subscribed, subscribe } from '../helpers/triggers.js';

/** Short, so the slow-client tests are quick; the default is 30 s (REQUEST_TIMEOUT_MS). */
const REQUEST_TIMEOUT_MS = 1000;

let host: TestHost;
let base: string;
let port: number;
let a: Subscribed;
let b: Subscribed;
const open = new Set<Socket>();

beforeAll(async () => {
  host = await startTestHost({ LOG_LEVEL: 'warn', REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) });
  base = await host.app.listen({ port: 0, host: '127.0.0.1' });
  port = Number(new URL(base).port);
  const connectionId = await connect(host);
  a = await subscribe(host, connectionId, 'new_deal', {}, 4201);
  b = await subscribe(host, connectionId, 'new_deal', {}, 4202);
  // From here on real sockets only: nock holds what a socket writes until it has a whole request, so a request
  // trickled in would never reach the host. Nothing below calls Pipedrive.
  nock.restore();
});

afterAll(async () => {
  nock.activate();
  for (const socket of open) socket.destroy();
  await host.close();
});

/** Nothing may be stored by any of these requests. */
async function stored() {
  const runs = (await host.store.workspace('default').listRuns({ limit: 1000 })).runs.length;
  return {
    a: await host.store.workspace('default').countDeliveries(a.id),
    b: await host.store.workspace('default').countDeliveries(b.id),
    runs,
  };
}
let before: Awaited<ReturnType<typeof stored>>;
beforeEach(async () => {
  before = await stored();
});
const nothingStored = async () => expect(await stored()).toEqual(before);

/** /health must answer quickly whatever else is going on. */
async function healthy(boundMs = 500): Promise<void> {
  const started = Date.now();
  const response = await fetch(`${base}/health`);
  expect(response.status).toBe(200);
  await response.arrayBuffer();
  expect(Date.now() - started).toBeLessThan(boundMs);
}

const deliver = (s: Pick<Subscribed, 'id'>, body: string | Buffer, headers: Record<string, string> = {}) =>
  fetch(`${base}/webhooks/pipedrive/${s.id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

interface RawAnswer {
  /** The status line's code, when an answer came. */
  status: number | undefined;
  /** When the host ended the connection, in ms after the start. */
  closedAfterMs: number;
}

/**
 * Send `head`, then `trickle` one piece every `everyMs` until the host answers or closes the connection. The
 * answer comes with `underway`, which resolves once the host has had the head and a first piece.
 */
function slowRequest(
  head: string,
  trickle: string[],
  everyMs: number,
): Promise<RawAnswer> & { underway: Promise<void> } {
  let trickling: () => void = () => {};
  const underway = new Promise<void>((resolve) => {
    trickling = resolve;
  });
  const answer = new Promise<RawAnswer>((resolve) => {
    const started = Date.now();
    const socket = connectSocket(port, '127.0.0.1');
    open.add(socket);
    let received = '';
    let timer: NodeJS.Timeout | undefined;
    socket.on('connect', () => {
      socket.write(head);
      let i = 0;
      timer = setInterval(() => {
        if (socket.writable) socket.write(trickle[i++ % trickle.length] as string, () => trickling());
      }, everyMs);
    });
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      open.delete(socket);
      trickling();
      const status = /^HTTP\/1\.1 (\d{3})/.exec(received)?.[1];
      resolve({ status: status ? Number(status) : undefined, closedAfterMs: Date.now() - started });
    });
  });
  return Object.assign(answer, { underway });
}

const payload = (webhookId: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ ...v2Payload({ webhookId }), ...extra });

describe('the webhook callback under abuse', () => {
  it.each([
    ['no credentials', {}],
    ['a wrong password', { authorization: basic('pdc_x', 'wrong') }],
    ['Bearer instead of Basic', { authorization: 'Bearer abc' }],
    ['oversized credentials (12 KB)', { authorization: `Basic ${'QUFB'.repeat(3000)}` }],
    ['credentials that are not base64', { authorization: 'Basic %%%%\u00ff' }],
  ])('%s: 401, nothing stored', async (_what, headers) => {
    const response = await deliver(a, payload(4201), headers as Record<string, string>);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    await nothingStored();
  });

  it("another subscription's credentials: 401, nothing stored", async () => {
    const response = await deliver(a, payload(4201), { authorization: basicAuth(b) });
    expect(response.status).toBe(401);
    await nothingStored();
  });

  it("a payload for another subscription's webhook, with this one's credentials: 400, nothing stored", async () => {
    const response = await deliver(a, payload(b.webhookId), { authorization: basicAuth(a) });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('another webhook');
    await nothingStored();
  });

  it('an unknown or malformed subscription id: 404 (414 when too long), nothing stored', async () => {
    for (const id of ['00000000-0000-0000-0000-000000000000', '..%2F..%2Fhealth', `${a.id}%00`]) {
      const response = await deliver({ id }, payload(4201), { authorization: basicAuth(a) });
      expect(response.status, id).toBe(404);
    }
    const long = await deliver({ id: 'x'.repeat(5000) }, payload(4201), { authorization: basicAuth(a) });
    expect(long.status).toBe(414);
    await nothingStored();
  });

  it('credentials over the header limit (100 KB): 431 before anything is read, the host stays up', async () => {
    const response = await deliver(a, payload(4201), { authorization: `Basic ${'QUFB'.repeat(25_000)}` });
    expect(response.status).toBe(431);
    await nothingStored();
    await healthy();
  });

  it.each([
    ['text', 'hello, not JSON', 'text/plain'],
    ['truncated JSON', payload(4201).slice(0, 50), 'application/json'],
    ['a form', 'meta=1&data=2', 'application/x-www-form-urlencoded'],
    ['binary', Buffer.from([0, 255, 254, 1, 2, 3]), 'application/octet-stream'],
    ['JSON that is not a payload', '{"hello":"world"}', 'application/json'],
    ['an empty body', '', 'application/json'],
  ])('%s with the right credentials: 400, nothing stored', async (_what, body, type) => {
    const response = await deliver(a, body, { authorization: basicAuth(a), 'content-type': type });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
    await nothingStored();
  });

  it('100,000 nested arrays, and a payload whose data nests 100,000 deep: 400, nothing stored, host fine', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const first = await deliver(a, deep, { authorization: basicAuth(a) });
    expect(first.status).toBe(400);
    const nested = payload(4201).replace(/}$/, `,"data":{"x":${deep}}}`);
    const second = await deliver(a, nested, { authorization: basicAuth(a) });
    expect(second.status).toBe(400);
    expect(((await second.json()) as { error: { message: string } }).error.message).toContain('nested');
    await nothingStored();
    await healthy();
    // A good delivery right after is accepted.
    const good = await deliver(a, payload(4201), { authorization: basicAuth(a) });
    expect(good.status).toBe(200);
  });

  it('a body over 1 MiB: 413, nothing stored', async () => {
    const big = payload(4201, { padding: 'x'.repeat(1024 * 1024) });
    const response = await deliver(a, big, { authorization: basicAuth(a) });
    expect(response.status).toBe(413);
    await nothingStored();
  });

  it('huge headers: 431, the host stays up', async () => {
    const answer = await slowRequest(
      `POST /webhooks/pipedrive/${a.id} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Junk: ${'a'.repeat(64 * 1024)}\r\n\r\n`,
      [],
      1000,
    );
    expect(answer.status).toBe(431);
    await nothingStored();
    await healthy();
  });

  it('headers that trickle in (slowloris) are cut off within the request timeout; others are served meanwhile', async () => {
    const head = `POST /webhooks/pipedrive/${a.id} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`;
    const slow = Array.from({ length: 50 }, () => slowRequest(head, ['X-A: b\r\n'], 100));
    await Promise.all(slow.map((request) => request.underway));
    await healthy();
    const answers = await Promise.all(slow);
    for (const answer of answers) {
      expect(answer.closedAfterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
      expect(answer.closedAfterMs).toBeLessThan(REQUEST_TIMEOUT_MS + 2500);
    }
    await nothingStored();
    await healthy();
  });

  it('a body that trickles in with the right credentials gets 408 within the request timeout, nothing stored', async () => {
    const body = payload(4201);
    const head = `POST /webhooks/pipedrive/${a.id} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: ${basicAuth(a)}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const slow = Array.from({ length: 20 }, () => slowRequest(head, body.split(''), 100));
    await Promise.all(slow.map((request) => request.underway));
    await healthy();
    const good = await deliver(a, payload(4201), { authorization: basicAuth(a) });
    expect(good.status).toBe(200);
    before = await stored();
    for (const answer of await Promise.all(slow)) {
      expect(answer.status).toBe(408);
      expect(answer.closedAfterMs).toBeLessThan(REQUEST_TIMEOUT_MS + 2500);
    }
    await nothingStored();
  });

  it('wrong credentials are refused before the body is read: a slow body does not hold the answer', async () => {
    const head = `POST /webhooks/pipedrive/${a.id} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: ${basic('pdc_x', 'y')}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n`;
    const started = Date.now();
    const answer = await new Promise<string>((resolve) => {
      const socket = connectSocket(port, '127.0.0.1', () => socket.write(head));
      open.add(socket);
      socket.on('data', (chunk) => {
        socket.destroy();
        open.delete(socket);
        resolve(chunk.toString('latin1'));
      });
      socket.on('error', () => {});
    });
    expect(answer).toMatch(/^HTTP\/1\.1 401/);
    expect(Date.now() - started).toBeLessThan(REQUEST_TIMEOUT_MS / 2);
    await nothingStored();
  });

  it('200 concurrent abusive requests of every kind: no 5xx, nothing stored, /health stays quick', async () => {
    const kinds = [
      () => deliver(a, payload(4201), {}),
      () => deliver(a, payload(4201), { authorization: basicAuth(b) }),
      () => deliver(a, payload(b.webhookId), { authorization: basicAuth(a) }),
      () => deliver(a, 'not json', { authorization: basicAuth(a) }),
      () => deliver(a, `${'['.repeat(20_000)}${']'.repeat(20_000)}`, { authorization: basicAuth(a) }),
    ];
    const flood = Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const response = await (kinds[i % kinds.length] as () => Promise<Response>)();
        await response.arrayBuffer();
        return response.status;
      }),
    );
    await healthy(1000);
    const statuses = await flood;
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(new Set(statuses)).toEqual(new Set([400, 401]));
    await nothingStored();
  });
});
