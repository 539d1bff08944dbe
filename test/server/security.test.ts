/**
 * What a host on the internet must refuse, each a finding of the security review (issue 14), on a listening host
 * over real sockets where it matters: DNS rebinding (a foreign Host header), cross-site simple POSTs, CORS, the
 * pages' headers, failed key checks rate limited, refused deliveries that hold sockets, replays, secrets in raw
 * answers and in the engine URL, tokens that are not header values, 414 and 431 answers, and the audit trail.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect as connectSocket, type Socket } from 'node:net';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import connector from '../../index.js';
import { HttpSink, type LocalSink, PollingDispatcher } from '../../server/dispatch.js';
import { basic, v2Payload } from '../fixtures/webhooks.js';
import { startTestHost, type TestHost } from '../helpers/host.js';
import { SECRETS } from '../helpers/secrets.js';
import { connect, deliver, PD, subscribe } from '../helpers/triggers.js';

const open = new Set<Socket>();
afterAll(() => {
  for (const socket of open) socket.destroy();
});

/** A raw HTTP exchange: what came back and when the host closed the connection. */
function raw(
  port: number,
  head: string,
  trickleEveryMs = 0,
): Promise<{ answer: string; closedAfterMs: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connectSocket(port, '127.0.0.1');
    open.add(socket);
    let answer = '';
    let timer: NodeJS.Timeout | undefined;
    socket.on('connect', () => {
      socket.write(head);
      if (trickleEveryMs > 0) {
        timer = setInterval(() => {
          if (socket.writable) socket.write('x');
        }, trickleEveryMs);
      }
    });
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      open.delete(socket);
      resolve({ answer, closedAfterMs: Date.now() - started });
    });
  });
}

describe('browser safety', () => {
  let host: TestHost;
  let base: string;

  beforeAll(async () => {
    host = await startTestHost({ LOG_LEVEL: 'warn', AUTH_FAILURES_PER_MINUTE: '1000' });
    base = await host.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => host.close());

  it('a Host header naming another site (DNS rebinding) is refused, with the right key too; /health is not', async () => {
    const foreign = await host.inject({ url: '/connections', headers: { host: 'attacker.example:3000' } });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error).toMatchObject({ code: 'invalid_input' });
    expect(foreign.body).toContain('Host header');
    const port = new URL(base).port;
    for (const name of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      expect((await host.inject({ url: '/connections', headers: { host: name } })).statusCode, name).toBe(
        200,
      );
    }
    expect((await host.inject({ url: '/health', headers: { host: '10.0.0.5:3000' } })).statusCode).toBe(200);
  });

  it('a cross-site simple POST (text/plain, or no type) is refused with 415 before anything runs', async () => {
    const connectionId = await connect(host);
    const s = await subscribe(host, connectionId, 'new_deal');
    for (const url of [
      `/subscriptions/${s.id}/check`,
      '/runs/x/retry',
      '/connections',
      '/oauth/authorize-url',
    ]) {
      const types: Record<string, string>[] = [
        { 'content-type': 'text/plain' },
        { 'content-type': 'application/x-www-form-urlencoded' },
        {},
      ];
      for (const headers of types) {
        const response = await fetch(`${base}${url}`, {
          method: 'POST',
          headers: { ...headers, authorization: `Bearer ${host.key}` },
        });
        expect(response.status, `${url} ${JSON.stringify(headers)}`).toBe(415);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
      }
    }
    // Nothing reached Pipedrive (nock would have needed an answer for the check).
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('sends no CORS headers unless CORS_ORIGINS names the origin', async () => {
    const plain = await host.inject({ url: '/connections', headers: { origin: 'https://evil.example' } });
    expect(plain.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await host.inject({
      method: 'OPTIONS',
      url: '/connections',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      key: null,
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();

    const cors = await startTestHost({ CORS_ORIGINS: 'https://engine.example.com' });
    try {
      const allowed = await cors.inject({
        method: 'OPTIONS',
        url: '/connections',
        headers: {
          origin: 'https://engine.example.com',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
        key: null,
      });
      expect(allowed.statusCode).toBe(204);
      expect(allowed.headers['access-control-allow-origin']).toBe('https://engine.example.com');
      const other = await cors.inject({ url: '/connections', headers: { origin: 'https://evil.example' } });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await cors.close();
    }
  });

  it('/docs and /playground get a CSP with frame-ancestors none, nosniff and no framing', async () => {
    for (const url of ['/docs', '/docs/static/index.html', '/playground']) {
      const response = await fetch(`${base}${url}`);
      await response.arrayBuffer();
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), url).toBe('DENY');
      if (response.status === 200 && url !== '/docs') {
        expect(response.headers.get('content-security-policy'), url).toContain("frame-ancestors 'none'");
      }
    }
  });
});

describe('API keys', () => {
  let host: TestHost;

  beforeAll(async () => {
    host = await startTestHost({ LOG_LEVEL: 'warn', AUTH_FAILURES_PER_MINUTE: '5' });
  });
  afterAll(() => host.close());

  it('failed key checks are rate limited per address: past the limit even a good key gets 429 for a while', async () => {
    const from = (remoteAddress: string, key: string | null) =>
      host.app.inject({
        url: '/connections',
        remoteAddress,
        headers: key ? { authorization: `Bearer ${key}` } : {},
      });
    for (let i = 0; i < 5; i++) expect((await from('10.1.1.1', 'pdk_wrong')).statusCode).toBe(401);
    const limited = await from('10.1.1.1', host.key);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected, and good keys are never counted.
    for (let i = 0; i < 10; i++) expect((await from('10.2.2.2', host.key)).statusCode).toBe(200);
  });

  it('behind a trusted proxy (TRUST_PROXY) the limit is per client (X-Forwarded-For), not per proxy', async () => {
    const proxied = await startTestHost({
      LOG_LEVEL: 'warn',
      AUTH_FAILURES_PER_MINUTE: '3',
      TRUST_PROXY: '127.0.0.1',
    });
    try {
      const from = (client: string, key: string) =>
        proxied.app.inject({
          url: '/connections',
          remoteAddress: '127.0.0.1',
          headers: { authorization: `Bearer ${key}`, 'x-forwarded-for': client },
        });
      for (let i = 0; i < 3; i++) expect((await from('203.0.113.9', 'pdk_wrong')).statusCode).toBe(401);
      expect((await from('203.0.113.9', proxied.key)).statusCode).toBe(429);
      // Another client behind the same proxy is not locked out.
      expect((await from('198.51.100.7', proxied.key)).statusCode).toBe(200);
    } finally {
      await proxied.close();
    }
  });

  it('a key is recognizable, has at least 128 bits, is stored as a hash only, and its last use is recorded', async () => {
    const key = await host.newKey('keys-ws');
    expect(key).toMatch(/^pdk_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);
    const id = key.split('_')[1] as string;
    const dump = JSON.stringify(host.store.sqlite.prepare('SELECT * FROM api_keys').all());
    expect(dump).not.toContain(key.slice(17));
    expect(dump).toContain(id);
    expect((await host.inject({ url: '/connections', key })).statusCode).toBe(200);
    // Recorded after the answer, off the request's path.
    await vi.waitFor(async () => expect((await host.store.getApiKey(id))?.last_used_at).toBeTruthy());
  });

  it('admin routes create and revoke keys, answer 403 to other keys, and record it all in the audit trail', async () => {
    const plain = await host.newKey('audit-ws');
    expect((await host.inject({ url: '/keys', key: plain })).statusCode).toBe(403);
    const created = await host.inject({
      method: 'POST',
      url: '/keys',
      payload: { workspace_id: 'audit-ws', label: 'ci' },
    });
    expect(created.statusCode).toBe(201);
    const { key, id } = created.json();
    expect((await host.inject({ url: '/connections', key })).statusCode).toBe(200);
    expect((await host.inject({ method: 'DELETE', url: `/keys/${id}` })).statusCode).toBe(204);
    expect((await host.inject({ url: '/connections', key })).statusCode).toBe(401);
    const listed = (await host.inject({ url: '/keys?workspace_id=audit-ws' })).json().keys;
    expect(listed.find((k: { id: string }) => k.id === id)).toMatchObject({
      label: 'ci',
      revoked_at: expect.any(String),
    });
    expect(JSON.stringify(listed)).not.toContain(key);
    const trail = (await host.inject({ url: '/audit?workspace_id=audit-ws' })).json().entries;
    expect(trail.map((e: { action: string; target_id: string }) => `${e.action} ${e.target_id}`)).toEqual(
      expect.arrayContaining([`key.create ${id}`, `key.revoke ${id}`]),
    );
    expect(JSON.stringify(trail)).not.toContain(key);
    expect((await host.inject({ url: '/audit', key: plain })).statusCode).toBe(403);
  });
});

describe('the webhook callback', () => {
  let host: TestHost;
  let port: number;

  beforeAll(async () => {
    host = await startTestHost({
      LOG_LEVEL: 'warn',
      REQUEST_TIMEOUT_MS: '10000',
      MAX_CONNECTIONS: '5000',
      MAX_CONNECTIONS_PER_ADDRESS: '5000',
    });
    const base = await host.app.listen({ port: 0, host: '127.0.0.1' });
    port = Number(new URL(base).port);
  });
  afterAll(() => host.close());

  it('a refused delivery closes its socket at once, also while the client trickles a body; 1,000 at once', async () => {
    const connectionId = await connect(host);
    const s = await subscribe(host, connectionId, 'new_deal');
    // Real sockets: nock holds what a socket writes until it has a whole request, and these never send theirs.
    nock.restore();
    onTestFinished(() => {
      nock.activate();
    });
    const head = (auth: string) =>
      `POST /webhooks/pipedrive/${s.id} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: ${auth}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n`;
    const one = await raw(port, head(basic('pdc_x', 'wrong')), 50);
    expect(one.answer).toMatch(/^HTTP\/1\.1 401/);
    expect(one.answer.toLowerCase()).toContain('connection: close');
    expect(one.closedAfterMs).toBeLessThan(2500);

    const many = await Promise.all(
      Array.from({ length: 1000 }, () => raw(port, head(basic('pdc_x', 'y')), 200)),
    );
    expect(many.filter((m) => !m.answer.startsWith('HTTP/1.1 401'))).toEqual([]);
    expect(Math.max(...many.map((m) => m.closedAfterMs))).toBeLessThan(8000);
    const connections = await new Promise<number>((resolve) =>
      host.app.server.getConnections((_e, n) => resolve(n)),
    );
    expect(connections).toBeLessThan(5);
  });

  it('replays are refused: no meta.webhook_id, dated 2020, dated ahead; a fresh one is accepted', async () => {
    const connectionId = await connect(host);
    const s = await subscribe(host, connectionId, 'new_deal');
    const send = (payload: unknown) => deliver(host, s, payload);
    const base = v2Payload({ webhookId: s.webhookId });
    const { webhook_id: _w, ...noWebhook } = base.meta;
    const cases: [string, unknown, string][] = [
      ['no webhook_id', { ...base, meta: noWebhook }, 'meta.webhook_id'],
      [
        'dated 2020',
        { ...base, meta: { ...base.meta, timestamp: '2020-01-01T00:00:00.000Z' } },
        'meta.timestamp',
      ],
      [
        'a seconds timestamp of 2020',
        { ...base, meta: { ...base.meta, timestamp: 1577836800 } },
        'meta.timestamp',
      ],
      [
        'dated an hour ahead',
        { ...base, meta: { ...base.meta, timestamp: new Date(Date.now() + 3600_000).toISOString() } },
        'meta.timestamp',
      ],
      ['no timestamp', { ...base, meta: { ...base.meta, timestamp: null } }, 'meta.timestamp'],
    ];
    for (const [what, payload, field] of cases) {
      const response = await send(payload);
      expect(response.statusCode, what).toBe(400);
      expect(response.json().error.details.issues[0].path, what).toBe(field);
    }
    expect((await host.store.workspace('default').countDeliveries(s.id)).total).toBe(0);
    expect((await send(base)).json().status).toBe('accepted');
  });

  it('414 and 431 answers have the error shape and do not echo the request', async () => {
    const long = await raw(
      port,
      `POST /webhooks/pipedrive/${'secretish'.repeat(30)} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
    );
    expect(long.answer).toMatch(/^HTTP\/1\.1 414/);
    expect(long.answer).not.toContain('secretish');
    expect(JSON.parse(long.answer.slice(long.answer.indexOf('\r\n\r\n') + 4)).error.code).toBe(
      'invalid_input',
    );
    const big = await raw(
      port,
      `GET /connections?token=${'secretish'.repeat(3000)} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
    );
    expect(big.answer).toMatch(/^HTTP\/1\.1 431/);
    expect(big.answer).not.toContain('secretish');
    expect(JSON.parse(big.answer.slice(big.answer.indexOf('\r\n\r\n') + 4)).error.code).toBe('invalid_input');
  });
});

describe('secrets', () => {
  afterEach(() => nock.cleanAll());

  it("a run's delivery error keeps the status and the engine URL's origin only (stored and logged)", async () => {
    const engine = createServer((_req, res) => res.writeHead(500).end());
    await new Promise<void>((done) => engine.listen(0, '127.0.0.1', done));
    const url = `http://user:engine-pass-0123456789@127.0.0.1:${(engine.address() as AddressInfo).port}/hook/tok-0123456789abcdef?key=qs-secret-0123456789`;
    const host = await startTestHost(
      {},
      { sink: new HttpSink(url), dispatcher: { policy: { baseDelayMs: 10_000 }, pollMs: 20 } },
    );
    try {
      await host.app.ready();
      const connectionId = await connect(host);
      const s = await subscribe(host, connectionId, 'new_deal');
      await deliver(host, s);
      const run = await vi.waitFor(async () => {
        const found: { status: string; last_error: string | null } | undefined = (
          await host.inject({ url: `/runs?subscription_id=${s.id}` })
        ).json().runs[0];
        expect(found?.status).toBe('retrying');
        return found;
      });
      expect(run?.last_error).toBe(`the engine at ${new URL(url).origin} answered HTTP 500`);
      for (const secret of ['engine-pass', 'tok-0123456789abcdef', 'qs-secret', '/hook']) {
        expect(host.logs()).not.toContain(secret);
        expect(run?.last_error).not.toContain(secret);
      }
    } finally {
      await host.close();
      engine.close();
    }
  });

  it('without ENGINE_URL and without a listener, runs stay pending (not delivered to no one); a listener takes them', async () => {
    const host = await startTestHost({}, { dispatcher: { pollMs: 20, policy: { baseDelayMs: 20 } } });
    try {
      await host.app.ready();
      const connectionId = await connect(host);
      const s = await subscribe(host, connectionId, 'new_deal');
      const sink = host.app.host.sink as LocalSink;
      expect(host.app.host.dispatcher).toBeInstanceOf(PollingDispatcher);
      const asked = vi.spyOn(sink, 'ready');
      await deliver(host, s);
      // The dispatcher has looked for runs since (it asks the sink first), and left this one alone.
      asked.mockClear();
      await vi.waitFor(() => expect(asked).toHaveBeenCalled());
      const pending = (await host.inject({ url: `/runs?subscription_id=${s.id}` })).json().runs[0];
      expect(pending).toMatchObject({ status: 'pending', attempts: 0, delivered_at: null });
      expect((await host.inject({ method: 'POST', url: `/runs/${pending.id}/retry` })).statusCode).toBe(202);
      const taken: string[] = [];
      sink.on((run) => {
        taken.push(run.run_id);
      });
      await vi.waitFor(() => expect(taken).toEqual([pending.id]));
      await host.app.host.dispatcher.idle();
      expect(taken).toEqual([pending.id]);
      expect((await host.inject({ url: `/runs/${pending.id}` })).json().status).toBe('delivered');
    } finally {
      await host.close();
    }
  });

  it('api_request GET /v1/webhooks answers with every http_auth_password redacted', async () => {
    nock(PD)
      .get('/v1/webhooks')
      .reply(200, {
        success: true,
        data: [
          { id: 1, http_auth_user: 'pdc_a', http_auth_password: 'webhook-pass-0123456789abcdef' },
          { id: 2, http_auth_user: null, http_auth_password: null },
        ],
      });
    const output = (await connector.execute(
      'api_request',
      { method: 'GET', path: '/v1/webhooks' },
      { auth: { type: 'api_token', apiToken: SECRETS.apiToken } },
    )) as { data: { http_auth_password: string | null; http_auth_user: string | null }[] };
    expect(output.data[0]).toMatchObject({ http_auth_user: 'pdc_a', http_auth_password: '[redacted]' });
    expect(output.data[1]?.http_auth_password).toBeNull();
    expect(JSON.stringify(output)).not.toContain('webhook-pass');
  });

  it('list_webhooks and add_webhook answer with the webhook passwords redacted', async () => {
    const hook = {
      id: 1,
      name: 'Mine',
      http_auth_user: 'me',
      http_auth_password: 'webhook-pass-0123456789abcdef',
    };
    nock(PD)
      .get('/v1/webhooks')
      .reply(200, { status: 'ok', success: true, data: [hook] })
      .post('/v1/webhooks')
      .reply(201, { status: 'ok', success: true, data: hook });
    const ctx = { auth: { type: 'api_token' as const, apiToken: SECRETS.apiToken } };
    const listed = await connector.execute('list_webhooks', {}, ctx);
    const added = await connector.execute(
      'add_webhook',
      {
        subscription_url: 'https://hooks.example.com/in',
        event_action: 'create',
        event_object: 'deal',
        name: 'Mine',
        http_auth_user: 'me',
        http_auth_password: 'webhook-pass-0123456789abcdef',
      },
      ctx,
    );
    expect(listed).toMatchObject({ data: [{ http_auth_user: 'me', http_auth_password: '[redacted]' }] });
    expect(added).toMatchObject({ data: { http_auth_user: 'me', http_auth_password: '[redacted]' } });
    expect(JSON.stringify([listed, added])).not.toContain('webhook-pass');
  });

  it('an API token with a line break or non-ASCII characters is invalid_input naming the field, nothing sent', async () => {
    const host = await startTestHost();
    try {
      for (const token of ['abc\r\nx-injected: 1', 'tökén-0123456789', 'with space']) {
        const response = await host.inject({
          method: 'POST',
          url: '/connections',
          payload: { type: 'api_token', api_token: token },
        });
        expect(response.statusCode, token).toBe(400);
        expect(response.json().error).toMatchObject({
          code: 'invalid_input',
          details: { issues: [{ path: 'api_token' }] },
        });
      }
      for (const token of ['abc\r\nx-injected: 1', 'tökén-0123456789']) {
        await expect(
          connector.execute('get_deal', { id: 1 }, { auth: { type: 'api_token', apiToken: token } }),
        ).rejects.toMatchObject({ code: 'invalid_input' });
      }
      expect(nock.pendingMocks()).toEqual([]);
    } finally {
      await host.close();
    }
  });
});
