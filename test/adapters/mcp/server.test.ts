import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { type CallToolResult, ErrorCode, McpError, type Tool } from '@modelcontextprotocol/sdk/types.js';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { buildTools, createMcpServer, DEFAULT_MAX_ITEMS } from '../../../adapters/mcp/index.js';
import { portableSchema } from '../../../adapters/mcp/portable.js';
import { USAGE_META } from '../../../adapters/mcp/server.js';
import connector, { ConnectorError } from '../../../index.js';
import type { JsonSchema } from '../../../runtime/json-schema.js';
import { deal, ok, page } from '../../fixtures/entities.js';
import { enumField } from '../../fixtures/fields.js';
import { webhooksWithSecrets } from '../../fixtures/webhooks.js';
import { API, TOKEN, tokenCtx } from '../../helpers/context.js';
import {
  ajv2020,
  caseOutput,
  coreToolNames,
  DISCOVERY,
  expectEveryTool,
  inMemoryClients,
  resourceBytes,
  toolError,
  toolOutput,
  unexpectedRequests,
} from '../../helpers/mcp.js';
import { checkCase } from '../../operations/harness.js';
import { allCases } from '../../operations/index.js';

/** Every tool, rather than the curated core. */
const ALL = { toolsets: ['all'] };

const connect = inMemoryClients();

const call = (client: Client, name: string, args: Record<string, unknown>) =>
  client.callTool({ name, arguments: args });

const manifestOp = (name: string) => connector.manifest.operations.find((op) => op.name === name);

describe('MCP tools from the manifest', () => {
  it('lists the curated core by default, and every operation and lookup with `all` (Ajv 2020 compiles each)', async () => {
    const core = await connect();
    const listed = (await core.listTools()).tools;
    expect(listed.map((t) => t.name)).toEqual(coreToolNames());
    // The core lists no output schemas (docs/decisions.md); its input schemas are the same as with `all`.
    expect(listed.filter((t) => t.outputSchema).map((t) => t.name)).toEqual(['find_operations']);
    const client = await connect(ALL);
    const { tools } = await client.listTools();
    expectEveryTool(tools);
    const lookup = tools.find((t) => t.name === 'lookup_stages') as Tool;
    expect(lookup.inputSchema).toEqual(
      portableSchema(
        (connector.manifest.lookups as { name: string; input_schema: JsonSchema }[]).find(
          (l) => l.name === 'stages',
        )?.input_schema as JsonSchema,
        'input',
      ),
    );
    for (const tool of listed) {
      expect(tool.inputSchema, tool.name).toEqual(tools.find((t) => t.name === tool.name)?.inputSchema);
    }
  }, 120_000); // Ajv compiles every tool schema: slow on a loaded machine

  it('describes each tool for a model: what, when, which lookup finds an ID, and an example input', async () => {
    const client = await connect(ALL);
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
    expect(tool('list_deals').description).toContain(
      'call again with `cursor` set to `additional_data.next_cursor`',
    );
    expect(tool('lookup_stages').description).toContain('Example input: {"pipeline_id":1,"search":"Acme"}');
    expect(tool('api_request').outputSchema).toMatchObject({ type: 'object', required: ['response'] });
  });

  it('says custom fields go by name wherever a tool takes them, as the manifest and `describe` do', async () => {
    const client = await connect(ALL);
    const { tools } = await client.listTools();
    // Values to write (an object); the reads' `custom_fields` is a list of keys to include.
    const withCustomFields = tools.filter(
      (t) => (t.inputSchema.properties?.custom_fields as { type?: unknown } | undefined)?.type === 'object',
    );
    // Adding and updating deals, persons, organizations, products, leads and activities at least.
    expect(withCustomFields.length).toBeGreaterThanOrEqual(10);
    for (const tool of withCustomFields) {
      const custom = tool.inputSchema.properties?.custom_fields as { description?: string };
      expect(custom.description, tool.name).toMatch(/^Custom field values by field name or key, e\.g\. /);
      expect(custom.description, tool.name).not.toContain('keyed by the field key');
      const manifest = manifestOp(tool.name)?.input_schema.properties as Record<
        string,
        { description?: string }
      >;
      expect(manifest.custom_fields?.description, tool.name).toBe(custom.description);
    }
  });

  it('annotates from the method: reads, adds, updates, deletes', async () => {
    const client = await connect(ALL);
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
    const client = await connect({ maxItems: 500, ...ALL });
    const validators = new Map(
      buildTools({ maxItems: 500, ...ALL })
        .filter((t) => t.definition.outputSchema)
        .map((t) => [t.definition.name, ajv2020().compile(t.definition.outputSchema as object)]),
    );
    for (const c of allCases) {
      await checkCase(c, async () => {
        const result = await client.callTool({ name: c.op, arguments: c.input });
        const output = toolOutput(result as never);
        const validate = validators.get(c.op);
        expect(validate?.(output), `${c.op}: ${JSON.stringify(validate?.errors)}`).toBe(true);
        return caseOutput(c, result as CallToolResult, output);
      });
    }
  }, 120_000); // every operation, one after the other

  it("api_request's raw answer comes back with every secret redacted (issue 21)", async () => {
    const client = await connect(ALL);
    const { answer, secrets } = webhooksWithSecrets();
    nock(API).get('/v1/webhooks').reply(200, answer);
    const result = await call(client, 'api_request', { method: 'GET', path: '/v1/webhooks' });
    const text = JSON.stringify(result);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(JSON.stringify(toolOutput(result as never).response)).toContain(
      '"http_auth_password":"[redacted]"',
    );
  });

  it('records carry custom_fields_by_name, which the outputSchema describes', async () => {
    nock(API)
      .get('/api/v2/dealFields')
      .query(true)
      .reply(200, page([enumField()]))
      .get('/api/v2/deals/101')
      .matchHeader('x-api-token', TOKEN)
      .reply(200, ok(deal(101)));
    const client = await connect(ALL);
    const output = toolOutput((await call(client, 'get_deal', { id: 101 })) as never);
    expect(output.data).toMatchObject({ id: 101, custom_fields_by_name: { Segment: 'Enterprise' } });
    const schema = buildTools(ALL).find((t) => t.definition.name === 'get_deal')?.definition.outputSchema;
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
      ...ALL,
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
      .reply(200, (req: Request) => {
        const { searchParams } = new URL(req.url);
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
    const sent = unexpectedRequests();
    const client = await connect();
    const results = await Promise.all([
      call(client, 'add_deal', { value: 'a lot' }),
      call(client, 'update_deal', { id: 1 }),
      call(client, 'get_deal', { id: 1, colour: 'red' }),
      call(client, 'lookup_users', { limit: 0 }),
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
    expect((await (await connect({ readOnly: true })).listTools()).tools.map((t) => t.name)).toEqual(
      coreToolNames(true),
    );
    const client = await connect({ readOnly: true, ...ALL });
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    const reads = connector.manifest.operations.filter((op) => op.method === 'GET').map((op) => op.name);
    expect(names.filter((n) => !n.startsWith('lookup_') && !DISCOVERY.includes(n))).toEqual(reads);
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
      ...DISCOVERY,
    ]);
    const refused = await client
      .callTool({ name: 'get_deal', arguments: { id: 1 } })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: ErrorCode.InvalidParams });
    expect(() => createMcpServer({ context: () => tokenCtx(), toolsets: ['stages', 'dealz'] })).toThrow(
      /Unknown toolset dealz\. Toolsets: core, all, activities, /,
    );
    // The core and a resource together; their tools listed once each.
    const both = await connect({ toolsets: ['core', 'deals'] });
    const names = (await both.listTools()).tools.map((t) => t.name);
    expect(names).toEqual([...new Set(names)]);
    expect(names).toEqual(
      expect.arrayContaining(['delete_deal', 'add_person', 'lookup_deals', ...DISCOVERY]),
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
      portableSchema(manifestOp('get_deal')?.input_schema as JsonSchema, 'input'),
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

describe('MCP files', () => {
  it('take a file as base64 in the arguments, and say how in the description', async () => {
    let sent = '';
    nock(API)
      .post('/v1/files')
      .reply(async (req: Request) => {
        sent = await req.text();
        return [200, ok({ id: 501, name: 'notes.txt' })];
      });
    const client = await connect({ toolsets: ['files'] });
    const { tools } = await client.listTools();
    expect(tools.find((t) => t.name === 'add_file')?.description).toContain('"base64"');
    const file = {
      name: 'notes.txt',
      type: 'text/plain',
      base64: Buffer.from('Call notes').toString('base64'),
    };
    const output = toolOutput((await call(client, 'add_file', { file, deal_id: 101 })) as never);
    expect(output).toMatchObject({ data: { id: 501 } });
    expect(sent).toContain('filename="notes.txt"');
    expect(sent).toContain('Call notes');
  });

  it('refuse a file over the base64 cap, naming the field, sending nothing', async () => {
    // Through the discovery pair of the default core, so the field is named under `input`.
    const client = await connect();
    const base64 = Buffer.alloc(600 * 1024).toString('base64');
    const input = { file: { base64 }, deal_id: 1 };
    const error = toolError((await call(client, 'run_operation', { name: 'add_file', input })) as never);
    expect(error.code).toBe('invalid_input');
    expect(error.details.issues?.map((i) => i.path)).toEqual(['input.file']);
    expect(error.details.max_bytes).toBe(512 * 1024);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('answer a small file as an embedded resource, a large one with its metadata and how to get it', async () => {
    const small = Buffer.from('%PDF-1.7 small');
    const large = Buffer.alloc(600 * 1024, 1);
    nock(API)
      .get('/v1/files/1/download')
      .reply(200, small, {
        'content-type': 'application/pdf',
        'content-disposition': 'attachment; filename="a.pdf"',
      })
      .get('/v1/files/2/download')
      .reply(200, large, {
        'content-type': 'application/zip',
        'content-disposition': 'attachment; filename="b.zip"',
        'content-length': String(large.length),
      });
    const client = await connect({ toolsets: ['files'] });
    const first = (await call(client, 'download_file', { id: 1 })) as CallToolResult;
    expect(toolOutput(first)).toEqual({ name: 'a.pdf', type: 'application/pdf', size: small.length });
    expect(first.content[1]).toMatchObject({
      type: 'resource',
      resource: { uri: 'pipedrive://files/a.pdf', mimeType: 'application/pdf' },
    });
    expect(resourceBytes(first).equals(small)).toBe(true);
    const second = (await call(client, 'download_file', { id: 2 })) as CallToolResult;
    expect(toolOutput(second)).toEqual({ name: 'b.zip', type: 'application/zip', size: large.length });
    expect(second.content.some((item) => item.type === 'resource')).toBe(false);
    expect((second.content[1] as { text: string }).text).toContain('--output');
  });
});
