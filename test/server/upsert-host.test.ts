/**
 * Find-or-create and the token budget on the host (issue 25): 20 concurrent `find_or_create_person` calls for one
 * e-mail add one person, through one host and through two host processes on one PostgreSQL, against a local
 * Pipedrive stub whose search never shows a person added during the test (Pipedrive's search index lags), so
 * that only the store's lock and its memory of the key keep the calls from adding more. The day's token usage
 * is then read from `GET /connections/:id/usage`, per connection and per company.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { page } from '../fixtures/entities.js';
import { person } from '../fixtures/persons.js';
import { startHostWithConnection, type TestHost } from '../helpers/host.js';
import {
  type PipedriveStub,
  STUB_USER,
  type StubRequest,
  type StubRoute,
  startPipedriveStub,
} from '../helpers/pipedrive-stub.js';
import { createDatabase } from '../helpers/postgres.js';
import { type HostProcess, pool, startHostPair } from '../helpers/process.js';
import { newSecretKey, SECRETS } from '../helpers/secrets.js';

/** What the stub's answers say of the company's daily budget: 85% used. */
const BUDGET = { 'x-daily-ratelimit-token-limit': '1000', 'x-daily-ratelimit-token-remaining': '150' };

/** Persons as Pipedrive keeps them: added ones are read by ID at once, but the search does not show them. */
function personRoutes(): StubRoute[] {
  const added = new Map<number, ReturnType<typeof person>>();
  let next = 900;
  return [
    // The custom person fields, read once per host to give the answer's custom fields by name (10 tokens).
    { method: 'GET', path: '/api/v2/personFields', headers: BUDGET, reply: page([]) },
    {
      method: 'GET',
      path: '/api/v2/persons/search',
      headers: BUDGET,
      reply: { success: true, data: { items: [] }, additional_data: { next_cursor: null } },
    },
    {
      method: 'POST',
      path: '/api/v2/persons',
      headers: BUDGET,
      reply: (r: StubRequest) => {
        const body = r.body as { name: string; emails: { value: string; primary: boolean }[] };
        const created = person(++next, { name: body.name, emails: body.emails, org_id: null });
        added.set(created.id, created);
        return { success: true, data: created };
      },
    },
    {
      method: 'GET',
      path: '/api/v2/persons/{id}',
      headers: BUDGET,
      reply: (r: StubRequest) => ({
        success: true,
        data: added.get(Number(r.path.split('/').pop())) ?? null,
      }),
    },
  ];
}

const adds = (stub: PipedriveStub) =>
  stub.requests.filter((r) => r.method === 'POST' && r.path === '/api/v2/persons');

type Output = { action: string; data: { id: number; emails: { value: string }[] } };

describe('find_or_create_person on one host', () => {
  let stub: PipedriveStub;
  let host: TestHost;
  afterAll(async () => {
    await host?.close();
    await stub?.close();
  });

  it('adds one person for 20 concurrent calls with one e-mail, and counts the tokens of the connection and company', async () => {
    stub = await startPipedriveStub({ token: SECRETS.hostToken, routes: personRoutes() });
    const started = await startHostWithConnection(stub.url, SECRETS.hostToken);
    host = started.host;
    const outputs = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const response = await host.inject({
          method: 'POST',
          url: '/operations/find_or_create_person',
          payload: {
            connection_id: started.connectionId,
            input: { email: 'one@example.com', name: 'One Person' },
          },
        });
        expect(response.statusCode).toBe(200);
        return response.json().output as Output;
      }),
    );
    expect(adds(stub).map((r) => r.body)).toEqual([
      { name: 'One Person', emails: [{ value: 'one@example.com', primary: true }] },
    ]);
    const id = outputs[0]?.data.id;
    expect(outputs.every((o) => o.data.id === id)).toBe(true);
    expect(outputs.filter((o) => o.action === 'created')).toHaveLength(1);
    expect(outputs.filter((o) => o.action === 'found')).toHaveLength(19);

    // One search (20 tokens), one add (5) and the field definitions (10): the others joined the first.
    const usage = await host.inject({ method: 'GET', url: `/connections/${started.connectionId}/usage` });
    expect(usage.statusCode).toBe(200);
    const body = usage.json();
    expect(body.connection).toMatchObject({
      tokens: 35,
      calls: 3,
      unpriced_calls: 0,
      budget: { limit: 1000, remaining: 150, requests_left: null },
      used_share: 0.85,
      state: 'low',
      slow_down: true,
    });
    expect(body.company).toMatchObject({
      company_id: STUB_USER.company_id,
      tokens: 35,
      calls: 3,
      state: 'low',
    });
    // The warning at 80%, once.
    const warnings = host
      .logs()
      .split('\n')
      .filter((line) => line.includes('daily token budget is 80% used'));
    expect(warnings).toHaveLength(1);
  });
});

describe('find_or_create_person on two hosts sharing PostgreSQL', () => {
  let stub: PipedriveStub;
  const hosts: HostProcess[] = [];
  afterAll(async () => {
    for (const host of hosts) await host.kill('SIGTERM');
    await stub?.close();
  });

  it('adds one person for 20 concurrent calls with one e-mail split over both hosts', async () => {
    stub = await startPipedriveStub({ token: SECRETS.multiHostToken, routes: personRoutes() });
    const env = {
      DATABASE_URL: await createDatabase(inject('postgresUrl'), 'upsert'),
      CONNECTOR_SECRET_KEY: newSecretKey(),
      PIPEDRIVE_API_URL: stub.url,
      PUBLIC_URL: 'https://hooks.example.com',
    };
    const [a, b] = await startHostPair(env);
    hosts.push(a, b);
    const post = (host: HostProcess, path: string, body: unknown) =>
      fetch(`${host.url}${path}`, { method: 'POST', headers: host.headers, body: JSON.stringify(body) });
    const connection = (await (
      await post(a, '/connections', { type: 'api_token', api_token: SECRETS.multiHostToken })
    ).json()) as { id: string };

    const outputs: Output[] = [];
    await pool(
      Array.from({ length: 20 }, (_, i) => i),
      20,
      async (i) => {
        const response = await post(i % 2 === 0 ? a : b, '/operations/find_or_create_person', {
          connection_id: connection.id,
          input: { email: 'shared@example.com', name: 'Shared' },
        });
        expect(response.status).toBe(200);
        outputs.push(((await response.json()) as { output: Output }).output);
      },
    );
    expect(adds(stub)).toHaveLength(1);
    const id = outputs[0]?.data.id;
    expect(outputs.every((o) => o.data.id === id)).toBe(true);
    expect(outputs.filter((o) => o.action === 'created')).toHaveLength(1);

    // Both hosts' calls in one count: the other host's leader read the remembered person (1 token) after the lock.
    const searches = stub.requests.filter((r) => r.path === '/api/v2/persons/search').length;
    const reads = stub.requests.filter(
      (r) => r.method === 'GET' && r.path.startsWith('/api/v2/persons/9'),
    ).length;
    const fieldReads = stub.requests.filter((r) => r.path === '/api/v2/personFields').length;
    // One search in all: the first leader searched and added; every later one (the other host's, after the
    // lock, or a call that came after its host's first flight ended) read the person the store remembered.
    expect(searches).toBe(1);
    expect(reads).toBeGreaterThanOrEqual(1);
    // A host writes its calls' usage off the calls' path, and only its own read waits for those writes: another
    // host's read sees them once written. Reading on a first waits for a's writes, then b's read has all.
    const usageOn = async (host: HostProcess) =>
      (await (
        await fetch(`${host.url}/connections/${connection.id}/usage`, { headers: host.headers })
      ).json()) as { connection: { tokens: number; calls: number }; company: { tokens: number } };
    await usageOn(a);
    const usage = await usageOn(b);
    expect(usage.connection).toMatchObject({
      tokens: searches * 20 + 5 + reads + fieldReads * 10,
      calls: searches + 1 + reads + fieldReads,
    });
    expect(usage.company.tokens).toBe(usage.connection.tokens);
  }, 90_000); // two host processes start: slow on a loaded machine
});
