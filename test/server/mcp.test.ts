/**
 * `/mcp` on the host: the MCP SDK's own client over Streamable HTTP, behind the host's API keys. A request
 * without a key is refused; every call acts with a connection of the key's workspace (named by the session or
 * the call, or the workspace's only one), and another workspace's connection is not found, with nothing sent.
 */
import {
  discoverOAuthProtectedResourceMetadata,
  extractWWWAuthenticateParams,
} from '@modelcontextprotocol/sdk/client/auth.js';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from '../helpers/host.js';
import { connectClient, expectEveryTool, toolError, toolOutput } from '../helpers/mcp.js';
import { dealRoutes, type PipedriveStub, startPipedriveStub } from '../helpers/pipedrive-stub.js';
import { SECRETS } from '../helpers/secrets.js';

const TOKEN = SECRETS.mcpToken;

describe('/mcp on the host', () => {
  let stub: PipedriveStub;
  let host: TestHost;
  let url: URL;
  let connectionId: string;
  let otherKey: string;
  let otherConnection: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    stub = await startPipedriveStub({
      token: TOKEN,
      routes: dealRoutes(),
    });
    host = await startTestHost({ PIPEDRIVE_API_URL: stub.url, LOG_LEVEL: 'warn' });
    url = new URL('/mcp', await host.app.listen({ port: 0, host: '127.0.0.1' }));
    const create = async (key?: string) => {
      const response = await host.inject({
        method: 'POST',
        url: '/connections',
        payload: { type: 'api_token', api_token: TOKEN },
        ...(key ? { key } : {}),
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().id as string;
    };
    connectionId = await create();
    otherKey = await host.newKey('mcp-other');
    otherConnection = await create(otherKey);
  });

  afterAll(async () => {
    for (const client of clients) await client.close();
    await host?.close();
    await stub?.close();
  });

  const client = async (key: string, query = '') => {
    const transport = new StreamableHTTPClientTransport(new URL(`${url}${query}`), {
      requestInit: { headers: { authorization: `Bearer ${key}` } },
    });
    const connected = await connectClient(transport, '2020-12');
    clients.push(connected);
    return connected;
  };

  it('refuses a request without a key, or with a wrong one, with 401 and the usual error shape', async () => {
    for (const headers of [{}, { authorization: 'Bearer pdk_nope' }] as Record<string, string>[]) {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
  });

  it('tells MCP clients that look for OAuth (RFC 9728) to send an API key instead', async () => {
    const refused = await fetch(url, {
      method: 'POST',
      headers: {
        authorization: 'Bearer pdk_nope',
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(refused.status).toBe(401);
    // The host names itself by PUBLIC_URL (here the default, with the configured port 0).
    const publicUrl = host.config.publicUrl;
    const metadataUrl = new URL(`${publicUrl}/.well-known/oauth-protected-resource/mcp`);
    // What the SDK's client reads from the challenge, and then from the metadata (no authorization server).
    const challenge = extractWWWAuthenticateParams(refused);
    expect(challenge.error).toBe('invalid_token');
    expect(challenge.resourceMetadataUrl?.href).toBe(metadataUrl.href);
    expect(refused.headers.get('www-authenticate')).toContain(
      'error_description="This MCP server takes an API key of the host, not OAuth',
    );
    const metadata = await discoverOAuthProtectedResourceMetadata(url);
    expect(metadata).toEqual({
      resource: `${publicUrl}/mcp`,
      resource_name: 'Pipedrive connector (MCP)',
      bearer_methods_supported: ['header'],
      resource_documentation: `${publicUrl}/docs`,
      authentication: expect.stringMatching(
        /^This MCP server takes an API key of the host, not OAuth: .*Bearer/,
      ),
    });
    expect(metadata).not.toHaveProperty('authorization_servers');
    // The path-aware document and the root one are the same; fetching them needs no key.
    const root = await fetch(new URL('/.well-known/oauth-protected-resource', url));
    expect(root.status).toBe(200);
    expect(await root.json()).toEqual(metadata);
    // A client that does not try OAuth reports the refusal with the host's message.
    const transport = new StreamableHTTPClientTransport(url, {
      requestInit: { headers: { authorization: 'Bearer pdk_nope' } },
    });
    const failure = await connectClient(transport, '2020-12').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as { code?: number }).code).toBe(401);
    expect((failure as Error).message).toContain('The API key is not valid');
  });

  it('lists every operation and lookup as a tool (`all`), and runs a read and a write with the workspace connection', async () => {
    // Without a connection named by the session, each tool takes a `connection_id`; the workspace's only
    // connection is used when a call names none.
    const mcp = await client(host.key);
    const perCall = (await mcp.listTools()).tools.find((t) => t.name === 'get_deal');
    expect(Object.keys(perCall?.inputSchema.properties ?? {})).toContain('connection_id');
    expectEveryTool(
      (await (await client(host.key, `?connection_id=${connectionId}&toolsets=all`)).listTools()).tools,
    );
    const before = stub.requests.length;
    const read = toolOutput(
      (await mcp.callTool({ name: 'get_deal', arguments: { id: 101 } })) as CallToolResult,
    );
    expect(read).toMatchObject({ success: true, data: { id: 101 } });
    const write = toolOutput(
      (await mcp.callTool({
        name: 'add_deal',
        arguments: { title: 'From an agent', value: 5 },
      })) as CallToolResult,
    );
    expect(write).toMatchObject({ data: { id: 102, title: 'From an agent' } });
    // (The write also reads the deal fields once, for custom_fields_by_name.)
    const sent = stub.requests.slice(before).filter((r) => r.path.startsWith('/api/v2/deals'));
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v2/deals/101', 'POST /api/v2/deals']);
    expect(sent[1]?.body).toEqual({ title: 'From an agent', value: 5 });
    expect(sent.every((r) => r.headers['x-api-token'] === TOKEN)).toBe(true);
  }, 120_000); // Ajv compiles every tool schema: slow on a loaded machine

  it('a connection of another workspace is not found, per call or per session, and nothing is sent', async () => {
    const mine = await client(host.key);
    const before = stub.requests.length;
    const perCall = toolError(
      (await mine.callTool({
        name: 'get_deal',
        arguments: { id: 101, connection_id: otherConnection },
      })) as CallToolResult,
    );
    expect(perCall.code).toBe('not_found');
    const perSession = await client(host.key, `?connection_id=${otherConnection}`);
    expect(
      toolError((await perSession.callTool({ name: 'get_deal', arguments: { id: 101 } })) as CallToolResult)
        .code,
    ).toBe('not_found');
    // The other workspace's own key reaches its own connection, and not ours.
    const theirs = await client(otherKey);
    expect(
      toolError(
        (await theirs.callTool({
          name: 'get_deal',
          arguments: { id: 1, connection_id: connectionId },
        })) as CallToolResult,
      ).code,
    ).toBe('not_found');
    expect(stub.requests.length).toBe(before);
  });

  it('honours read_only and toolsets chosen by the session', async () => {
    const reader = await client(host.key, '?read_only=true&toolsets=deals');
    const names = (await reader.listTools()).tools.map((t) => t.name);
    expect(names).toContain('get_deal');
    expect(names).not.toContain('add_deal');
    expect(names.some((n) => n.startsWith('list_persons'))).toBe(false);
    await expect(reader.callTool({ name: 'add_deal', arguments: { title: 'x' } })).rejects.toThrow();
  });

  it('GET and DELETE answer 405 (stateless), with a key', async () => {
    for (const method of ['GET', 'DELETE']) {
      const response = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${host.key}`, accept: 'text/event-stream' },
      });
      expect(response.status, method).toBe(405);
      await response.arrayBuffer();
    }
  });
});
