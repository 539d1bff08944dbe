/**
 * Load and crash tests of the webhook callback: a flood of deliveries with Pipedrive-style retries makes
 * exactly one run per distinct event, and every delivery acknowledged with 2xx before the host process is
 * killed is a run after it starts again.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v2Payload } from '../fixtures/webhooks.js';
import { startTestHost, type TestHost } from '../helpers/host.js';
import { type PipedriveStub, startPipedriveStub } from '../helpers/pipedrive-stub.js';
import { pool, startHostProcess } from '../helpers/process.js';
import { SECRETS } from '../helpers/secrets.js';
import { basicAuth, connect, subscribe } from '../helpers/triggers.js';

/** 80% distinct events, 20% retries of one of them (attempt 2–4), shuffled. */
function deliveries(total: number, webhookId: number) {
  const distinct = Math.round(total * 0.8);
  const events: string[] = Array.from({ length: distinct }, () => randomUUID());
  const list = events.map((id) => ({ id, attempt: 1 }));
  for (let i = 0; i < total - distinct; i++) {
    list.push({ id: events[Math.floor(Math.random() * distinct)] as string, attempt: 2 + (i % 3) });
  }
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j] as (typeof list)[number], list[i] as (typeof list)[number]];
  }
  return {
    events,
    bodies: list.map((d) => JSON.stringify(v2Payload({ id: d.id, attempt: d.attempt, webhookId }))),
  };
}

async function allRuns(base: string, subscriptionId: string, key: string) {
  const runs: { event_id: string; status: string }[] = [];
  let cursor: string | null = null;
  do {
    const page = (await (
      await fetch(
        `${base}/runs?subscription_id=${subscriptionId}&limit=1000${cursor ? `&cursor=${cursor}` : ''}`,
        { headers: { authorization: `Bearer ${key}` } },
      )
    ).json()) as { runs: { event_id: string; status: string }[]; next_cursor: string | null };
    runs.push(...page.runs);
    cursor = page.next_cursor;
  } while (cursor);
  return runs;
}

describe('a flood of deliveries', () => {
  let host: TestHost;
  let base: string;

  beforeAll(async () => {
    host = await startTestHost({ LOG_LEVEL: 'warn' });
    base = await host.app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await host.close();
  });

  it('5,000 deliveries, 50 at a time, 20% retried duplicates: one run per distinct event, no 5xx', async () => {
    const connectionId = await connect(host);
    const s = await subscribe(host, connectionId, 'new_deal');
    const { events, bodies } = deliveries(5000, s.webhookId);
    const headers = { 'content-type': 'application/json', authorization: basicAuth(s) };
    const statuses = await pool(bodies, 50, async (body) => {
      const response = await fetch(`${base}/webhooks/pipedrive/${s.id}`, { method: 'POST', headers, body });
      await response.arrayBuffer();
      return response.status;
    });
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    await host.app.host.dispatcher.idle();
    const runs = await allRuns(base, s.id, host.key);
    expect(runs).toHaveLength(events.length);
    expect(new Set(runs.map((r) => r.event_id))).toEqual(new Set(events));
    expect(await host.store.workspace('default').countDeliveries(s.id)).toEqual({
      total: events.length,
      skipped: 0,
    });
  }, 120_000);
});

describe('a host killed mid-flood', () => {
  let stub: PipedriveStub;
  let dir: string;

  beforeAll(async () => {
    stub = await startPipedriveStub({
      token: SECRETS.killToken,
      routes: [
        { method: 'GET', path: '/v1/webhooks', reply: { success: true, data: [] } },
        { method: 'POST', path: '/v1/webhooks', reply: { success: true, data: { id: 6001 } } },
      ],
    });
    dir = mkdtempSync(join(tmpdir(), 'pd-kill-'));
  });

  afterAll(async () => {
    await stub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every delivery acknowledged before SIGKILL is a run after the restart, exactly once', async () => {
    const env = { DATABASE_URL: `sqlite:${join(dir, 'c.db')}`, PIPEDRIVE_API_URL: stub.url };
    const first = await startHostProcess(env);
    const post = (path: string, body: unknown) =>
      fetch(`${first.url}${path}`, {
        method: 'POST',
        headers: first.headers,
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<Record<string, string>>);
    const connection = await post('/connections', {
      type: 'api_token',
      api_token: SECRETS.killToken,
    });
    const subscription = await post('/subscriptions', { connection_id: connection.id, trigger: 'new_deal' });
    const registered = stub.requests.find((r) => r.method === 'POST' && r.path === '/v1/webhooks')?.body as {
      http_auth_user: string;
      http_auth_password: string;
    };
    const auth = basicAuth({ user: registered.http_auth_user, password: registered.http_auth_password });
    const { bodies } = deliveries(3000, 6001);
    const acked = new Set<string>();
    let sent = 0;
    await pool(bodies, 50, async (body) => {
      sent += 1;
      if (sent === 1500) first.child.kill('SIGKILL');
      try {
        const response = await fetch(`${first.url}/webhooks/pipedrive/${subscription.id}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: auth },
          body,
        });
        const answer = (await response.json()) as { event_id: string };
        if (response.status === 200) acked.add(answer.event_id);
      } catch {
        // the host is gone: this delivery was not acknowledged, Pipedrive would retry it
      }
    });
    expect(await first.exited).toBeNull();
    expect(acked.size).toBeGreaterThan(0);
    // The kill came midway: some deliveries were not acknowledged (Pipedrive would send them again).
    expect(acked.size).toBeLessThan(2400);

    const second = await startHostProcess(env, first.port, { key: first.key });
    try {
      const runs = await allRuns(second.url, String(subscription.id), second.key);
      const ids = runs.map((r) => r.event_id);
      expect(ids.length).toBe(new Set(ids).size);
      const missing = [...acked].filter((id) => !ids.includes(id));
      expect(missing).toEqual([]);
    } finally {
      await second.kill('SIGTERM');
    }
  }, 120_000);
});
