/**
 * Every operation's `sample` (the example input in the manifest), run through the host's HTTP API against a
 * local stand-in for Pipedrive, succeeds and reaches the endpoint of that operation (an upload's file given as
 * base64, as a sample has it; a download answered with the file itself).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../../operations/index.js';
import { startTestHost, type TestHost } from '../helpers/host.js';
import { type PipedriveStub, type StubRoute, startPipedriveStub } from '../helpers/pipedrive-stub.js';
import { SECRETS } from '../helpers/secrets.js';
import { allCases } from '../operations/index.js';

const TOKEN = SECRETS.samplesToken;

/** Routes from the operations' paths, most specific first (`/deals/archived` before `/deals/{id}`). */
function routes(): (StubRoute & { op: string })[] {
  const cases = new Map(allCases.map((c) => [c.op, c]));
  return operations
    .map((op) => ({
      op: op.name,
      // A raw operation (api_request) sends the method and path of its input.
      method: op.raw ? String(op.sample.method) : op.method,
      path: op.raw ? String(op.sample.path) : `${op.api === 'v1' ? '/v1' : '/api/v2'}${op.path}`,
      reply: cases.get(op.name)?.reply ?? { success: true, data: null },
      ...(cases.get(op.name)?.replyHeaders ? { headers: cases.get(op.name)?.replyHeaders } : {}),
    }))
    .sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0));
}

describe('every operation sample, through the host', () => {
  let stub: PipedriveStub;
  let host: TestHost;
  let connectionId: string;

  beforeAll(async () => {
    stub = await startPipedriveStub({ token: TOKEN, routes: routes() });
    host = await startTestHost({ PIPEDRIVE_API_URL: stub.url, LOG_LEVEL: 'warn' });
    const created = await host.inject({
      method: 'POST',
      url: '/connections',
      payload: { type: 'api_token', api_token: TOKEN },
    });
    expect(created.statusCode).toBe(201);
    connectionId = created.json().id;
  });

  afterAll(async () => {
    await host?.close();
    await stub?.close();
  });

  it.each(operations.map((op) => [op.name, op] as const))('%s', async (name, op) => {
    const before = stub.requests.length;
    const response = await host.inject({
      method: 'POST',
      url: `/operations/${name}`,
      payload: { connection_id: connectionId, input: op.sample },
    });
    expect(response.statusCode, response.body).toBe(200);
    if (op.answersFile) expect(response.headers['content-disposition']).toMatch(/^attachment; filename=/);
    else expect(response.json()).toHaveProperty('output');
    // Operations with custom fields also read the field definitions (once per connection, then cached).
    const fieldReads = /^\/api\/v2\/(deal|person|organization|product|project)Fields$/;
    const sent = stub.requests
      .slice(before)
      .filter((r) => !(op.customFields && r.method === 'GET' && fieldReads.test(r.path)));
    expect(sent.length).toBeGreaterThanOrEqual(1);
    const route = routes().find((r) => r.op === name) as StubRoute;
    const pattern = new RegExp(`^${route.path.replace(/\{\w+\}/g, '[^/]+')}$`);
    for (const request of sent) {
      expect(request.method).toBe(route.method);
      expect(request.path).toMatch(pattern);
      expect(request.headers['x-api-token']).toBe(TOKEN);
    }
  });
});
