import { spawn } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { handleMcpHttp } from '../../../adapters/mcp/index.js';
import connector, { type CallContext, ConnectorError } from '../../../index.js';
import { page } from '../../fixtures/entities.js';
import { startHostWithConnection } from '../../helpers/host.js';
import {
  compile2020,
  connectClient,
  coreToolNames,
  expectEveryTool,
  STAGE_READS,
  toolError,
  toolOutput,
} from '../../helpers/mcp.js';
import { dealRoutes, type PipedriveStub, startPipedriveStub } from '../../helpers/pipedrive-stub.js';
import { captureHostOutput, SECRETS } from '../../helpers/secrets.js';

const TOKEN = SECRETS.mcpToken;
const KEY = SECRETS.mcpApiKey;
/** The package's bin as installed (it runs dist/, compiled once by test/global-setup.ts): each process starts faster
 * than through tsx. test/server/cli.test.ts and start.test.ts spawn the checkout's bin (from source). */
const BIN = inject('installedBin');

interface Choices {
  readOnly?: boolean;
  toolsets?: string[];
}

let stub: PipedriveStub;
let http: Server;
let httpUrl: string;
const clients: Client[] = [];
const transportErrors: Error[] = [];

const sent = (method: string, path: string) =>
  stub.requests.filter((r) => r.method === method && r.path === path);

/** The environment of a spawned `pipedrive-connector mcp`: the stub as Pipedrive. */
function cliEnv(env: Record<string, string> = {}): Record<string, string> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return { ...base, PIPEDRIVE_API_TOKEN: TOKEN, PIPEDRIVE_API_URL: stub.url, ...env };
}

/** `pipedrive-connector mcp` spawned through the package bin, with the SDK's stdio client transport. */
async function stdioClient(choices: Choices, args: string[] = [], env: Record<string, string> = {}) {
  const flags = [
    ...(choices.readOnly ? ['--read-only'] : []),
    ...(choices.toolsets ? ['--toolsets', choices.toolsets.join(',')] : []),
  ];
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp', ...flags, ...args],
    env: cliEnv(env),
    stderr: 'pipe',
  });
  let text = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  captureHostOutput(`the stderr of pipedrive-connector mcp ${flags.join(' ')}`, () => text);
  const client = await connectClient(transport, undefined, transportErrors);
  clients.push(client);
  return client;
}

/** The test's HTTP server at /mcp, with the session's choices as query parameters (or headers). */
async function httpClient(choices: Choices, connection = 'conn-acme', asHeaders = false) {
  const url = new URL(`${httpUrl}/mcp`);
  const headers: Record<string, string> = { authorization: `Bearer ${KEY}` };
  const set = (query: string, header: string, value: string) => {
    if (asHeaders) headers[header] = value;
    else url.searchParams.set(query, value);
  };
  if (choices.readOnly) set('read_only', 'x-pipedrive-read-only', 'true');
  if (choices.toolsets) set('toolsets', 'x-pipedrive-toolsets', choices.toolsets.join(','));
  if (connection) set('connection_id', 'x-pipedrive-connection', connection);
  const transport = new StreamableHTTPClientTransport(url, { requestInit: { headers } });
  const client = await connectClient(transport, '2020-12', transportErrors);
  clients.push(client);
  return client;
}

// ---------- the test's host: API keys of workspaces, each with its connections ----------

const WORKSPACES: Record<string, { name: string; readOnly?: boolean }> = {
  [KEY]: { name: 'acme' },
  [`${KEY}-readers`]: { name: 'acme', readOnly: true },
};
const CONNECTIONS: Record<string, string> = { 'conn-acme': 'acme', 'conn-globex': 'globex' };

/** What the host passes as `context`: connections of the key's workspace, the others as if they did not exist. */
function workspaceContext(workspace: string) {
  return (connection: string | undefined): CallContext => {
    if (connection === undefined) {
      throw new ConnectorError('invalid_input', 'Name the connection: connection_id.', {
        issues: [{ path: 'connection_id', message: 'is required' }],
      });
    }
    if (CONNECTIONS[connection] !== workspace) {
      throw new ConnectorError('not_found', `Connection ${connection} not found.`, {
        connection_id: connection,
      });
    }
    return { auth: { type: 'api_token', apiToken: TOKEN, apiUrl: stub.url }, cacheKey: connection };
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

// Real sockets only (Pipedrive is a local stub here): through nock 15 the HTTP client's calls to the test's server
// were reset now and then (ECONNRESET, two runs of two), never without it.
beforeAll(() => {
  nock.restore();
});

beforeAll(async () => {
  stub = await startPipedriveStub({
    token: TOKEN,
    routes: [
      ...dealRoutes(),
      { method: 'GET', path: '/api/v2/stages', reply: page([{ id: 3, name: 'Proposal', pipeline_id: 1 }]) },
    ],
  });
  http = createServer((req, res) => {
    const workspace = WORKSPACES[(req.headers.authorization ?? '').replace(/^Bearer /, '')];
    if (!workspace) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"code":"unauthorized"}}');
      return;
    }
    readJson(req)
      .then((body) =>
        handleMcpHttp(req, res, body, {
          context: workspaceContext(workspace.name),
          readOnly: workspace.readOnly === true,
        }),
      )
      .catch((error: Error) => {
        res.writeHead(500).end(error.message);
      });
  });
  // The client compiles every tool's output schema (Ajv) when it lists them, blocking this process for seconds on a
  // busy machine; Node's 5 s default would close the idle keep-alive connection under the client's next request.
  http.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  httpUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  nock.activate();
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await new Promise<void>((resolve) => http?.close(() => resolve()));
  await stub?.close();
  // Nothing but JSON-RPC messages came on stdout (a stray line would be a transport error).
  expect(transportErrors).toEqual([]);
});

describe.each([
  { transport: 'stdio', connect: (choices: Choices) => stdioClient(choices) },
  { transport: 'Streamable HTTP', connect: (choices: Choices) => httpClient(choices) },
])('MCP over $transport, against a local Pipedrive stub', { timeout: 60_000 }, ({ connect }) => {
  let client: Client;
  let all: Client;
  let deals: Client;
  let readOnly: Client;
  let stages: Client;

  // A client for each set of choices the tests use, connected at once: over stdio each is a process of its own
  // (Node loading the connector, seconds of CPU), and five of them one after the other were most of this block.
  beforeAll(async () => {
    [client, all, deals, readOnly, stages] = await Promise.all([
      connect({}),
      connect({ toolsets: ['all'] }),
      connect({ toolsets: ['deals'] }),
      connect({ readOnly: true }),
      connect({ toolsets: ['stages'], readOnly: true }),
    ]);
  }, 120_000);

  it('lists the curated core by default, and every operation and lookup with `all` (Ajv 2020 compiles each)', async () => {
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(coreToolNames());
    expectEveryTool((await all.listTools()).tools);
  });

  it('a read: its exact request, and structuredContent that the client validated against outputSchema', async () => {
    const before = sent('GET', '/api/v2/deals/101').length;
    const result = await client.callTool({ name: 'get_deal', arguments: { id: 101 } });
    const output = toolOutput(result as never);
    expect(output).toMatchObject({
      success: true,
      data: { id: 101, title: 'Acme renewal 2026', custom_fields_by_name: { Segment: 'Enterprise' } },
    });
    const requests = sent('GET', '/api/v2/deals/101').slice(before);
    expect(requests.map((r) => [r.query, r.body, r.headers['x-api-token']])).toEqual([
      [{}, undefined, TOKEN],
    ]);
    expect(toolOutput((await deals.callTool({ name: 'get_deal', arguments: { id: 101 } })) as never)).toEqual(
      output,
    );
    const { tools } = await deals.listTools();
    const schema = tools.find((t) => t.name === 'get_deal')?.outputSchema;
    expect(compile2020(schema as object)(output)).toBe(true);
  });

  it('a write: its exact request and body', async () => {
    const before = sent('POST', '/api/v2/deals').length;
    const result = await client.callTool({
      name: 'add_deal',
      arguments: { title: 'From an agent', value: '250', status: 'open' },
    });
    expect(toolOutput(result as never).data).toMatchObject({ id: 102, title: 'From an agent', value: 250 });
    const requests = sent('POST', '/api/v2/deals').slice(before);
    expect(requests.map((r) => [r.query, r.body, r.headers['x-api-token']])).toEqual([
      [{}, { title: 'From an agent', value: 250, status: 'open' }, TOKEN],
    ]);
  });

  it('invalid input: a tool error naming the field, and nothing sent', async () => {
    const before = stub.requests.length;
    const result = await client.callTool({ name: 'add_deal', arguments: { value: 5, stage_id: 'second' } });
    const error = toolError(result as never);
    expect(error.code).toBe('invalid_input');
    expect(error.details.issues?.map((i) => i.path)).toEqual(['title', 'stage_id']);
    expect(stub.requests.length).toBe(before);
  });

  it('read-only: writes are neither listed nor callable', async () => {
    const { tools } = await readOnly.listTools();
    expect(tools.map((t) => t.name)).toEqual(coreToolNames(true));
    const before = stub.requests.length;
    const refused = await readOnly.callTool({ name: 'add_deal', arguments: { title: 'No' } }).catch((e) => e);
    expect(refused).toMatchObject({
      code: ErrorCode.InvalidParams,
      message: expect.stringContaining('not found'),
    });
    // Nor through run_operation.
    const run = toolError(
      (await readOnly.callTool({
        name: 'run_operation',
        arguments: { name: 'add_deal', input: { title: 'No' } },
      })) as never,
    );
    expect(run.details.issues).toEqual([{ path: 'name', message: expect.stringContaining('read-only') }]);
    expect(stub.requests.length).toBe(before);
    const read = await readOnly.callTool({ name: 'get_deal', arguments: { id: 101 } });
    expect(toolOutput(read as never).data).toMatchObject({ id: 101 });
  });

  it('toolsets: only the tools of those resources (and their lookups) are listed and callable', async () => {
    const { tools } = await stages.listTools();
    expect(tools.map((t) => t.name)).toEqual(STAGE_READS);
    const refused = await stages.callTool({ name: 'get_deal', arguments: { id: 101 } }).catch((e) => e);
    expect(refused).toMatchObject({ code: ErrorCode.InvalidParams });
    const before = sent('GET', '/api/v2/stages').length;
    const listed = toolOutput((await stages.callTool({ name: 'list_stages', arguments: {} })) as never);
    expect(listed.data).toEqual([{ id: 3, name: 'Proposal', pipeline_id: 1 }]);
    expect(
      sent('GET', '/api/v2/stages')
        .slice(before)
        .map((r) => r.query),
    ).toEqual([{}]);
  });
});

describe('MCP over stdio: the process', { timeout: 60_000 }, () => {
  /** Run `mcp` with these lines on stdin (then end it): exit code, stdout lines, stderr. */
  function runMcp(args: string[], lines: unknown[], env: Record<string, string> = {}) {
    return new Promise<{ code: number | null; stdout: string[]; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'mcp', ...args], { env: cliEnv(env) });
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString('utf8');
      });
      child.stderr.on('data', (c: Buffer) => {
        err += c.toString('utf8');
      });
      captureHostOutput(`the output of pipedrive-connector mcp ${args.join(' ')}`, () => out + err);
      child.on('exit', (code) => resolve({ code, stdout: out.split('\n').filter(Boolean), stderr: err }));
      child.stdin.end(lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
    });
  }

  it('answers every request before it exits at the end of stdin; stdout holds only JSON-RPC messages', async () => {
    const before = sent('GET', '/api/v2/deals/101').length;
    const { code, stdout, stderr } = await runMcp(
      ['--toolsets', 'deals'],
      [
        {
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: {
            protocolVersion: '2025-11-25',
            capabilities: {},
            clientInfo: { name: 'pipe', version: '1' },
          },
        },
        { jsonrpc: '2.0', method: 'notifications/initialized' },
        { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'get_deal', arguments: { id: 101 } } },
      ],
    );
    expect(code).toBe(0);
    const messages = stdout.map((line) => JSON.parse(line));
    expect(messages.map((m) => [m.jsonrpc, m.id])).toEqual([
      ['2.0', 1],
      ['2.0', 2],
    ]);
    expect(messages[0].result.serverInfo).toMatchObject({
      name: 'pipedrive-connector',
      version: connector.version,
    });
    expect(messages[1].result.structuredContent.data.id).toBe(101);
    expect(sent('GET', '/api/v2/deals/101').length).toBe(before + 1);
    expect(stderr).toBe('');
  });

  // The next three share nothing but the stub, which they do not call: their processes run at once.
  it('bad choices or no credentials: exit code 2 with the reason on stderr, nothing on stdout', {
    concurrent: true,
  }, async () => {
    const [toolsets, token] = await Promise.all([
      runMcp(['--toolsets', 'deals,dealz'], []),
      runMcp([], [], { PIPEDRIVE_API_TOKEN: '' }),
    ]);
    expect([toolsets.code, token.code]).toEqual([2, 2]);
    expect(toolsets.stderr).toContain(
      'error: invalid_input: Unknown toolset dealz. Toolsets: core, all, activities,',
    );
    expect(token.stderr).toContain('set PIPEDRIVE_API_TOKEN');
    expect([...toolsets.stdout, ...token.stdout]).toEqual([]);
  });

  it('run by hand without a token: the configuration to paste, which works as pasted, then the error', {
    concurrent: true,
  }, async () => {
    const { code, stdout, stderr } = await runMcp(['--read-only'], [], { PIPEDRIVE_API_TOKEN: '' });
    expect(code).toBe(2);
    expect(stdout).toEqual([]);
    expect(stderr).toMatch(/^pipedrive-connector mcp is an MCP server on stdin\/stdout/);
    expect(stderr).toContain('Claude Desktop (claude_desktop_config.json), Cursor (~/.cursor/mcp.json');
    expect(stderr).toMatch(/error: invalid_input: No credentials: set PIPEDRIVE_API_TOKEN.*\n$/);
    const pasted = JSON.parse(stderr.slice(stderr.indexOf('\n{\n') + 1, stderr.indexOf('\n}\n') + 2)) as {
      mcpServers: { pipedrive: { command: string; args: string[]; env: Record<string, string> } };
    };
    const server = pasted.mcpServers.pipedrive;
    expect(server).toEqual({
      command: process.execPath,
      args: [realpathSync(BIN), 'mcp', '--read-only'],
      env: { PIPEDRIVE_API_TOKEN: '<your API token>' },
    });
    const inspector = `npx @modelcontextprotocol/inspector -e 'PIPEDRIVE_API_TOKEN=<your API token>' -- ${[server.command, ...server.args].join(' ')}`;
    expect(stderr).toContain(`\n  ${inspector}\n`);
    // As a client starts it: the pasted command, from another directory, with the token filled in.
    const transport = new StdioClientTransport({
      command: server.command,
      args: server.args,
      cwd: tmpdir(),
      env: cliEnv({ ...server.env, PIPEDRIVE_API_TOKEN: TOKEN }),
      stderr: 'pipe',
    });
    const client = await connectClient(transport, undefined, transportErrors);
    clients.push(client);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(coreToolNames(true));
  });

  it.skipIf(!existsSync('/usr/bin/script'))(
    'run by hand on a terminal (util-linux script): the same configuration, then it serves',
    { concurrent: true },
    async () => {
      const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
        // A pseudo-terminal as stdin; script ends the command when its own stdin ends.
        const child = spawn('/usr/bin/script', ['-qec', `${process.execPath} ${BIN} mcp`, '/dev/null'], {
          env: cliEnv(),
        });
        let text = '';
        child.stdout.on('data', (c: Buffer) => {
          text += c.toString('utf8');
        });
        captureHostOutput('the terminal of pipedrive-connector mcp', () => text);
        child.on('exit', (exit) => resolve({ code: exit, output: text }));
        child.stdin.end();
      });
      expect(code).toBe(0);
      expect(output).toMatch(/^pipedrive-connector mcp is an MCP server on stdin\/stdout/);
      expect(output).toContain('"PIPEDRIVE_API_TOKEN": "<your API token>"');
      expect(output).not.toContain(TOKEN);
      expect(output).toContain('Serving on stdin/stdout now; Ctrl-D ends it.');
    },
  );

  it('--connection: calls with the token of a connection stored by the host, read from its store', async () => {
    const { host, connectionId } = await startHostWithConnection(stub.url, TOKEN);
    onTestFinished(() => host.close());
    const client = await stdioClient({ toolsets: ['deals'] }, ['--connection', connectionId], {
      PIPEDRIVE_API_TOKEN: '',
      DATABASE_URL: `sqlite:${host.dbFile}`,
    });
    const before = sent('GET', '/api/v2/deals/101').length;
    const output = toolOutput((await client.callTool({ name: 'get_deal', arguments: { id: 101 } })) as never);
    expect(output.data).toMatchObject({ id: 101 });
    const requests = sent('GET', '/api/v2/deals/101').slice(before);
    expect(requests.map((r) => r.headers['x-api-token'])).toEqual([TOKEN]);
  });
});

describe('MCP over Streamable HTTP: sessions, keys and workspaces', { timeout: 60_000 }, () => {
  const post = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${httpUrl}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${KEY}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...headers,
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
    });

  it('choices as headers work as the query parameters do', async () => {
    const client = await httpClient({ readOnly: true, toolsets: ['stages'] }, 'conn-acme', true);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(STAGE_READS);
  });

  it('a read-only key stays read-only whatever the request asks', async () => {
    const url = new URL(`${httpUrl}/mcp?read_only=false&connection_id=conn-acme`);
    const client = await connectClient(
      new StreamableHTTPClientTransport(url, {
        requestInit: { headers: { authorization: `Bearer ${KEY}-readers` } },
      }),
    );
    clients.push(client);
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThan(10);
    expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
  });

  it('no connection in the session: each call names one, and one of another workspace is refused', async () => {
    const client = await httpClient({ toolsets: ['deals'] }, '');
    const { tools } = await client.listTools();
    expect(tools.find((t) => t.name === 'get_deal')?.inputSchema.properties).toHaveProperty('connection_id');
    const before = stub.requests.length;
    const other = toolError(
      (await client.callTool({
        name: 'get_deal',
        arguments: { id: 101, connection_id: 'conn-globex' },
      })) as never,
    );
    expect(other).toMatchObject({ code: 'not_found', message: 'Connection conn-globex not found.' });
    const none = toolError((await client.callTool({ name: 'get_deal', arguments: { id: 101 } })) as never);
    expect(none.details.issues).toEqual([{ path: 'connection_id', message: 'is required' }]);
    expect(stub.requests.length).toBe(before);
    const mine = await client.callTool({
      name: 'get_deal',
      arguments: { id: 101, connection_id: 'conn-acme' },
    });
    expect(toolOutput(mine as never).data).toMatchObject({ id: 101 });
  });

  it("a session fixed to another workspace's connection: every call is refused, nothing sent", async () => {
    const client = await httpClient({ toolsets: ['deals'] }, 'conn-globex');
    const before = stub.requests.length;
    const error = toolError((await client.callTool({ name: 'get_deal', arguments: { id: 101 } })) as never);
    expect(error).toMatchObject({ code: 'not_found', message: 'Connection conn-globex not found.' });
    expect(stub.requests.length).toBe(before);
  });

  it('stateless: GET and DELETE are 405; bad choices are 400 naming them; no session ID is given', async () => {
    const get = await fetch(`${httpUrl}/mcp`, {
      headers: { authorization: `Bearer ${KEY}`, accept: 'text/event-stream' },
    });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const del = await fetch(`${httpUrl}/mcp`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(del.status).toBe(405);

    const toolsets = await post('/mcp?toolsets=deals,dealz');
    expect(toolsets.status).toBe(400);
    expect(((await toolsets.json()) as { error: { message: string } }).error.message).toContain(
      'toolsets Unknown toolset dealz.',
    );
    const readOnly = await post('/mcp', { 'x-pipedrive-read-only': 'perhaps' });
    expect(readOnly.status).toBe(400);
    expect(((await readOnly.json()) as { error: { message: string } }).error.message).toContain(
      'read_only must be true or false',
    );

    const listed = await post('/mcp?connection_id=conn-acme&toolsets=stages');
    expect(listed.status).toBe(200);
    expect(listed.headers.get('mcp-session-id')).toBeNull();
    expect(((await listed.json()) as { result: { tools: unknown[] } }).result.tools).toHaveLength(9);
  });
});
