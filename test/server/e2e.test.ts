import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deal, ok } from '../fixtures/entities.js';
import { startTestHost, type TestHost } from '../helpers/host.js';
import {
  type PipedriveStub,
  STUB_USER,
  type StubRequest,
  startPipedriveStub,
} from '../helpers/pipedrive-stub.js';
import { SECRETS } from '../helpers/secrets.js';

const TOKEN = SECRETS.e2eToken;

describe('host end to end, against a local Pipedrive stub', () => {
  let stub: PipedriveStub;
  let host: TestHost;
  let base: string;

  beforeAll(async () => {
    stub = await startPipedriveStub({
      token: TOKEN,
      routes: [
        { method: 'GET', path: '/api/v2/deals/{id}', reply: ok(deal(101)) },
        {
          method: 'POST',
          path: '/api/v2/deals',
          reply: (r: StubRequest) => ok(deal(102, r.body as Record<string, unknown>)),
        },
      ],
    });
    host = await startTestHost({ PIPEDRIVE_API_URL: stub.url });
    base = await host.app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await host?.close();
    await stub?.close();
  });

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${host.key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  it('serves /health and the manifest', async () => {
    expect(await call('GET', '/health')).toEqual({ status: 200, body: { status: 'ok' } });
    const manifest = await call('GET', '/manifest');
    expect(manifest.status).toBe(200);
    expect(manifest.body.operations.map((o: { name: string }) => o.name)).toContain('add_deal');
  });

  it('creates a connection (token checked with /v1/users/me), runs operations, deletes it', async () => {
    const created = await call('POST', '/connections', { type: 'api_token', api_token: TOKEN });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ type: 'api_token', user: STUB_USER });
    expect(JSON.stringify(created.body)).not.toContain(TOKEN);
    const id = created.body.id as string;
    const me = stub.requests.find((r) => r.path === '/v1/users/me');
    expect(me?.headers['x-api-token']).toBe(TOKEN);

    const got = await call('POST', '/operations/get_deal', { connection_id: id, input: { id: 101 } });
    expect(got).toEqual({ status: 200, body: { output: ok(deal(101)) } });

    const added = await call('POST', '/operations/add_deal', {
      connection_id: id,
      input: { title: 'From the host', value: '250' },
    });
    expect(added.status).toBe(200);
    expect(added.body.output.data).toMatchObject({ id: 102, title: 'From the host', value: 250 });
    const post = stub.requests.find((r) => r.method === 'POST' && r.path === '/api/v2/deals');
    expect(post?.body).toEqual({ title: 'From the host', value: 250 });

    const shown = await call('GET', `/connections/${id}`);
    expect(shown.status).toBe(200);
    expect(JSON.stringify(shown.body)).not.toContain(TOKEN);

    // The token is stored sealed: the database file never holds it in clear.
    const db = readFileSync(host.dbFile);
    const wal = readFileSync(`${host.dbFile}-wal`, { flag: 'a+' });
    expect(db.includes(TOKEN)).toBe(false);
    expect(wal.includes(TOKEN)).toBe(false);

    expect((await call('DELETE', `/connections/${id}`)).status).toBe(204);
    expect((await call('GET', `/connections/${id}`)).status).toBe(404);
    expect(host.logs()).not.toContain(TOKEN);
  });

  it('the same token added twice is one connection (200 the second time), in each workspace', async () => {
    const workspace = host.store.workspace('default');
    const first = await call('POST', '/connections', { type: 'api_token', api_token: TOKEN });
    expect(first.status).toBe(201);
    const count = (await workspace.listConnections()).length;
    const checks = stub.requests.filter((r) => r.path === '/v1/users/me').length;
    const again = await call('POST', '/connections', { type: 'api_token', api_token: TOKEN });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect((await workspace.listConnections()).length).toBe(count);
    // The token is still checked with Pipedrive first: a revoked one is not taken for the stored one.
    expect(stub.requests.filter((r) => r.path === '/v1/users/me').length).toBe(checks + 1);
    // Another workspace gets its own.
    const other = await host.newKey('e2e-other');
    const theirs = await fetch(`${base}/connections`, {
      method: 'POST',
      headers: host.headers(other),
      body: JSON.stringify({ type: 'api_token', api_token: TOKEN }),
    });
    expect(theirs.status).toBe(201);
    expect(((await theirs.json()) as { id: string }).id).not.toBe(first.body.id);
    expect((await call('DELETE', `/connections/${first.body.id}`)).status).toBe(204);
  });

  it('refuses a wrong token with 401 and stores nothing', async () => {
    const before = (await host.store.workspace('default').listConnections()).length;
    const refused = await call('POST', '/connections', { type: 'api_token', api_token: 'wrong-token' });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthorized');
    expect((await host.store.workspace('default').listConnections()).length).toBe(before);
  });

  it('answers bad input with invalid_input naming the field, before calling Pipedrive', async () => {
    const created = await call('POST', '/connections', { type: 'api_token', api_token: TOKEN });
    const count = stub.requests.length;
    const bad = await call('POST', '/operations/add_deal', {
      connection_id: created.body.id,
      input: { value: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_input', details: { issues: [{ path: 'title' }] } });
    expect(stub.requests.length).toBe(count);
    const unknown = await call('POST', '/operations/make_coffee', { connection_id: created.body.id });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('unknown_operation');
    const notJson = await fetch(`${base}/operations/get_deal`, {
      method: 'POST',
      headers: host.headers(),
      body: '{"connection_id":',
    });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
  });

  it('refuses api_url values that would send the token to another host', async () => {
    const refused = await call('POST', '/connections', {
      type: 'api_token',
      api_token: TOKEN,
      api_url: 'https://evil.example.com',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.issues[0].path).toBe('api_url');
    expect(stub.requests.some((r) => r.headers.host?.includes('evil'))).toBe(false);
  });
});
