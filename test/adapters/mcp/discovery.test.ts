/**
 * The default tool list (the curated core) and the discovery pair, through the SDK's client: the core stays
 * within its bounds, find_operations finds every operation of the manifest and run_operation runs every one of
 * them with its input checked by that operation's schema, and read-only and toolsets hold there too.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { CORE_LOOKUPS, CORE_OPERATIONS } from '../../../adapters/mcp/core.js';
import { searchOperations } from '../../../adapters/mcp/discovery.js';
import { portableSchema } from '../../../adapters/mcp/portable.js';
import connector from '../../../index.js';
import { deal, page } from '../../fixtures/entities.js';
import { API, TOKEN } from '../../helpers/context.js';
import {
  caseOutput,
  coreToolNames,
  DISCOVERY,
  inMemoryClients,
  toolError,
  toolOutput,
  unexpectedRequests,
} from '../../helpers/mcp.js';
import { checkCase } from '../../operations/harness.js';
import { allCases } from '../../operations/index.js';

const MAX_TOOLS = 40;
const MAX_LIST_BYTES = 64 * 1024;

const connect = inMemoryClients();

const find = async (client: Client, args: Record<string, unknown>) =>
  toolOutput((await client.callTool({ name: 'find_operations', arguments: args })) as never) as {
    operations: { name: string; resource: string; method: string; input_schema?: unknown }[];
    total: number;
    resources?: { resource: string; operations: number }[];
  };

const run = (client: Client, name: string, input?: unknown) =>
  client.callTool({ name: 'run_operation', arguments: { name, ...(input === undefined ? {} : { input }) } });

const operations = connector.manifest.operations;

describe('the default tool list: the curated core', () => {
  it('names operations and lookups of the manifest only', () => {
    const names = new Set(operations.map((op) => op.name));
    expect(CORE_OPERATIONS.filter((name) => !names.has(name))).toEqual([]);
    const lookups = new Set((connector.manifest.lookups as { name: string }[]).map((l) => l.name));
    expect(CORE_LOOKUPS.filter((name) => !lookups.has(name))).toEqual([]);
  });

  it.each([
    ['', {}],
    [' (read-only)', { readOnly: true }],
    [' (a connection per call)', { connectionArgument: true }],
  ])(`tools/list%s holds at most ${MAX_TOOLS} tools and ${MAX_LIST_BYTES / 1024} kB`, async (_, choices) => {
    const client = await connect(choices);
    const answer = await client.listTools();
    expect(answer.tools.map((t) => t.name)).toEqual(coreToolNames('readOnly' in choices));
    expect(answer.tools.length).toBeLessThanOrEqual(MAX_TOOLS);
    expect(Buffer.byteLength(JSON.stringify(answer))).toBeLessThanOrEqual(MAX_LIST_BYTES);
  });
});

describe('find_operations', () => {
  it('finds every operation of the manifest by its name, first, with its input schema on request', async () => {
    const client = await connect();
    for (const op of operations) {
      const found = await find(client, { query: op.name, include_input_schema: true, limit: 1 });
      expect(found.operations[0]?.name, op.name).toBe(op.name);
      expect(found.operations[0]).toMatchObject({
        resource: op.resource,
        method: op.method,
        title: op.title,
      });
      expect(found.operations[0]?.input_schema).toEqual(portableSchema(op.input_schema, 'input'));
    }
  });

  it('finds by words as people say them: plurals, synonyms, parts of words, and narrows by resource', async () => {
    const client = await connect();
    const names = async (args: Record<string, unknown>) =>
      (await find(client, { limit: 50, ...args })).operations.map((o) => o.name);
    expect((await names({ query: 'deal followers' }))[0]).toMatch(/deal_follower/);
    expect(await names({ query: 'create company' })).toContain('add_organization');
    expect((await names({ query: 'people' })).slice(0, 3)).toEqual(
      expect.arrayContaining([expect.stringMatching(/person/)]),
    );
    expect(await names({ query: 'instal' })).toEqual(expect.arrayContaining(['add_installment']));
    const stages = await names({ resource: 'stages' });
    expect(stages.sort()).toEqual(
      operations
        .filter((o) => o.resource === 'stages')
        .map((o) => o.name)
        .sort(),
    );
    expect(await names({ query: 'xyzzy plugh' })).toEqual([]);
    // Words that match nothing do not drown the ones that do.
    expect((await names({ query: 'how do I add a deal product please' }))[0]).toBe('add_deal_product');
    // Without the input schemas unless asked for; the cost in Pipedrive's tokens when the manifest has it.
    const one = (await find(client, { query: 'get_deal', limit: 1 })).operations[0] as Record<
      string,
      unknown
    >;
    expect(one).not.toHaveProperty('input_schema');
    const cost = (operations.find((o) => o.name === 'get_deal') as { token_cost?: unknown }).token_cost;
    if (typeof cost === 'number') expect(one.token_cost).toBe(cost);
  });

  it('without a query or resource: every resource with its count', async () => {
    const client = await connect();
    const found = await find(client, {});
    expect(found.total).toBe(operations.length);
    expect(found.resources?.reduce((sum, r) => sum + r.operations, 0)).toBe(operations.length);
    expect(found.resources?.map((r) => r.resource)).toEqual(
      [...new Set(operations.map((o) => o.resource))].sort(),
    );
  });

  it('refuses bad arguments naming them, and needs no connection', async () => {
    const client = await connect({
      connectionArgument: true,
      context: () => {
        throw new Error('find_operations asked for a connection');
      },
    });
    const bad = await Promise.all(
      [
        { limit: 0 },
        { resource: 'dealz' },
        { query: 3 },
        { include_input_schema: 'yes' },
        { colour: 'red' },
      ].map(async (args) =>
        toolError((await client.callTool({ name: 'find_operations', arguments: args })) as never),
      ),
    );
    expect(bad.map((e) => e.details.issues?.[0]?.path)).toEqual([
      'limit',
      'resource',
      'query',
      'include_input_schema',
      'colour',
    ]);
    expect((await find(client, { query: 'list deals' })).operations[0]?.name).toBe('list_deals');
  });

  it('in a read-only session finds only operations that read', async () => {
    const client = await connect({ readOnly: true });
    const found = await find(client, { limit: 50, query: 'deal' });
    expect(found.operations.length).toBeGreaterThan(0);
    expect(found.operations.every((o) => o.method === 'GET')).toBe(true);
    expect((await find(client, {})).total).toBe(operations.filter((o) => o.method === 'GET').length);
  });
});

describe('run_operation', () => {
  it('runs every operation of the manifest: its exact request, its output', async () => {
    // The cases' limits go up to 500: the bound is raised so that their requests stay exactly as written.
    const client = await connect({ maxItems: 500 });
    const covered = new Set(allCases.map((c) => c.op));
    // Composed operations (find-or-create, upsert) make several requests, so they have no one-request case:
    // test/operations/upsert.test.ts runs them, and the next test runs one through run_operation.
    const requests = operations.filter((op) => !('steps' in op));
    expect(requests.map((op) => op.name).filter((name) => !covered.has(name))).toEqual([]);
    for (const c of allCases) {
      await checkCase(c, async () => {
        const result = (await run(client, c.op, c.input)) as CallToolResult;
        return caseOutput(c, result, toolOutput(result));
      });
    }
  }, 120_000); // every operation, one after the other

  it('runs a composed operation (find_or_create_person): its exact requests, its output', async () => {
    const client = await connect();
    const scope = nock(API)
      .matchHeader('x-api-token', TOKEN)
      .get('/api/v2/persons/search')
      .query({ term: 'agent@example.com', fields: 'email', exact_match: 'true', limit: '500' })
      .reply(200, { success: true, data: { items: [] }, additional_data: { next_cursor: null } })
      .post('/api/v2/persons', { name: 'Agent', emails: [{ value: 'agent@example.com', primary: true }] })
      .reply(200, {
        success: true,
        data: { id: 77, name: 'Agent', emails: [{ value: 'agent@example.com' }] },
      })
      .get('/api/v2/personFields')
      .query({ limit: '500' })
      .reply(200, page([]));
    const result = (await run(client, 'find_or_create_person', {
      email: 'agent@example.com',
      name: 'Agent',
    })) as CallToolResult;
    expect(toolOutput(result)).toMatchObject({ action: 'created', data: { id: 77, name: 'Agent' } });
    scope.done();
  });

  it("checks the input against every operation's own schema: the field named under input, nothing sent", async () => {
    const sent = unexpectedRequests();
    const client = await connect();
    for (const op of operations) {
      const error = toolError((await run(client, op.name, { ...op.sample, colour_of_sky: 'blue' })) as never);
      expect(error.code, op.name).toBe('invalid_input');
      expect(error.details.issues, op.name).toEqual([
        { path: 'input.colour_of_sky', message: 'is not a field of this operation' },
      ]);
    }
    const missing = toolError((await run(client, 'add_deal', { value: 'a lot' })) as never);
    expect(missing.details.issues?.map((i) => i.path)).toEqual(['input.title', 'input.value']);
    expect(sent).toEqual([]);
  });

  it('refuses what is not an operation, naming the argument, with the names it may have meant', async () => {
    const sent = unexpectedRequests();
    const client = await connect();
    const unknown = toolError((await run(client, 'get_deals')) as never);
    expect(unknown.details.issues).toEqual([{ path: 'name', message: expect.stringContaining('get_deal') }]);
    const v42 = toolError((await run(client, 'create_deal', { title: 'x' })) as never);
    expect(v42.details.issues?.[0]?.path).toBe('name');
    const notObject = toolError((await run(client, 'get_deal', [1])) as never);
    expect(notObject.details.issues).toEqual([{ path: 'input', message: expect.stringContaining('object') }]);
    const extra = toolError(
      (await client.callTool({ name: 'run_operation', arguments: { name: 'get_deal', id: 1 } })) as never,
    );
    expect(extra.details.issues?.[0]?.path).toBe('id');
    expect(sent).toEqual([]);
  });

  it('a list: one page, bounded, and says how to go on with run_operation', async () => {
    const scope = nock(API)
      .get('/api/v2/deals')
      .query({ status: 'open', limit: '200' })
      .matchHeader('x-api-token', TOKEN)
      .reply(200, page([deal(1), deal(2)], 'c2'));
    const client = await connect();
    const result = await run(client, 'list_deals', { status: ['open'], limit: 1000 });
    scope.done();
    expect((toolOutput(result as never).data as unknown[]).length).toBe(2);
    expect(result.content).toContainEqual({
      type: 'text',
      text: 'More records remain: call run_operation again with the same name and input, with "cursor": "c2" in the input.',
    });
  });

  it('read-only: every write is refused before anything is sent, every read passes the gate', async () => {
    const sent = unexpectedRequests();
    const client = await connect({ readOnly: true });
    for (const op of operations) {
      const error = toolError((await run(client, op.name, { ...op.sample, colour_of_sky: 'blue' })) as never);
      if (op.method === 'GET') {
        expect(error.details.issues?.[0]?.path, op.name).toBe('input.colour_of_sky');
      } else {
        expect(error.details.issues, op.name).toEqual([
          { path: 'name', message: expect.stringContaining('this session is read-only') },
        ]);
      }
    }
    const listed = (await client.listTools()).tools.find((t) => t.name === 'run_operation');
    expect(listed?.annotations?.readOnlyHint).toBe(true);
    expect(sent).toEqual([]);
  });

  it('toolsets: the pair is listed with any toolset, and reaches beyond it', async () => {
    const client = await connect({ toolsets: ['stages'] });
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names.slice(-2)).toEqual(DISCOVERY);
    const scope = nock(API)
      .get('/api/v2/deals/7')
      .reply(200, { success: true, data: deal(7) });
    expect(toolOutput((await run(client, 'get_deal', { id: 7 })) as never).data).toMatchObject({ id: 7 });
    scope.done();
  });
});

describe('the search behind find_operations', () => {
  it('ranks an exact name first, then more matched words, then where they match', () => {
    const names = (query: string) => searchOperations(connector.manifest, { query }).map((op) => op.name);
    expect(names('list_deals')[0]).toBe('list_deals');
    expect(names('update person')[0]).toBe('update_person');
    expect(names('activities')).toEqual(expect.arrayContaining(['list_activities', 'add_activity']));
  });
});
