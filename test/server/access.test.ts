import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from '../../server/access.js';
import { deal, ok } from '../fixtures/entities.js';
import { v2Payload } from '../fixtures/webhooks.js';
import { startTestHost, type TestHost } from '../helpers/host.js';
import { STUB_USER } from '../helpers/pipedrive-stub.js';
import { connect, deliver, PD, subscribe } from '../helpers/triggers.js';

/**
 * The access matrix, built from the host's own route table (`app.accessTable`, filled from each route's declared
 * access): every route is called with no key, a malformed key, a revoked key, another workspace's key and the
 * right key. Workspace routes answer 401, 401, 401, 404 (another workspace's resource is not found, exactly like
 * one that does not exist; lists answer with that workspace's own, empty, list) and success; admin routes answer
 * 403 to a key that is not an admin's, and to another workspace's admin key what a workspace admin may see of its
 * own workspace only (docs/decisions.md, "Roles"); the right key is a host operator's. A route the table below
 * does not describe fails the test, and so does a route without a declared access (the host refuses to start).
 */

interface Fixture {
  connectionId: string;
  subscriptionId: string;
  webhookId: number;
  user: string;
  password: string;
  runId: string;
  keyId: string;
}

interface Case {
  request(f: Fixture): InjectOptions;
  /** Pipedrive's answers for the successful call (nock), set up just before it. */
  pipedrive?(f: Fixture): void;
  /** The successful call's status. */
  status: number;
  /**
   * What another workspace's (or a non-admin) key gets: 404, 403, its own empty list (`own`), or what a check
   * says (the MCP endpoint answers in JSON-RPC).
   */
  other: 404 | 403 | 'own' | ((response: LightMyRequestResponse) => void);
  /** Admin and operator routes: what another workspace's admin key gets. */
  otherAdmin?: 404 | 403 | 'own';
}

const post = (url: string, payload: unknown = {}): InjectOptions => ({
  method: 'POST',
  url,
  payload: payload as object,
});

/** One case per `METHOD url` of the route table. Routes without keys (public, webhook, oauth) are below. */
const CASES: Record<string, Case> = {
  'GET /manifest': { request: () => ({ url: '/manifest' }), status: 200, other: 'own' },
  'POST /connections': {
    request: () =>
      post('/connections', { type: 'api_token', api_token: 'matrix-token-0123456789abcdef0123456789' }),
    pipedrive: () => nock(PD).get('/v1/users/me').reply(200, { success: true, data: STUB_USER }),
    status: 201,
    other: 'own',
  },
  'GET /connections': { request: () => ({ url: '/connections' }), status: 200, other: 'own' },
  'GET /connections/:id': {
    request: (f) => ({ url: `/connections/${f.connectionId}` }),
    status: 200,
    other: 404,
  },
  'GET /connections/:id/usage': {
    request: (f) => ({ url: `/connections/${f.connectionId}/usage` }),
    status: 200,
    other: 404,
  },
  'DELETE /connections/:id': {
    request: (f) => ({ method: 'DELETE', url: `/connections/${f.connectionId}` }),
    // A connection with subscriptions cannot be deleted: the matrix's fixture has one, so success is `conflict`
    // (the route looked the connection up in the key's workspace and found it).
    status: 409,
    other: 404,
  },
  'POST /oauth/authorize-url': { request: () => post('/oauth/authorize-url'), status: 201, other: 'own' },
  'GET /operations/:name/schema': {
    request: (f) => ({ url: `/operations/get_deal/schema?connection_id=${f.connectionId}` }),
    pipedrive: () =>
      nock(PD)
        .get('/api/v2/dealFields')
        .query(true)
        .reply(200, { success: true, data: [], additional_data: { next_cursor: null } }),
    status: 200,
    other: 404,
  },
  'POST /operations/:name': {
    request: (f) => post('/operations/get_deal', { connection_id: f.connectionId, input: { id: 101 } }),
    pipedrive: () =>
      nock(PD)
        .get('/api/v2/deals/101')
        .reply(200, ok(deal(101))),
    status: 200,
    other: 404,
  },
  'POST /lookups/:name': {
    request: (f) => post('/lookups/pipelines', { connection_id: f.connectionId, input: {} }),
    pipedrive: () =>
      nock(PD)
        .get('/api/v2/pipelines')
        .query(true)
        .reply(200, {
          success: true,
          data: [{ id: 1, name: 'Sales' }],
          additional_data: { next_cursor: null },
        }),
    status: 200,
    other: 404,
  },
  'POST /subscriptions': {
    request: (f) => post('/subscriptions', { connection_id: f.connectionId, trigger: 'new_deal' }),
    pipedrive: () =>
      nock(PD)
        .get('/v1/webhooks')
        .reply(200, { success: true, data: [] })
        .post('/v1/webhooks')
        .reply(201, { success: true, data: { id: 4299 } }),
    status: 201,
    other: 404,
  },
  'GET /subscriptions': { request: () => ({ url: '/subscriptions' }), status: 200, other: 'own' },
  'GET /subscriptions/:id': {
    request: (f) => ({ url: `/subscriptions/${f.subscriptionId}` }),
    status: 200,
    other: 404,
  },
  'DELETE /subscriptions/:id': {
    request: (f) => ({ method: 'DELETE', url: `/subscriptions/${f.subscriptionId}` }),
    pipedrive: (f) => nock(PD).delete(`/v1/webhooks/${f.webhookId}`).reply(200, { success: true }),
    status: 204,
    other: 404,
  },
  'POST /subscriptions/:id/check': {
    request: (f) => post(`/subscriptions/${f.subscriptionId}/check`),
    pipedrive: (f) =>
      nock(PD)
        .get('/v1/webhooks')
        .reply(200, { success: true, data: [{ id: f.webhookId, is_active: 1 }] }),
    status: 200,
    other: 404,
  },
  'GET /runs': { request: () => ({ url: '/runs' }), status: 200, other: 'own' },
  'GET /runs/:id': { request: (f) => ({ url: `/runs/${f.runId}` }), status: 200, other: 404 },
  'POST /runs/:id/retry': { request: (f) => post(`/runs/${f.runId}/retry`), status: 202, other: 404 },
  'GET /workspaces': { request: () => ({ url: '/workspaces' }), status: 200, other: 403, otherAdmin: 'own' },
  'POST /workspaces': {
    request: () => post('/workspaces', { id: 'matrix-new' }),
    status: 201,
    other: 403,
    otherAdmin: 403,
  },
  'GET /keys': { request: () => ({ url: '/keys' }), status: 200, other: 403, otherAdmin: 'own' },
  'POST /keys': {
    request: () => post('/keys', { workspace_id: 'matrix-keys' }),
    status: 201,
    other: 403,
    otherAdmin: 403,
  },
  'DELETE /keys/:id': {
    request: (f) => ({ method: 'DELETE', url: `/keys/${f.keyId}` }),
    status: 204,
    other: 403,
    otherAdmin: 404,
  },
  'GET /audit': { request: () => ({ url: '/audit' }), status: 200, other: 403, otherAdmin: 'own' },
  'POST /mcp': {
    request: (f) => ({
      method: 'POST',
      url: `/mcp?connection_id=${f.connectionId}`,
      headers: { accept: 'application/json, text/event-stream' },
      payload: {
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'get_deal', arguments: { id: 101 } },
      },
    }),
    pipedrive: () =>
      nock(PD)
        .get('/api/v2/deals/101')
        .reply(200, ok(deal(101))),
    status: 200,
    // JSON-RPC: the answer is 200, and the tool call's result is the connector's not_found.
    other: (response) => {
      expect(response.statusCode).toBe(200);
      const result = response.json().result;
      expect(result.isError).toBe(true);
      expect(JSON.parse(result.content[0].text).error.code).toBe('not_found');
    },
  },
  'GET /mcp': { request: () => ({ url: '/mcp' }), status: 405, other: (r) => expect(r.statusCode).toBe(405) },
  'DELETE /mcp': {
    request: () => ({ method: 'DELETE', url: '/mcp' }),
    status: 405,
    other: (r) => expect(r.statusCode).toBe(405),
  },
};

/** Routes that take no API key: what they answer whatever key is sent. */
const KEYLESS: Record<string, { request(f: Fixture): InjectOptions; status: number }> = {
  'GET /health': { request: () => ({ url: '/health' }), status: 200 },
  'GET /playground': { request: () => ({ url: '/playground' }), status: -1 },
  'GET /playground/:file': { request: () => ({ url: '/playground/app.css' }), status: -1 },
  // What MCP clients read after a 401 from /mcp: it says to use an API key, and holds no data.
  'GET /.well-known/oauth-protected-resource': {
    request: () => ({ url: '/.well-known/oauth-protected-resource' }),
    status: 200,
  },
  'GET /.well-known/oauth-protected-resource/mcp': {
    request: () => ({ url: '/.well-known/oauth-protected-resource/mcp' }),
    status: 200,
  },
  // Bound to a ticket and to the browser, not to keys: an unknown ticket, a callback without the flow's cookies.
  'GET /oauth/start': { request: () => ({ url: '/oauth/start?ticket=x' }), status: 400 },
  'GET /oauth/callback': { request: () => ({ url: '/oauth/callback?code=x&state=y' }), status: 400 },
  // Bound to the first start's one-time code, not to keys: an unknown code.
  'POST /signin': {
    request: () => ({ method: 'POST', url: '/signin', payload: JSON.stringify({ code: 'not-a-code' }) }),
    status: 400,
  },
  // API keys are not webhook credentials.
  'POST /webhooks/pipedrive/:subscription_id': {
    request: (f) => ({
      method: 'POST',
      url: `/webhooks/pipedrive/${f.subscriptionId}`,
      payload: JSON.stringify(v2Payload({ webhookId: f.webhookId })),
    }),
    status: 401,
  },
};

describe.each(['sqlite', 'postgres'] as const)(
  'access on %s: every route × {no key, malformed, revoked, another workspace, the right key}',
  (engine) => {
    let host: TestHost;
    let otherKey: string;
    let otherAdminKey: string;
    let revokedKey: string;

    beforeAll(async () => {
      host = await startTestHost(
        {
          PIPEDRIVE_API_URL: PD,
          PIPEDRIVE_CLIENT_ID: 'matrix-client',
          PIPEDRIVE_CLIENT_SECRET: 'matrix-client-secret-0123456789',
          // Hundreds of deliberate failures from one address: the limit of failed attempts has a test of its own.
          AUTH_FAILURES_PER_MINUTE: '100000',
        },
        { engine },
      );
      otherKey = await host.newKey('matrix-other');
      otherAdminKey = await host.newKey('matrix-other', true);
      revokedKey = await host.newKey('default', true);
      const revokedId = revokedKey.split('_')[1] as string;
      expect(await host.store.revokeApiKey(revokedId, new Date())).toBe(true);
    });

    afterAll(async () => {
      await host?.close();
    });

    /** A fresh connection, subscription, run and spare key in the default workspace. */
    const fixture = async (): Promise<Fixture> => {
      const connectionId = await connect(host);
      const s = await subscribe(host, connectionId, 'new_deal', {}, 4000 + Math.floor(Math.random() * 1000));
      const delivered = await deliver(host, s);
      expect(delivered.statusCode, delivered.body).toBe(200);
      const runs = (await host.inject({ url: `/runs?subscription_id=${s.id}` })).json().runs;
      const spare = await host.newKey('default');
      return {
        connectionId,
        subscriptionId: s.id,
        webhookId: s.webhookId,
        user: s.user,
        password: s.password,
        runId: runs[0].id,
        keyId: spare.split('_')[1] as string,
      };
    };

    const call = (request: InjectOptions, authorization: string | undefined) =>
      host.inject({
        ...request,
        headers: { ...(request.headers ?? {}), ...(authorization ? { authorization } : {}) },
        key: null,
      });

    const expectError = (response: LightMyRequestResponse, status: number, code: string) => {
      expect(response.statusCode, `${response.statusCode} ${response.body}`).toBe(status);
      expect(response.json().error.code).toBe(code);
    };

    it('every route declares its access, and the matrix describes every route', () => {
      const table = host.app.accessTable.filter((r) => !r.url.startsWith('/docs') && r.method !== 'OPTIONS');
      const described = new Set([...Object.keys(CASES), ...Object.keys(KEYLESS)]);
      const routes = table.map((r) => `${r.method} ${r.url}`);
      expect(
        routes.filter((r) => !described.has(r)),
        'routes the matrix does not describe',
      ).toEqual([]);
      expect(
        [...described].filter((r) => !routes.includes(r)),
        'described routes that do not exist',
      ).toEqual([]);
      const byAccess = (access: Access) =>
        table.filter((r) => r.access === access).map((r) => `${r.method} ${r.url}`);
      for (const route of byAccess('key')) expect(CASES[route]?.other, route).not.toBe(403);
      for (const route of [...byAccess('admin'), ...byAccess('operator')]) {
        expect(CASES[route]?.other, route).toBe(403);
        expect(CASES[route]?.otherAdmin, route).toBeDefined();
      }
      for (const route of byAccess('operator')) expect(CASES[route]?.otherAdmin, route).toBe(403);
      for (const route of [
        ...byAccess('public'),
        ...byAccess('oauth'),
        ...byAccess('signin'),
        ...byAccess('webhook'),
      ]) {
        expect(KEYLESS[route], route).toBeDefined();
      }
    });

    for (const [route, spec] of Object.entries(CASES)) {
      it(route, async () => {
        const f = await fixture();
        const request = spec.request(f);
        // Nothing of these reaches Pipedrive: nock has no answer for them, and would make the route fail.
        expectError(await call(request, undefined), 401, 'unauthorized');
        const missing = await call(request, undefined);
        expect(missing.headers['www-authenticate']).toMatch(/^Bearer realm=/);
        expectError(await call(request, 'Bearer not-a-key'), 401, 'unauthorized');
        expectError(
          await call(request, `Bearer pdk_${'a'.repeat(12)}_${'b'.repeat(43)}`),
          401,
          'unauthorized',
        );
        expectError(await call(request, `Bearer ${revokedKey}`), 401, 'unauthorized');
        expectError(
          await call(request, `Basic ${Buffer.from(`${f.user}:${f.password}`).toString('base64')}`),
          401,
          'unauthorized',
        );

        if (spec.other === 'own') spec.pipedrive?.(f);
        const other = await call(request, `Bearer ${otherKey}`);
        if (typeof spec.other === 'function') spec.other(other);
        else if (spec.other === 404) expectError(other, 404, 'not_found');
        else if (spec.other === 403) expectError(other, 403, 'forbidden');
        else {
          expect(other.statusCode, other.body).toBeLessThan(300);
          // Its own list: nothing of the default workspace's is in it.
          for (const id of [f.connectionId, f.subscriptionId, f.runId]) expect(other.body).not.toContain(id);
        }
        if (spec.otherAdmin !== undefined) {
          const admin = await call(request, `Bearer ${otherAdminKey}`);
          if (spec.otherAdmin === 404) expectError(admin, 404, 'not_found');
          else if (spec.otherAdmin === 403) expectError(admin, 403, 'forbidden');
          else {
            expect(admin.statusCode, admin.body).toBe(200);
            // Its own workspace's only: not a word of the default workspace's.
            expect(admin.body).not.toContain('"default"');
            expect(admin.body).not.toContain(f.keyId);
          }
        }
        expect(nock.pendingMocks()).toEqual([]);

        spec.pipedrive?.(f);
        const right = await call(request, `Bearer ${host.key}`);
        expect(right.statusCode, right.body).toBe(spec.status);
        expect(nock.isDone(), `Pipedrive calls not made: ${nock.pendingMocks()}`).toBe(true);
      });
    }

    for (const [route, spec] of Object.entries(KEYLESS)) {
      it(`${route} (no key needed)`, async () => {
        const f = await fixture();
        const request = spec.request(f);
        const answers = [];
        for (const authorization of [
          undefined,
          'Bearer not-a-key',
          `Bearer ${revokedKey}`,
          `Bearer ${otherKey}`,
          `Bearer ${host.key}`,
        ]) {
          answers.push((await call(request, authorization)).statusCode);
        }
        // The same answer whatever key is sent (the playground's files are 503 or 404 when the bundle is not built).
        expect(new Set(answers).size, String(answers)).toBe(1);
        if (spec.status !== -1) expect(answers[0]).toBe(spec.status);
        if (spec.status !== 401) expect(answers[0]).not.toBe(401);
      });
    }

    it('a failed key check does not reveal whether a resource exists', async () => {
      const f = await fixture();
      const real = await call({ url: `/connections/${f.connectionId}` }, 'Bearer nope');
      const none = await call({ url: '/connections/does-not-exist' }, 'Bearer nope');
      expect(real.statusCode).toBe(401);
      expect(real.body).toBe(none.body);
    });
  },
);
