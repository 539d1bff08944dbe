/**
 * Requests of valid keys are limited (issue 21, items 7 and 14; OWASP API4): per key and per workspace on every
 * route that takes a key, tighter for authorize links, with the RateLimit header fields on every answer and 429
 * with `Retry-After`, all declared in the OpenAPI document; Pipedrive's deliveries are never limited by it; the
 * audit trail and the OAuth tickets are kept under a retention.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DOCS_PREFIX } from '../../server/openapi.js';
import { v2Payload } from '../fixtures/webhooks.js';
import { startTestHost, type TestHost } from '../helpers/host.js';
import { connect, deliver, subscribe } from '../helpers/triggers.js';

const DAY = 24 * 60 * 60 * 1000;

let host: TestHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

/** The RateLimit header fields of an answer, as numbers. */
const limitOf = (headers: Record<string, unknown>) => ({
  limit: Number(headers['ratelimit-limit']),
  remaining: Number(headers['ratelimit-remaining']),
  reset: Number(headers['ratelimit-reset']),
});

describe('requests per API key and per workspace', () => {
  it('a key gets KEY_REQUESTS_PER_MINUTE on every key route, then 429 with Retry-After; every answer says where it stands', async () => {
    host = await startTestHost({ KEY_REQUESTS_PER_MINUTE: '5', WORKSPACE_REQUESTS_PER_MINUTE: '1000' });
    const key = await host.newKey('limited');
    const seen = [];
    for (let i = 0; i < 5; i++) {
      const answer = await host.inject({ url: i % 2 ? '/connections' : '/manifest', key });
      expect(answer.statusCode).toBe(200);
      seen.push(limitOf(answer.headers));
    }
    expect(seen.map((s) => s.remaining)).toEqual([4, 3, 2, 1, 0]);
    for (const s of seen) {
      expect(s.limit).toBe(5);
      expect(s.reset).toBeGreaterThan(0);
      expect(s.reset).toBeLessThanOrEqual(60);
    }
    // Any route, a write included: refused before it runs.
    for (const request of [{ url: '/runs' }, { method: 'POST' as const, url: '/oauth/authorize-url' }]) {
      const refused = await host.inject({ ...request, key });
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error).toMatchObject({
        code: 'rate_limited',
        details: { limit_per_minute: 5, retry_after_seconds: expect.any(Number) },
      });
      expect(refused.json().error.message).toContain('with this API key');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(limitOf(refused.headers)).toMatchObject({ limit: 5, remaining: 0 });
    }
    // Another key of the same workspace has its own count.
    const other = await host.newKey('limited');
    expect((await host.inject({ url: '/connections', key: other })).statusCode).toBe(200);
    // A wrong key's answer says where the address stands with its failed attempts.
    const wrong = await host.inject({ url: '/connections', key: 'pdk_wrong' });
    expect(wrong.statusCode).toBe(401);
    expect(limitOf(wrong.headers)).toMatchObject({ limit: 20, remaining: 19 });
  });

  it('all the keys of a workspace share WORKSPACE_REQUESTS_PER_MINUTE; another workspace is not affected', async () => {
    host = await startTestHost({ KEY_REQUESTS_PER_MINUTE: '100', WORKSPACE_REQUESTS_PER_MINUTE: '6' });
    const keys = await Promise.all([host.newKey('shared'), host.newKey('shared'), host.newKey('shared')]);
    for (let i = 0; i < 6; i++) {
      expect((await host.inject({ url: '/connections', key: keys[i % 3] })).statusCode).toBe(200);
    }
    for (const key of keys) {
      const refused = await host.inject({ url: '/connections', key });
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.message).toContain("with this workspace's API keys");
    }
    expect((await host.inject({ url: '/connections', key: await host.newKey('elsewhere') })).statusCode).toBe(
      200,
    );
  });

  it('authorize links: AUTHORIZE_LINKS_PER_MINUTE per key, so tickets and audit entries stay bounded', async () => {
    host = await startTestHost({
      PIPEDRIVE_CLIENT_ID: 'limits-client',
      PIPEDRIVE_CLIENT_SECRET: 'limits-client-secret-0123456789',
      AUTHORIZE_LINKS_PER_MINUTE: '3',
    });
    const key = await host.newKey('links');
    const statuses = [];
    for (let i = 0; i < 50; i++) {
      statuses.push((await host.inject({ method: 'POST', url: '/oauth/authorize-url', key })).statusCode);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(47);
    const tickets = host.store.sqlite.prepare('SELECT COUNT(*) AS n FROM oauth_tickets').get() as {
      n: number;
    };
    expect(tickets.n).toBe(3);
    const trail = (await host.inject({ url: '/audit?workspace_id=links' })).json().entries;
    expect(trail.filter((e: { action: string }) => e.action === 'oauth.start')).toHaveLength(3);
    // The key's other routes are still open.
    expect((await host.inject({ url: '/connections', key })).statusCode).toBe(200);
  });

  it('60 retries of one run by one key: at most KEY_REQUESTS_PER_MINUTE audit entries', async () => {
    host = await startTestHost({ KEY_REQUESTS_PER_MINUTE: '10' });
    await host.app.ready();
    const connectionId = await connect(host);
    const s = await subscribe(host, connectionId, 'new_deal');
    await deliver(host, s);
    const run = (await host.inject({ url: `/runs?subscription_id=${s.id}` })).json().runs[0];
    const key = await host.newKey('default');
    const statuses = [];
    for (let i = 0; i < 60; i++) {
      statuses.push((await host.inject({ method: 'POST', url: `/runs/${run.id}/retry`, key })).statusCode);
    }
    expect(statuses.filter((status) => status !== 429)).toHaveLength(10);
    const trail = (await host.inject({ url: '/audit?workspace_id=default&limit=1000' })).json().entries;
    expect(trail.filter((e: { action: string }) => e.action === 'run.retry')).toHaveLength(10);
  });

  it("Pipedrive's deliveries are never limited by it, while the keys are", async () => {
    host = await startTestHost({ KEY_REQUESTS_PER_MINUTE: '4', WORKSPACE_REQUESTS_PER_MINUTE: '4' });
    await host.app.ready();
    const connectionId = await connect(host);
    const s = await subscribe(host, connectionId, 'new_deal');
    // Two requests made the connection and the subscription: two more, and the key is spent.
    expect((await host.inject({ url: '/connections' })).statusCode).toBe(200);
    expect((await host.inject({ url: '/connections' })).statusCode).toBe(200);
    expect((await host.inject({ url: '/connections' })).statusCode).toBe(429);
    for (let i = 0; i < 30; i++) {
      const answer = await deliver(host, s, v2Payload({ id: `evt-${i}`, webhookId: s.webhookId }));
      expect(answer.statusCode, answer.body).toBe(200);
      expect(answer.headers['ratelimit-limit']).toBeUndefined();
    }
  });
});

describe('the OpenAPI document declares the limits (OWASP API4)', () => {
  it('every route with a key: 429 with Retry-After, and the RateLimit fields on each 2xx and 4xx answer', async () => {
    host = await startTestHost({
      PIPEDRIVE_CLIENT_ID: 'c',
      PIPEDRIVE_CLIENT_SECRET: 'client-secret-0123456789',
    });
    const doc = (await host.inject({ url: `${DOCS_PREFIX}/json`, key: null })).json() as {
      paths: Record<
        string,
        Record<
          string,
          { security?: object[]; responses: Record<string, { headers?: Record<string, unknown> }> }
        >
      >;
      components: { headers: Record<string, unknown> };
    };
    expect(Object.keys(doc.components.headers).sort()).toEqual([
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
      'Retry-After',
    ]);
    let routes = 0;
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const keyed = operation.security?.some((scheme) => 'apiKey' in scheme);
        const where = `${method.toUpperCase()} ${path}`;
        if (!keyed) {
          // Pipedrive's deliveries, the pages and the OAuth flow: not limited by keys, so nothing declared.
          for (const response of Object.values(operation.responses)) {
            expect(response.headers?.['RateLimit-Limit'], where).toBeUndefined();
          }
          continue;
        }
        routes += 1;
        expect(operation.responses['429']?.headers?.['Retry-After'], where).toBeDefined();
        for (const [status, response] of Object.entries(operation.responses)) {
          if (!/^[24]/.test(status)) continue;
          expect(Object.keys(response.headers ?? {}), `${where} ${status}`).toEqual(
            expect.arrayContaining(['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']),
          );
        }
      }
    }
    expect(routes).toBeGreaterThan(20);
    expect(doc.paths['/webhooks/pipedrive/{subscription_id}']?.post?.responses['429']).toBeUndefined();
  });
});

describe('retention of the audit trail and the OAuth tickets', () => {
  it('audit entries go AUDIT_RETENTION_DAYS after they were recorded; tickets an hour after they expired', async () => {
    host = await startTestHost({
      AUDIT_RETENTION_DAYS: '30',
      PIPEDRIVE_CLIENT_ID: 'retention-client',
      PIPEDRIVE_CLIENT_SECRET: 'retention-client-secret-0123456789',
    });
    expect((await host.inject({ method: 'POST', url: '/oauth/authorize-url' })).statusCode).toBe(201);
    const { sqlite } = host.store;
    const count = (table: string) =>
      (sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(count('audit')).toBe(1);
    expect(count('oauth_tickets')).toBe(1);
    // The link expires after 10 minutes: an hour and more later, its ticket goes; the audit entry stays.
    await host.app.host.retention.run(new Date(Date.now() + 2 * 60 * 60 * 1000));
    expect(count('oauth_tickets')).toBe(0);
    expect(count('audit')).toBe(1);
    await host.app.host.retention.run(new Date(Date.now() + 29 * DAY));
    expect(count('audit')).toBe(1);
    await host.app.host.retention.run(new Date(Date.now() + 31 * DAY));
    expect(count('audit')).toBe(0);
  });
});
