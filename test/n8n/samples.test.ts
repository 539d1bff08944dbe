/**
 * Every operation's manifest sample as a one-node workflow run by n8n's engine, against a local stand-in for
 * Pipedrive: the node must send exactly the request the plugin API sends for the same input (method, path,
 * query, body; test/operations checks those requests field by field against Pipedrive's spec), with the token
 * in `x-api-token`, and give one n8n item per record.
 */

import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import connector, { isFileOutput } from '../../index.js';
import { allOperations, operations } from '../../operations/index.js';
import type { StubRequest, StubRoute } from '../helpers/pipedrive-stub.js';
import { allCases } from '../operations/index.js';
import { runWorkflow } from './harness.js';
import { API_CREDENTIAL, itemFor, LIMIT, N8N_TOKEN, NODE, parametersFor, setUpN8nTests } from './setup.js';

/** A reply as the last page: a list then ends after one request, in the plugin API and in n8n alike. */
function lastPage(reply: unknown): unknown {
  const copy = structuredClone(reply) as { additional_data?: Record<string, unknown> } | undefined;
  const more = copy?.additional_data;
  if (more && 'next_cursor' in more) more.next_cursor = null;
  const pagination = more?.pagination as Record<string, unknown> | undefined;
  if (pagination) pagination.more_items_in_collection = false;
  return copy;
}

function routes(): StubRoute[] {
  const replies = new Map(allCases.map((c) => [c.op, lastPage(c.reply)]));
  const headers = new Map(allCases.flatMap((c) => (c.replyHeaders ? [[c.op, c.replyHeaders]] : [])));
  return operations
    .map((op) => ({
      method: op.raw ? String(op.sample.method) : op.method,
      path: op.raw ? String(op.sample.path) : `${op.api === 'v1' ? '/v1' : '/api/v2'}${op.path}`,
      reply: replies.get(op.name) ?? { success: true, data: null },
      ...(headers.has(op.name) ? { headers: headers.get(op.name) } : {}),
    }))
    .sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0));
}

/** The requests to the operation itself (custom field definitions are read once per connection, then cached). */
function operationRequests(requests: StubRequest[]): StubRequest[] {
  return requests.filter(
    (r) =>
      !(
        r.method === 'GET' &&
        /^\/api\/v2\/\w+Fields$/.test(r.path) &&
        r.query.limit === '500' &&
        Object.keys(r.query).length === 1
      ),
  );
}

const shape = (r: StubRequest) => ({
  method: r.method,
  path: r.path,
  query: r.query,
  body: r.body,
  files: r.files,
});

describe('every operation sample, as a workflow in n8n', () => {
  const n8n = setUpN8nTests(() => routes());

  const manifestOps = connector.manifest.operations;
  it('covers every operation of the manifest', () => {
    // The request operations and the composed ones (find-or-create, upsert), which run the former.
    expect(manifestOps.map((op) => op.name).sort()).toEqual(allOperations.map((op) => op.name).sort());
  });

  it.each(manifestOps.map((op) => [op.name, op] as const))('%s', async (_name, op) => {
    const sample = op.sample as Record<string, unknown>;
    // What the plugin API sends for the sample (with n8n's Limit as the page size of a list).
    const direct = op.pagination ? { ...sample, limit: sample.limit ?? LIMIT } : sample;
    let before = n8n.stub.requests.length;
    const output = await connector.execute(op.name, direct, {
      auth: { type: 'api_token', apiToken: N8N_TOKEN, apiUrl: n8n.stub.url },
    });
    const expected = operationRequests(n8n.stub.requests.slice(before));
    expect(expected.length).toBeGreaterThanOrEqual(1);

    before = n8n.stub.requests.length;
    const result = await runWorkflow(
      n8n.harness,
      [{ type: NODE, credentials: API_CREDENTIAL, parameters: parametersFor(op, sample) }],
      [itemFor(op, sample)],
    );
    expect(result.error, result.error?.message).toBeUndefined();
    const sent = operationRequests(n8n.stub.requests.slice(before));
    expect(sent.map(shape)).toEqual(expected.map(shape));
    for (const request of sent) {
      expect(request.headers['x-api-token']).toBe(N8N_TOKEN);
      expect(request.headers.authorization).toBeUndefined();
    }
    // One item per record of a list (a bare value, such as a user ID, as `{ value }`); the record itself otherwise;
    // a file's name, type and size (its bytes in the item's binary data, test/n8n/files.test.ts).
    const data = (output as { data?: unknown }).data;
    const items = result.output['Node 0'] ?? [];
    if (isFileOutput(output)) {
      const { data: bytes, ...meta } = output;
      await buffer(bytes);
      expect(items.map((item) => item.json)).toEqual([meta]);
    } else if (op.pagination || Array.isArray(data)) {
      const records = (
        Array.isArray(data) ? data : ((data as { items?: unknown[] })?.items ?? [])
      ) as object[];
      // A record that is not an object (a permitted user's ID) is an item `{ value }`.
      const asItem = (r: unknown) => (r !== null && typeof r === 'object' ? r : { value: r });
      expect(items.map((item) => item.json)).toEqual(records.map(asItem));
    } else if (data && typeof data === 'object') {
      expect(items.map((item) => item.json)).toEqual([data]);
    } else {
      expect(items.map((item) => item.json)).toEqual([output]);
    }
    expect(JSON.stringify(result.run)).not.toContain(N8N_TOKEN);
  });
});
