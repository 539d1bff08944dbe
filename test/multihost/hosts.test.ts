/**
 * Several hosts on one PostgreSQL: a delivery may land on any host and a host may die. Real processes, a real
 * database, a local Pipedrive stub and a local engine; no mocks.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { v2Payload } from '../fixtures/webhooks.js';
import { type PipedriveStub, STUB_USER, startPipedriveStub } from '../helpers/pipedrive-stub.js';
import { createDatabase, dumpDatabase } from '../helpers/postgres.js';
import { type HostProcess, pool, startHostPair } from '../helpers/process.js';
import { newSecretKey, SECRETS } from '../helpers/secrets.js';
import { basicAuth } from '../helpers/triggers.js';

const TOKEN = SECRETS.multiHostToken;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('two hosts on one PostgreSQL', () => {
  let databaseUrl: string;
  let stub: PipedriveStub;
  let engine: Server;
  let engineUrl: string;
  const delivered = new Map<string, number>();
  const hosts: HostProcess[] = [];

  beforeAll(async () => {
    databaseUrl = await createDatabase(inject('postgresUrl'), 'multi');
    stub = await startPipedriveStub({
      token: TOKEN,
      routes: [
        { method: 'GET', path: '/v1/webhooks', reply: { success: true, data: [] } },
        { method: 'POST', path: '/v1/webhooks', reply: { success: true, data: { id: 7001 } } },
      ],
    });
    engine = createServer((req, res) => {
      const key = String(req.headers['idempotency-key']);
      delivered.set(key, (delivered.get(key) ?? 0) + 1);
      req.resume();
      req.on('end', () => res.writeHead(202).end());
    });
    engineUrl = await listen(engine);
  });

  afterAll(async () => {
    for (const host of hosts) host.child.kill('SIGKILL');
    await stub.close();
    engine.close();
  });

  it('5,000 deliveries (20% retried) across two hosts, one SIGKILLed midway: each acked event has exactly one run, and all are delivered', async () => {
    const env = {
      DATABASE_URL: databaseUrl,
      CONNECTOR_SECRET_KEY: newSecretKey(),
      PIPEDRIVE_API_URL: stub.url,
      ENGINE_URL: `${engineUrl}/runs`,
      PUBLIC_URL: 'https://hooks.example.com',
      RUN_LEASE_SECONDS: '3',
      DATABASE_POOL_SIZE: '20',
    };
    const [a, b] = await startHostPair(env);
    hosts.push(a, b);
    const post = async (host: HostProcess, path: string, body: unknown) =>
      (await fetch(`${host.url}${path}`, {
        method: 'POST',
        headers: host.headers,
        body: JSON.stringify(body),
      }).then((r) => r.json())) as Record<string, string>;
    const connection = await post(a, '/connections', { type: 'api_token', api_token: TOKEN });
    expect(connection.user).toEqual(STUB_USER);
    const subscription = await post(b, '/subscriptions', {
      connection_id: connection.id,
      trigger: 'new_deal',
    });
    const registered = stub.requests.find((r) => r.method === 'POST' && r.path === '/v1/webhooks')?.body as {
      http_auth_user: string;
      http_auth_password: string;
    };
    const auth = basicAuth({ user: registered.http_auth_user, password: registered.http_auth_password });

    // 4,000 events, 1,000 of them delivered again (Pipedrive's retries), in random order.
    const events: string[] = Array.from({ length: 4000 }, () => randomUUID());
    const sends = [...events.map((id) => ({ id, attempt: 1 }))];
    for (let i = 0; i < 1000; i++) sends.push({ id: events[(i * 7) % events.length] as string, attempt: 2 });
    sends.sort(() => Math.random() - 0.5);

    const acked = new Set<string>();
    let sent = 0;
    const deliver = async (host: HostProcess, body: string) => {
      const response = await fetch(`${host.url}/webhooks/pipedrive/${subscription.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: auth },
        body,
      });
      const answer = (await response.json()) as { event_id?: string };
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      return answer.event_id as string;
    };
    await pool(sends, 50, async ({ id, attempt }) => {
      sent += 1;
      if (sent === 2500) b.child.kill('SIGKILL');
      const body = JSON.stringify(v2Payload({ id, attempt, webhookId: 7001 }));
      const first = sent % 2 === 0 ? b : a;
      try {
        acked.add(await deliver(first, body));
      } catch {
        // The host died under this delivery: as Pipedrive would, send it again; the balancer picks the survivor.
        acked.add(await deliver(a, body));
      }
    });
    expect(await b.exited).toBeNull();
    expect(acked.size).toBe(events.length);

    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const counts = await db.query<{ event_id: string; n: string }>(
        'SELECT event_id, COUNT(*) AS n FROM runs WHERE subscription_id = $1 GROUP BY event_id',
        [subscription.id],
      );
      expect(counts.rows.filter((r) => r.n !== '1')).toEqual([]);
      expect(new Set(counts.rows.map((r) => r.event_id))).toEqual(acked);

      // The survivor takes over the dead host's runs (after their lease) and delivers every one.
      await vi.waitFor(
        async () => {
          const left = await db.query<{ n: string }>(
            `SELECT COUNT(*) AS n FROM runs WHERE subscription_id = $1 AND status != 'delivered'`,
            [subscription.id],
          );
          expect(Number(left.rows[0]?.n)).toBe(0);
        },
        { timeout: 60_000, interval: 250 },
      );
      const runIds = (
        await db.query<{ id: string }>('SELECT id FROM runs WHERE subscription_id = $1', [subscription.id])
      ).rows;
      expect(runIds.filter((r) => !delivered.has(r.id))).toEqual([]);
    } finally {
      await db.end();
    }
    // The database (pg-boss's job tables too) holds the token and the webhook password only sealed.
    const dump = await dumpDatabase(databaseUrl);
    expect(dump).not.toContain(TOKEN);
    expect(dump).not.toContain(registered.http_auth_password);
  }, 180_000);
});

// The OAuth and the repair blocks run at once, after the flood: each has its own database, servers and hosts, and
// most of each is its two hosts starting.
describe('OAuth refresh with two hosts on one PostgreSQL', { concurrent: true }, () => {
  it('20 concurrent calls on one expired connection, across both hosts, cause one refresh', async () => {
    const databaseUrl = await createDatabase(inject('postgresUrl'), 'oauth');
    let refreshes = 0;
    let apiUrl = '';
    // Pipedrive's OAuth server: the code gives "old" (which the API refuses), a refresh gives "new".
    const oauth = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        const form = new URLSearchParams(body);
        const access = form.get('grant_type') === 'refresh_token' ? 'new-access' : 'old-access';
        if (access === 'new-access') refreshes += 1;
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            access_token: access,
            refresh_token: 'the-refresh-token',
            token_type: 'bearer',
            expires_in: 3599,
            scope: 'base,deals:full',
            api_domain: apiUrl,
          }),
        );
      });
    });
    const api = createServer((req, res) => {
      const bearer = req.headers.authorization;
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v1/users/me') return res.end(JSON.stringify({ success: true, data: STUB_USER }));
      if (bearer !== 'Bearer new-access') {
        return res.writeHead(401).end(JSON.stringify({ success: false, error: 'unauthorized access' }));
      }
      res.end(
        JSON.stringify({ success: true, data: { id: Number(req.url?.split('/').pop()), title: 'Deal' } }),
      );
    });
    const oauthUrl = await listen(oauth);
    apiUrl = await listen(api);
    const env = {
      DATABASE_URL: databaseUrl,
      CONNECTOR_SECRET_KEY: newSecretKey(),
      PIPEDRIVE_OAUTH_URL: oauthUrl,
      // The local stand-in's api_domain is accepted because it is the configured API base.
      PIPEDRIVE_API_URL: apiUrl,
      PIPEDRIVE_CLIENT_ID: 'client-id',
      PIPEDRIVE_CLIENT_SECRET: 'client-secret-0123456789',
    };
    const [a, b] = await startHostPair({ ...env, PUBLIC_URL: 'http://127.0.0.1' });
    try {
      // The authorization-code flow: the link asked for on host B, opened on host A, the callback on host B.
      const link = (await (
        await fetch(`${b.url}/oauth/authorize-url`, { method: 'POST', headers: b.headers })
      ).json()) as { url: string };
      const start = await fetch(`${a.url}/oauth/start${new URL(link.url).search}`, { redirect: 'manual' });
      expect(start.status).toBe(302);
      const state = new URL(start.headers.get('location') as string).searchParams.get('state') as string;
      const cookie = start.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const callback = await fetch(`${b.url}/oauth/callback?code=the-code&state=${state}`, {
        headers: { cookie },
      });
      expect(callback.status).toBe(201);
      const connection = (await callback.json()) as { id: string };

      const calls = Array.from({ length: 20 }, (_, i) =>
        fetch(`${(i % 2 ? a : b).url}/operations/get_deal`, {
          method: 'POST',
          headers: a.headers,
          body: JSON.stringify({
            connection_id: connection.id,
            input: { id: i + 1, custom_fields_by_name: false },
          }),
        }).then((r) => r.status),
      );
      expect(await Promise.all(calls)).toEqual(Array(20).fill(200));
      expect(refreshes).toBe(1);
    } finally {
      a.child.kill('SIGKILL');
      b.child.kill('SIGKILL');
      oauth.close();
      api.close();
    }
  }, 60_000);
});

describe('webhook repair with two hosts on one PostgreSQL', { concurrent: true }, () => {
  it('two hosts repairing one subscription at once create one webhook', async () => {
    const databaseUrl = await createDatabase(inject('postgresUrl'), 'repair');
    const webhooks: { id: number; subscription_url: string; event_action: string; event_object: string }[] =
      [];
    let created = 0;
    const pipedrive = await startPipedriveStub({
      token: TOKEN,
      routes: [
        { method: 'GET', path: '/v1/webhooks', reply: () => ({ success: true, data: webhooks }) },
        {
          method: 'POST',
          path: '/v1/webhooks',
          reply: (r: { body: unknown }) => {
            created += 1;
            const body = r.body as { subscription_url: string; event_action: string; event_object: string };
            const hook = { id: 9000 + created, ...body, http_auth_user: undefined };
            webhooks.push(hook);
            return { success: true, data: hook };
          },
        },
      ],
    });
    const env = {
      DATABASE_URL: databaseUrl,
      CONNECTOR_SECRET_KEY: newSecretKey(),
      PIPEDRIVE_API_URL: pipedrive.url,
      PUBLIC_URL: 'https://hooks.example.com',
    };
    const [a, b] = await startHostPair(env);
    try {
      const post = async (host: HostProcess, path: string, body?: unknown) =>
        (await fetch(`${host.url}${path}`, {
          method: 'POST',
          headers: host.headers,
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }).then((r) => r.json())) as Record<string, string>;
      const connection = await post(a, '/connections', { type: 'api_token', api_token: TOKEN });
      const subscription = await post(a, '/subscriptions', {
        connection_id: connection.id,
        trigger: 'new_deal',
      });
      expect(created).toBe(1);
      webhooks.length = 0; // Pipedrive dropped the webhook (3 days of failures)
      const results = await Promise.all([
        post(a, `/subscriptions/${subscription.id}/check`),
        post(b, `/subscriptions/${subscription.id}/check`),
      ]);
      expect(created).toBe(2);
      expect(results.map((r) => r.status).sort()).toEqual(['ok', 'recreated']);
    } finally {
      a.child.kill('SIGKILL');
      b.child.kill('SIGKILL');
      await pipedrive.close();
    }
  }, 60_000);
});
