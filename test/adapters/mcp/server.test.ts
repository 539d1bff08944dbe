import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ErrorCode, McpError, type Tool } from '@modelcontextprotocol/sdk/types.js';
import nock from 'nock';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import {
  buildTools,
  createMcpServer,
  DEFAULT_MAX_ITEMS,
  type McpServerOptions,
} from '../../../adapters/mcp/index.js';
import { USAGE_META } from '../../../adapters/mcp/server.js';
import connector, { ConnectorError } from '../../../index.js';
import { deal, ok, page } from '../../fixtures/entities.js';
import { enumField } from '../../fixtures/fields.js';
import { API, TOKEN, tokenCtx } from '../../helpers/context.js';
import { ajv2020, connectClient, expectEveryTool, toolError, toolOutput } from '../../helpers/mcp.js';
import { checkCase } from '../../operations/harness.js';
import { allCases } from '../../operations/index.js';

const clients: Client[] = [];

/** An MCP server of `options` (API token by default), and an SDK client on it that validates as 2020-12. */
async function connect(options: Partial<McpServerOptions> = {}): Promise<Client> {
  const server = createMcpServer({ context: () => tokenCtx(), ...options });
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = await connectClient(clientSide, '2020-12');
  clients.push(client);
  return client;
}

const call = (client: Client, name: string, args: Record<string, unknown>) =>
  client.callTool({ name, arguments: args });

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

const manifestOp = (name: string) => connector.manifest.operations.find((op) => op.name === name);

describe('MCP tools from the manifest', () => {
  it('lists every operation and lookup, with the manifest input schemas (Ajv 2020 compiles each)', async () => {
    const client = await connect();
    const { tools } = await client.listTools();
    expectEveryTool(tools);
    const lookup = tools.find((t) => t.name === 'lookup_stages') as Tool;
    expect(lookup.inputSchema).toEqual(
      (connector.manifest.lookups as { name: string; input_schema: unknown }[]).find(
        (l) => l.name === 'stages',
      )?.input_schema,
    );
  });

  it('describes each tool for a model: what, when, which lookup finds an ID, and an example input', async () => {
    const client = await connect();
    const { tools } = await client.listTools();
    const tool = (name: string) => tools.find((t) => t.name === name) as Tool;
    const add = tool('add_deal');
    expect(add.title).toBe('Add deal');
    expect(add.description).toContain(manifestOp('add_deal')?.description);
    expect(add.description).toContain('stage_id → lookup_stages');
    expect(add.description).toContain('owner_id → lookup_users');
    expect(add.description).toContain(`Example input: ${JSON.stringify(manifestOp('add_deal')?.sample)}`);
    expect(tool('get_deal').description).toContain('Find the `id` by name with lookup_deals.');
    expect(tool('list_deals').description).toContain(`at most ${DEFAULT_MAX_ITEMS} records`);
    expect(tool('lookup_stages').description).toContain('Example input: {"pipeline_id":1,"search":"Acme"}');
    expect(tool('api_request').outputSchema).toMatchObject({ type: 'object', required: ['response'] });
  });

  it('annotates from the method: reads, adds, updates, deletes', async () => {
    const client = await connect();
    const { tools } = await client.listTools();
    const hints = (name: string) => tools.find((t) => t.name === name)?.annotations;
    expect(hints('get_deal')).toEqual({ title: 'Get deal', readOnlyHint: true, openWorldHint: false });
    expect(hints('lookup_users')).toMatchObject({ readOnlyHint: true });
    expect(hints('add_deal')).toMatchObject({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
    });
    expect(hints('update_deal')).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
    });
    expect(hints('delete_deal')).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
    });
    expect(hints('api_request')).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    for (const op of connector.manifest.operations) {
      expect(hints(op.name)?.readOnlyHint, op.name).toBe(op.method === 'GET');
      expect(hints(op.name)?.title).toBe(op.title);
    }
    // Composed: find-or-create adds nothing the second time; an upsert may overwrite values.
    expect(hints('find_or_create_person')).toMatchObject({ destructiveHint: false, idempotentHint: true });
    expect(hints('upsert_deal')).toMatchObject({ destructiveHint: true, idempotentHint: true });
  });
});

describe('MCP tool calls', () => {
  it('every operation case sends its exact request as a tool call, and its output fits the outputSchema', async () => {
    // The cases' limits go up to 500: the bound is raised so that their requests stay exactly as written.
    const client = await connect({ maxItems: 500 });
    const validators = new Map(
      buildTools({ maxItems: 500 }).map((t) => [
        t.definition.name,
        ajv2020().compile(t.definition.outputSchema),
      ]),
    );
    for (const c of allCases) {
      await checkCase(c, async () => {
        const result = await client.callTool({ name: c.op, arguments: c.input });
        const output = toolOutput(result as never);
        const validate = validators.get(c.op);
        expect(validate?.(output), `${c.op}: ${JSON.stringify(validate?.errors)}`).toBe(true);
        return c.op === 'api_request' ? output.response : output;
      });
    }
  });

  it('records carry custom_fields_by_name, which the outputSchema describes', async () => {
    nock(API)
      .get('/api/v2/dealFields')
      .query(true)
      .reply(200, page([enumField()]))
      .get('/api/v2/deals/101')
      .matchHeader('x-api-token', TOKEN)
      .reply(200, ok(deal(101)));
    const client = await connect();
    const output = toolOutput((await call(client, 'get_deal', { id: 101 })) as never);
    expect(output.data).toMatchObject({ id: 101, custom_fields_by_name: { Segment: 'Enterprise' } });
    const schema = buildTools().find((t) => t.definition.name === 'get_deal')?.definition.outputSchema;
    const validate = ajv2020().compile(schema as object);
    expect(validate(output)).toBe(true);
    // The runtime's `warnings` (deprecated names) fit too; a record of the wrong type does not.
    expect(validate({ ...output, warnings: ['get_deal replaces get_deal_details'] })).toBe(true);
    expect(validate({ ...output, data: { id: 'one hundred and one' } })).toBe(false);
  });

  it("gives each call's token usage in the result's _meta, and to the session's own onUsage", async () => {
    const budget = { 'x-daily-ratelimit-token-limit': '1000', 'x-daily-ratelimit-token-remaining': '100' };
    nock(API)
      .get('/api/v2/dealFields')
      .query(true)
      .reply(200, page([enumField()]), budget)
      .get('/api/v2/deals/101')
      .matchHeader('x-api-token', TOKEN)
      .reply(200, ok(deal(101)), budget);
    const seen: string[] = [];
    const client = await connect({
      context: () => tokenCtx({ cacheKey: 'mcp-usage', onUsage: (usage) => seen.push(usage.request) }),
    });
    const result = await call(client, 'get_deal', { id: 101 });
    expect(result._meta?.[USAGE_META]).toEqual({
      tokens: 11,
      calls: 2,
      unpriced_calls: 0,
      budget: { limit: 1000, remaining: 100, requests_left: null, seen_at: expect.any(String) },
      used_share: 0.9,
      state: 'low',
      slow_down: true,
    });
    expect(seen).toEqual(['GET /api/v2/deals/{id}', 'GET /api/v2/dealFields']);
  });

  it('lists return one page with its cursor; return_all stops at the bound and says where to continue', async () => {
    const seen: Record<string, string>[] = [];
    const records = (from: number, count: number) => Array.from({ length: count }, (_, i) => deal(from + i));
    nock(API)
      .get('/api/v2/deals')
      .query((query) => {
        seen.push(query as Record<string, string>);
        return true;
      })
      .times(3)
      .reply(200, (uri) => {
        const { searchParams } = new URL(uri, API);
        const limit = Number(searchParams.get('limit') ?? 100);
        const at = Number(searchParams.get('cursor') ?? 0);
        return page(records(at + 1, limit), String(at + limit));
      });
    const client = await connect();

    const first = await call(client, 'list_deals', { status: 'open', limit: 2 });
    const one = toolOutput(first as never);
    expect((one.data as unknown[]).length).toBe(2);
    expect(one.additional_data).toEqual({ next_cursor: '2', has_more: true });
    expect(first.content).toContainEqual({
      type: 'text',
      text: 'More records remain: call list_deals again with the same input and "cursor": "2".',
    });

    const all = toolOutput(
      (await call(client, 'list_deals', { return_all: true, max_items: 100_000 })) as never,
    );
    expect((all.data as unknown[]).length).toBe(DEFAULT_MAX_ITEMS);
    expect(all.additional_data).toEqual({ next_cursor: String(DEFAULT_MAX_ITEMS), has_more: true });

    const big = toolOutput((await call(client, 'list_deals', { limit: 500 })) as never);
    expect((big.data as unknown[]).length).toBe(DEFAULT_MAX_ITEMS);

    expect(seen).toEqual([
      { status: 'open', limit: '2' },
      { limit: String(DEFAULT_MAX_ITEMS) },
      { limit: String(DEFAULT_MAX_ITEMS) },
    ]);
  });

  it('invalid input: a tool error with the code and the fields at fault, and nothing sent', async () => {
    const sent: string[] = [];
    const record = (request: { method: string; path: string }) =>
      sent.push(`${request.method} ${request.path}`);
    nock.emitter.on('no match', record);
    onTestFinished(() => {
      nock.emitter.off('no match', record);
    });
    const client = await connect();
    const results = await Promise.all([
      call(client, 'add_deal', { value: 'a lot' }),
      call(client, 'update_deal', { id: 1 }),
      call(client, 'get_deal', { id: 1, colour: 'red' }),
      call(client, 'lookup_stages', { limit: 0 }),
      call(client, 'list_deals', { limit: -1, return_all: 'yes' }),
    ]);
    const errors = results.map((r) => toolError(r as never));
    expect(errors.map((e) => e.code)).toEqual(Array(5).fill('invalid_input'));
    expect(errors[0]?.details.issues).toEqual([
      { path: 'title', message: 'is required' },
      { path: 'value', message: expect.stringContaining('number') },
    ]);
    expect(errors[0]?.message).toContain('title is required');
    expect(errors[1]?.details.issues).toEqual([{ path: '', message: 'no field to update' }]);
    expect(errors[2]?.details.issues).toEqual([
      { path: 'colour', message: 'is not a field of this operation' },
    ]);
    expect(errors[3]?.details.issues?.map((i) => i.path)).toEqual(['limit']);
    expect(errors[4]?.details.issues?.map((i) => i.path).sort()).toEqual(['limit', 'return_all']);
    expect(sent).toEqual([]);
  });

  it("Pipedrive's errors: a tool error with the connector's code and Pipedrive's message", async () => {
    const scope = nock(API)
      .get('/api/v2/deals/404')
      .reply(404, { success: false, error: 'Deal not found', error_info: 'Check the ID' });
    const client = await connect();
    const error = toolError((await call(client, 'get_deal', { id: 404 })) as never);
    scope.done();
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('Deal not found');
  });

  it('an unknown tool is a protocol error (-32602), as MCP says', async () => {
    const client = await connect();
    const refused = await client.callTool({ name: 'no_such_tool', arguments: {} }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(McpError);
    expect(refused).toMatchObject({
      code: ErrorCode.InvalidParams,
      message: expect.stringContaining('not found'),
    });
  });

  it('a failure that is not a ConnectorError says nothing of itself, and is logged', async () => {
    const logged: unknown[] = [];
    const logger = { debug() {}, info() {}, warn() {}, error: (obj: unknown) => logged.push(obj) };
    const client = await connect({
      context: () => {
        throw new Error('database password is hunter2');
      },
      logger,
    });
    const error = toolError((await call(client, 'get_deal', { id: 1 })) as never);
    expect(error.code).toBe('internal_error');
    expect(JSON.stringify(error)).not.toContain('hunter2');
    expect(logged).toHaveLength(1);
  });
});

describe('MCP session choices', () => {
  it('read-only: only reads are listed; a write cannot be called', async () => {
    const client = await connect({ readOnly: true });
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    const reads = connector.manifest.operations.filter((op) => op.method === 'GET').map((op) => op.name);
    expect(names.filter((n) => !n.startsWith('lookup_'))).toEqual(reads);
    expect(names).toContain('lookup_stages');
    expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
    const refused = await client
      .callTool({ name: 'delete_deal', arguments: { id: 1 } })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: ErrorCode.InvalidParams,
      message: expect.stringContaining('not found'),
    });
  });

  it('toolsets: the tools of those resources and the lookups that fill their IDs', async () => {
    const client = await connect({ toolsets: ['stages'] });
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual([
      'add_stage',
      'delete_stage',
      'get_stage',
      'list_stages',
      'update_stage',
      'lookup_pipelines',
      'lookup_stages',
    ]);
    const refused = await client
      .callTool({ name: 'get_deal', arguments: { id: 1 } })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: ErrorCode.InvalidParams });
    expect(() => createMcpServer({ context: () => tokenCtx(), toolsets: ['stages', 'dealz'] })).toThrow(
      /Unknown toolset dealz\. Toolsets: activities, /,
    );
  });

  it('a connection per call: connection_id is taken out and given to the context, which may refuse it', async () => {
    const asked: (string | undefined)[] = [];
    const client = await connect({
      connectionArgument: true,
      context: (connection) => {
        asked.push(connection);
        if (connection !== 'conn-mine')
          throw new ConnectorError('not_found', `Connection ${connection} not found.`);
        return tokenCtx();
      },
    });
    const { tools } = await client.listTools();
    const input = tools.find((t) => t.name === 'get_deal')?.inputSchema;
    expect(input?.properties).toHaveProperty('connection_id');
    expect(() => ajv2020().compile(input as object)).not.toThrow();

    const scope = nock(API)
      .get('/api/v2/deals/7')
      .matchHeader('x-api-token', TOKEN)
      .reply(200, ok(deal(7)));
    const mine = toolOutput((await call(client, 'get_deal', { id: 7, connection_id: 'conn-mine' })) as never);
    scope.done();
    expect(mine.data).toMatchObject({ id: 7 });

    const other = toolError(
      (await call(client, 'get_deal', { id: 7, connection_id: 'conn-other' })) as never,
    );
    expect(other).toMatchObject({ code: 'not_found', message: 'Connection conn-other not found.' });
    const none = toolError((await call(client, 'get_deal', { id: 7, connection_id: 42 })) as never);
    expect(none.details.issues).toEqual([{ path: 'connection_id', message: 'must be a non-empty string' }]);
    expect(asked).toEqual(['conn-mine', 'conn-other']);
  });

  it('a connection fixed by the session: tools take no connection_id', async () => {
    const asked: (string | undefined)[] = [];
    const client = await connect({
      connection: 'conn-fixed',
      connectionArgument: true,
      context: (connection) => {
        asked.push(connection);
        return tokenCtx();
      },
    });
    const { tools } = await client.listTools();
    expect(tools.find((t) => t.name === 'get_deal')?.inputSchema).toEqual(
      manifestOp('get_deal')?.input_schema,
    );
    const error = toolError(
      (await call(client, 'get_deal', { id: 7, connection_id: 'conn-other' })) as never,
    );
    expect(error.details.issues).toEqual([
      { path: 'connection_id', message: 'is not a field of this operation' },
    ]);
    expect(asked).toEqual(['conn-fixed']);
  });
});
