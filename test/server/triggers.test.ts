import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HttpSink, type LocalSink } from '../../server/dispatch.js';
import { unreachableWarning } from '../../server/reach.js';
import { basic, v2Payload } from '../fixtures/webhooks.js';
import { startTestHost, type TestHost } from '../helpers/host.js';
import { basicAuth, connect, HOST_TOKEN, PD, type Subscribed, subscribe } from '../helpers/triggers.js';

const PUBLIC = 'https://hooks.example.com';

describe('trigger subscriptions and deliveries through the host', () => {
  let host: TestHost;
  let connectionId: string;

  beforeEach(async () => {
    host = await startTestHost({ PUBLIC_URL: PUBLIC });
    await host.app.ready();
    connectionId = await connect(host);
  });

  afterEach(async () => {
    await host.close();
  });

  const deliver = (s: Subscribed, payload: unknown, headers: Record<string, string> = {}) =>
    host.inject({
      method: 'POST',
      url: `/webhooks/pipedrive/${s.id}`,
      headers: { 'content-type': 'application/json', authorization: basicAuth(s), ...headers },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  const runs = async (subscriptionId: string) =>
    (await host.inject({ url: `/runs?subscription_id=${subscriptionId}` })).json().runs as {
      id: string;
      event_id: string;
      status: string;
      event: { action: string; attempt: number };
    }[];

  it('registers a v2 webhook on PUBLIC_URL with credentials of its own, and never shows them', async () => {
    const s = await subscribe(host, connectionId, 'updated_deal', { fields_to_watch: ['stage_id'] });
    expect(s.callbackUrl).toBe(`${PUBLIC}/webhooks/pipedrive/${s.id}`);
    // A public PUBLIC_URL: no warning.
    expect(s.warnings).toBeUndefined();
    expect(s.registered).toMatchObject({
      subscription_url: s.callbackUrl,
      event_action: 'change',
      event_object: 'deal',
      version: '2.0',
    });
    expect(s.user.length).toBeGreaterThanOrEqual(16);
    expect(s.password.length).toBeGreaterThanOrEqual(16);
    const shown = await host.inject({ url: `/subscriptions/${s.id}` });
    expect(shown.json()).toMatchObject({
      id: s.id,
      trigger: 'updated_deal',
      webhook_id: 4201,
      status: 'active',
    });
    const listed = await host.inject({ url: '/subscriptions' });
    for (const text of [shown.body, listed.body]) {
      expect(text).not.toContain(s.password);
      expect(text).not.toContain(s.user);
    }
    expect(readFileSync(host.dbFile).includes(s.password)).toBe(false);
    expect(host.logs()).not.toContain(s.password);
  });

  it('stores nothing when Pipedrive refuses the webhook', async () => {
    nock(PD)
      .get('/v1/webhooks')
      .reply(200, { success: true, data: [] })
      .post('/v1/webhooks')
      .reply(422, { success: false, error: 'Webhooks limit reached' });
    const response = await host.inject({
      method: 'POST',
      url: '/subscriptions',
      payload: { connection_id: connectionId, trigger: 'new_deal' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.message).toContain('40 webhooks');
    expect((await host.inject({ url: '/subscriptions' })).json().subscriptions).toEqual([]);
  });

  it('accepts a delivery, runs it once, and answers retries of it with 2xx and no second run', async () => {
    const s = await subscribe(host, connectionId, 'new_deal');
    const received: unknown[] = [];
    (host.app.host.sink as LocalSink).on((run) => {
      received.push(run);
    });
    const payload = v2Payload({ action: 'create', id: 'evt-1', webhookId: s.webhookId });
    const first = await deliver(s, payload);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ status: 'accepted', event_id: 'evt-1' });
    for (const attempt of [2, 3, 4]) {
      const retry = await deliver(s, { ...payload, meta: { ...payload.meta, attempt } });
      expect(retry.statusCode).toBe(200);
      expect(retry.json().status).toBe('duplicate');
    }
    await host.app.host.dispatcher.idle();
    const list = await runs(s.id);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      event_id: 'evt-1',
      status: 'delivered',
      event: { action: 'create', attempt: 1 },
    });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      run_id: list[0]?.id,
      trigger: 'new_deal',
      event: { event_id: 'evt-1' },
    });
  });

  it("forgets the connection's deal fields when Pipedrive's field webhook says they changed", async () => {
    const s = await subscribe(host, connectionId, 'pipedrive_event', {
      event_action: '*',
      event_object: '*',
    });
    const plan = 'b'.repeat(40);
    const fields = (enterprise: number) => ({
      success: true,
      data: [
        {
          field_code: plan,
          field_name: 'Plan tier',
          field_type: 'enum',
          is_custom_field: true,
          options: [{ id: enterprise, label: 'Enterprise' }],
        },
      ],
      additional_data: { next_cursor: null },
    });
    const add = (option: number) =>
      nock(PD)
        .matchHeader('x-api-token', HOST_TOKEN)
        .post('/api/v2/deals', { title: 'Acme', custom_fields: { [plan]: option } })
        .reply(200, { success: true, data: { id: 1, title: 'Acme', custom_fields: { [plan]: option } } });
    const addDeal = () =>
      host.inject({
        method: 'POST',
        url: '/operations/add_deal',
        payload: {
          connection_id: connectionId,
          input: { title: 'Acme', custom_fields: { 'Plan tier': 'Enterprise' } },
        },
      });
    const firstRead = nock(PD)
      .matchHeader('x-api-token', HOST_TOKEN)
      .get('/api/v2/dealFields')
      .query({ limit: '500' })
      .reply(200, fields(12));
    const [first, second] = [add(12), add(12)];
    expect((await addDeal()).statusCode).toBe(200);
    expect((await addDeal()).statusCode).toBe(200);
    firstRead.done();
    first.done();
    second.done();

    // A deal product event changes no field definition: they stay cached.
    const other = await deliver(s, v2Payload({ webhookId: s.webhookId, entity: 'deal_product' }));
    expect(other.json().status).toBe('accepted');
    const third = add(12);
    expect((await addDeal()).statusCode).toBe(200);
    third.done();

    // Pipedrive's field webhook (object name undocumented: `dealField` here): read again on the next use.
    const changed = await deliver(
      s,
      v2Payload({ webhookId: s.webhookId, entity: 'dealField', data: { id: 9 } }),
    );
    expect(changed.json().status).toBe('accepted');
    expect(host.logs()).toContain('custom field definitions changed: read again on next use');
    const reread = nock(PD)
      .matchHeader('x-api-token', HOST_TOKEN)
      .get('/api/v2/dealFields')
      .query({ limit: '500' })
      .reply(200, fields(14));
    const fourth = add(14);
    expect((await addDeal()).statusCode).toBe(200);
    reread.done();
    fourth.done();
  });

  it('refuses wrong or missing credentials with 401 and stores nothing', async () => {
    const s = await subscribe(host, connectionId, 'new_deal');
    const payload = v2Payload({ webhookId: s.webhookId });
    expect((await deliver(s, payload, { authorization: '' })).statusCode).toBe(401);
    expect((await deliver(s, payload, { authorization: basic(s.user, 'guess') })).statusCode).toBe(401);
    expect((await deliver(s, '{not json', { authorization: basic(s.user, 'guess') })).statusCode).toBe(401);
    expect(await host.store.workspace('default').countDeliveries(s.id)).toEqual({ total: 0, skipped: 0 });
  });

  it("refuses another subscription's credentials", async () => {
    const a = await subscribe(host, connectionId, 'new_deal', {}, 1);
    const b = await subscribe(host, connectionId, 'new_person', {}, 2);
    const response = await deliver(a, v2Payload({ webhookId: 1 }), { authorization: basicAuth(b) });
    expect(response.statusCode).toBe(401);
  });

  it('answers 400 to a body that is not a v2 payload, 404 to an unknown subscription, 413 when too large', async () => {
    const s = await subscribe(host, connectionId, 'new_deal');
    expect((await deliver(s, '{"meta":')).statusCode).toBe(400);
    expect((await deliver(s, { v: 1, event: 'added.deal', current: {} })).statusCode).toBe(400);
    expect((await deliver(s, v2Payload({ webhookId: 999 }))).statusCode).toBe(400);
    const unknown = await host.inject({
      method: 'POST',
      url: '/webhooks/pipedrive/00000000-0000-0000-0000-000000000000',
      headers: { 'content-type': 'application/json', authorization: basicAuth(s) },
      payload: JSON.stringify(v2Payload()),
    });
    expect(unknown.statusCode).toBe(404);
    const big = v2Payload({ webhookId: s.webhookId, data: { id: 1, note: 'x'.repeat(1024 * 1024) } });
    expect((await deliver(s, big)).statusCode).toBe(413);
    expect(await host.store.workspace('default').countDeliveries(s.id)).toEqual({ total: 0, skipped: 0 });
  });

  it('records a filtered event as skipped, answers 2xx, and starts no run', async () => {
    const s = await subscribe(host, connectionId, 'updated_deal', { fields_to_watch: ['stage_id'] });
    const response = await deliver(
      s,
      v2Payload({ action: 'change', webhookId: s.webhookId, previous: { value: 1 } }),
    );
    expect(response.statusCode).toBe(200);
    expect(response.json().status).toBe('skipped');
    expect(await host.store.workspace('default').countDeliveries(s.id)).toEqual({ total: 1, skipped: 1 });
    expect(await runs(s.id)).toEqual([]);
  });

  it('unsubscribes: deletes the webhook (a 404 there too), then answers late deliveries with 410', async () => {
    const s = await subscribe(host, connectionId, 'new_deal');
    const scope = nock(PD)
      .matchHeader('x-api-token', HOST_TOKEN)
      .delete(`/v1/webhooks/${s.webhookId}`)
      .reply(404, { success: false, error: 'Webhook not found' });
    expect((await host.inject({ method: 'DELETE', url: `/subscriptions/${s.id}` })).statusCode).toBe(204);
    scope.done();
    expect((await deliver(s, v2Payload({ webhookId: s.webhookId }))).statusCode).toBe(410);
    expect((await host.inject({ url: `/subscriptions/${s.id}` })).statusCode).toBe(404);
    expect(readFileSync(host.dbFile).includes(s.password)).toBe(false);
  });

  it('re-creates a webhook that Pipedrive dropped, with the same credentials', async () => {
    const s = await subscribe(host, connectionId, 'new_deal');
    let again: Record<string, unknown> = {};
    nock(PD)
      .get('/v1/webhooks')
      .twice()
      .reply(200, { success: true, data: [] })
      .post('/v1/webhooks', (body) => {
        again = body;
        return true;
      })
      .reply(201, { success: true, data: { id: 5001 } });
    const checked = await host.inject({ method: 'POST', url: `/subscriptions/${s.id}/check` });
    expect(checked.json()).toEqual({ id: s.id, status: 'recreated', webhook_id: 5001 });
    expect(again.http_auth_user).toBe(s.user);
    expect(again.http_auth_password).toBe(s.password);
    expect((await deliver(s, v2Payload({ webhookId: 5001 }))).json().status).toBe('accepted');
  });

  it('refuses to delete a connection that still has subscriptions', async () => {
    await subscribe(host, connectionId, 'new_deal');
    const response = await host.inject({ method: 'DELETE', url: `/connections/${connectionId}` });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('conflict');
  });
});

describe('dispatch to an engine over HTTP', () => {
  it('POSTs each run with its ID as Idempotency-Key and retries until the engine takes it', async () => {
    const seen: { headers: IncomingHttpHeaders; body: string }[] = [];
    const engine = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        seen.push({ headers: req.headers, body });
        res.writeHead(seen.length === 1 ? 503 : 202).end();
      });
    });
    await new Promise<void>((done) => engine.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(engine.address() as AddressInfo).port}/runs`;
    const host = await startTestHost(
      { PUBLIC_URL: PUBLIC },
      { sink: new HttpSink(url, 'engine-secret'), dispatcher: { policy: { baseDelayMs: 20 }, pollMs: 20 } },
    );
    const { app } = host;
    try {
      await app.ready();
      const connectionId = await connect(host);
      const s = await subscribe(host, connectionId, 'new_deal');
      const response = await app.inject({
        method: 'POST',
        url: `/webhooks/pipedrive/${s.id}`,
        headers: { 'content-type': 'application/json', authorization: basicAuth(s) },
        payload: JSON.stringify(v2Payload({ id: 'evt-http', webhookId: s.webhookId })),
      });
      expect(response.json().status).toBe('accepted');
      await vi.waitFor(() => expect(seen).toHaveLength(2));
      await app.host.dispatcher.idle();
      const [first, second] = seen;
      expect(first?.headers['idempotency-key']).toBeTruthy();
      expect(second?.headers['idempotency-key']).toBe(first?.headers['idempotency-key']);
      expect(second?.headers.authorization).toBe('Bearer engine-secret');
      expect(JSON.parse(second?.body ?? '{}')).toMatchObject({
        trigger: 'new_deal',
        event: { event_id: 'evt-http' },
      });
      const run = (await host.inject({ url: `/runs?subscription_id=${s.id}` })).json().runs[0];
      expect(run).toMatchObject({ status: 'delivered', attempts: 2, id: first?.headers['idempotency-key'] });
    } finally {
      await host.close();
      engine.close();
    }
  });
});

describe('a webhook on a PUBLIC_URL that Pipedrive cannot reach (issue 26)', () => {
  it.each([
    'http://127.0.0.1:3000',
    'http://localhost:3000',
    'http://192.168.1.20:3000',
    'http://10.0.0.5',
    'http://[::1]:3000',
    'http://laptop.local:3000',
  ])('%s: subscribed, with a warning that names it and the ways out', async (publicUrl) => {
    const host = await startTestHost({ PUBLIC_URL: publicUrl });
    try {
      const connectionId = await connect(host);
      const s = await subscribe(host, connectionId, 'new_deal');
      expect(s.registered.subscription_url).toBe(`${publicUrl}/webhooks/pipedrive/${s.id}`);
      expect(s.warnings).toEqual([unreachableWarning(publicUrl)]);
      expect(s.warnings?.[0]).toContain(`PUBLIC_URL (${publicUrl}) is a loopback or private address`);
      expect(s.warnings?.[0]).toContain('Pipedrive cannot reach it');
      expect(s.warnings?.[0]).toContain('polling trigger');
      expect(host.logs()).toContain('Pipedrive cannot reach it');
    } finally {
      await host.close();
    }
  });

  it.each(['https://hooks.example.com', 'http://203.0.113.7:8080', 'https://[2001:db8::1]'])(
    '%s: no warning',
    (publicUrl) => {
      expect(unreachableWarning(publicUrl)).toBeUndefined();
    },
  );
});
