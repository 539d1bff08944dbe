/**
 * The subscription routes in polling mode: the same access rules, workspaces and error shape as webhook
 * subscriptions, the interval checked with the field named, and a webhook subscription on a host Pipedrive cannot
 * reach pointed to polling. Pipedrive is nock (the host's poller is not ticking here: test/server/polling.test.ts
 * polls a local stub).
 */
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unreachableWarning } from '../../server/reach.js';
import { startTestHost, type TestHost } from '../helpers/host.js';
import { connect, PD } from '../helpers/triggers.js';

const polling = (connectionId: string, extra: Record<string, unknown> = {}) => ({
  method: 'POST' as const,
  url: '/subscriptions',
  payload: { connection_id: connectionId, trigger: 'updated_deal', mode: 'polling', ...extra },
});

describe('polling subscriptions: routes', () => {
  let host: TestHost;
  let connectionId: string;

  beforeEach(async () => {
    host = await startTestHost(
      { PUBLIC_URL: 'https://hooks.example.com', POLL_MIN_INTERVAL_SECONDS: '30' },
      { poller: { tickMs: 3_600_000 } },
    );
    await host.app.ready();
    connectionId = await connect(host);
  });

  afterEach(async () => {
    await host.close();
    nock.cleanAll();
  });

  it('subscribes without calling Pipedrive, starting from now, and shows where polling stands', async () => {
    const before = Date.now();
    const made = await host.inject(polling(connectionId, { interval: 120 }));
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({
      trigger: 'updated_deal',
      mode: 'polling',
      interval_seconds: 120,
      status: 'active',
      webhook_id: null,
      callback_url: null,
      event_action: 'change',
      event_object: 'deal',
    });
    expect(made.json().warnings).toBeUndefined();
    const id = made.json().id as string;
    const poll = await host.store.getPoll(id);
    expect(poll).toMatchObject({ holder: null, polls: 0, last_error: null });
    expect(poll?.state).toMatchObject({ mode: 'changes', trigger: 'updated_deal', seen: [] });
    expect(Date.parse((poll?.state as { from?: string } | undefined)?.from ?? '')).toBeGreaterThanOrEqual(
      Math.floor(before / 1000) * 1000,
    );
    const shown = await host.inject({ url: `/subscriptions/${id}` });
    expect(shown.json()).toMatchObject({
      mode: 'polling',
      deliveries: { total: 0, skipped: 0 },
      polling: { polls: 0, last_polled_at: null, last_error: null },
    });
    const listed = await host.inject({ url: '/subscriptions' });
    expect(listed.json().subscriptions.map((s: { id: string; mode: string }) => [s.id, s.mode])).toEqual([
      [id, 'polling'],
    ]);
    // The default interval when none is given.
    const byDefault = await host.inject(polling(connectionId));
    expect(byDefault.json().interval_seconds).toBe(300);
    // A filter trigger polls too, with its filter.
    const filter = await host.inject({
      ...polling(connectionId),
      payload: {
        connection_id: connectionId,
        trigger: 'deal_matches_filter',
        mode: 'polling',
        input: { filter_id: 7 },
      },
    });
    expect(filter.statusCode, filter.body).toBe(201);
    expect(filter.json()).toMatchObject({ event_object: 'deal', input: { filter_id: 7 } });
  });

  it.each([
    [{ interval: 0 }, 'interval'],
    [{ interval: 1.5 }, 'interval'],
    [{ interval: 90_000 }, 'interval'],
    [{ interval: 10 }, 'interval'],
    [{ backfill: 101 }, 'backfill'],
    [{ mode: 'sometimes' }, 'mode'],
    [{ mode: 'webhook', interval: 60 }, 'interval'],
    [{ mode: 'webhook', backfill: 5 }, 'backfill'],
  ])('refuses %j with invalid_input naming %s, and stores nothing', async (extra, field) => {
    const response = await host.inject(polling(connectionId, extra));
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('invalid_input');
    expect(JSON.stringify(error)).toContain(field);
    expect((await host.inject({ url: '/subscriptions' })).json().subscriptions).toEqual([]);
  });

  it('names the host minimum when the interval is under it', async () => {
    const response = await host.inject(polling(connectionId, { interval: 29 }));
    expect(response.json().error).toMatchObject({
      code: 'invalid_input',
      details: {
        issues: [{ path: 'interval', message: expect.stringContaining('POLL_MIN_INTERVAL_SECONDS') }],
      },
    });
  });

  it('refuses triggers that cannot poll, with the reason, and unknown ones', async () => {
    const won = await host.inject({
      ...polling(connectionId),
      payload: { ...polling(connectionId).payload, trigger: 'deleted_deal' },
    });
    expect(won.statusCode).toBe(400);
    expect(won.json().error.message).toContain('has no polling mode');
    const unknown = await host.inject({
      ...polling(connectionId),
      payload: { ...polling(connectionId).payload, trigger: 'no_such_trigger' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('unknown_operation');
    const watching = await host.inject(polling(connectionId, { input: { fields_to_watch: ['stage_id'] } }));
    expect(watching.statusCode).toBe(400);
    expect(watching.json().error.message).toContain('fields_to_watch');
  });

  it('keeps workspaces apart: no key 401, another workspace 404 for its connection and subscription', async () => {
    const made = (await host.inject(polling(connectionId, { interval: 60 }))).json();
    const other = await host.newKey('poll-other');
    const noKey = await host.inject({ ...polling(connectionId), key: null });
    expect(noKey.statusCode).toBe(401);
    const foreign = await host.inject({ ...polling(connectionId, { interval: 60 }), key: other });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('not_found');
    for (const request of [
      { url: `/subscriptions/${made.id}` },
      { method: 'DELETE' as const, url: `/subscriptions/${made.id}` },
      { method: 'POST' as const, url: `/subscriptions/${made.id}/check` },
    ]) {
      const response = await host.inject({ ...request, key: other });
      expect(response.statusCode, `${request.url}`).toBe(404);
    }
    expect((await host.inject({ url: '/subscriptions', key: other })).json().subscriptions).toEqual([]);
    expect(await host.store.getPoll(made.id)).toBeDefined();
  });

  it('a polling subscription has no webhook: check says so, deliveries are refused, delete calls nothing', async () => {
    const made = (await host.inject(polling(connectionId, { interval: 60 }))).json();
    const check = await host.inject({ method: 'POST', url: `/subscriptions/${made.id}/check` });
    expect(check.statusCode).toBe(400);
    expect(check.json().error.message).toContain('polls');
    const delivery = await host.inject({
      method: 'POST',
      url: `/webhooks/pipedrive/${made.id}`,
      headers: { 'content-type': 'application/json', authorization: 'Basic Og==' },
      payload: '{}',
    });
    expect(delivery.statusCode).toBe(404);
    // No nock interceptor: a call to Pipedrive would fail the delete.
    const deleted = await host.inject({ method: 'DELETE', url: `/subscriptions/${made.id}` });
    expect(deleted.statusCode).toBe(204);
    expect(await host.store.getPoll(made.id)).toBeUndefined();
    expect((await host.inject({ url: `/subscriptions/${made.id}` })).statusCode).toBe(404);
  });
});

describe('a webhook subscription on a host Pipedrive cannot reach', () => {
  it('says so in the answer and points to polling', async () => {
    const host = await startTestHost(
      { PUBLIC_URL: 'http://127.0.0.1:3000' },
      { poller: { tickMs: 3_600_000 } },
    );
    try {
      await host.app.ready();
      const connectionId = await connect(host);
      nock(PD)
        .get('/v1/webhooks')
        .reply(200, { success: true, data: [] })
        .post('/v1/webhooks')
        .reply(201, { success: true, data: { id: 4301 } });
      const made = await host.inject({
        method: 'POST',
        url: '/subscriptions',
        payload: { connection_id: connectionId, trigger: 'new_deal' },
      });
      expect(made.statusCode, made.body).toBe(201);
      expect(made.json().warnings).toEqual([expect.stringContaining('"mode": "polling"')]);
      expect(made.json().warnings[0]).toContain('http://127.0.0.1:3000');
    } finally {
      await host.close();
    }
  });

  it.each([
    ['http://localhost:3000', true],
    ['http://127.0.0.1:3000', true],
    ['http://[::1]:3000', true],
    ['http://10.1.2.3', true],
    ['http://172.20.0.5:8080', true],
    ['http://192.168.1.10', true],
    ['http://laptop.local:3000', true],
    ['http://myhost:3000', true],
    ['http://[fd12::1]', true],
    ['https://hooks.example.com', false],
    ['http://203.0.113.7', false],
    ['http://172.32.0.1', false],
  ])('%s unreachable: %s', (url, unreachable) => {
    expect(unreachableWarning(url) !== undefined).toBe(unreachable);
  });
});
