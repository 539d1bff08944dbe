import type { FastifyReply, FastifyRequest, onSendAsyncHookHandler } from 'fastify';
import { z } from 'zod';
import { answer } from '../../adapters/mcp/http.js';
import { handleMcpHttp } from '../../adapters/mcp/index.js';
import { ConnectorError } from '../../runtime/errors.js';
import { workspaceOf } from '../access.js';
import { errors } from '../openapi.js';
import type { WorkspaceStore } from '../store/types.js';
import type { App, HostDeps } from './deps.js';

const jsonRpc = z
  .looseObject({
    jsonrpc: z.literal('2.0').meta({ description: 'JSON-RPC version.' }),
    method: z.string().optional().meta({ description: 'e.g. `initialize`, `tools/list`, `tools/call`.' }),
    id: z.union([z.string(), z.number()]).optional().meta({ description: 'Request ID.' }),
    params: z.unknown().optional().meta({ description: "The method's parameters." }),
  })
  .meta({ description: 'One JSON-RPC message of the Model Context Protocol.' });

const choices = z.object({
  read_only: z.string().optional().meta({
    description: '`true`: writes are not listed and cannot be called (or header `X-Pipedrive-Read-Only`).',
  }),
  toolsets: z.string().optional().meta({
    description:
      'Toolsets whose tools to list, comma-separated: resources, `core` (the default) or `all` (or header `X-Pipedrive-Toolsets`).',
  }),
  connection_id: z.string().optional().meta({
    description:
      "The connection every call acts with (or header `X-Pipedrive-Connection`); without it, each call names one, or the workspace's only connection is used.",
  }),
});

/** Where MCP clients look for how to authenticate (RFC 9728), after a 401 (the path-aware URL first). */
const RESOURCE_METADATA = '/.well-known/oauth-protected-resource';

/** What the metadata and the 401's `error_description` say: API keys, not OAuth. */
const KEY_ADVICE =
  'This MCP server takes an API key of the host, not OAuth: configure the client to send the header Authorization: Bearer pdk_... (see the README, Sign in, and docs/mcp.md)';

const resourceMetadata = z
  .object({
    resource: z.string().meta({ description: 'The MCP endpoint: `<PUBLIC_URL>/mcp`.' }),
    resource_name: z.string().meta({ description: 'A name to show.' }),
    bearer_methods_supported: z
      .array(z.literal('header'))
      .meta({ description: 'The key goes in the `Authorization` header.' }),
    resource_documentation: z.string().meta({ description: "The host's API reference (`/docs`)." }),
    authentication: z.string().meta({ description: 'How to authenticate, in words.' }),
  })
  .meta({
    description:
      'OAuth 2.0 Protected Resource Metadata (RFC 9728) naming no authorization server: the key is an API key.',
  });

/**
 * `/mcp`: the operations and lookups as Model Context Protocol tools over Streamable HTTP (adapters/mcp,
 * stateless: every POST is answered on its own, in JSON). Behind the host's API keys: every call acts with a
 * connection of the key's workspace, named by the session, by the call, or the workspace's only one; another
 * workspace's connection is not found.
 */
export function registerMcpRoutes(app: App, deps: HostDeps): void {
  const { connections, config } = deps;
  const metadataUrl = `${config.publicUrl}${RESOURCE_METADATA}/mcp`;
  const description =
    "The Model Context Protocol endpoint (Streamable HTTP, stateless, JSON answers): one tool per operation and lookup of the manifest, acting with a connection of the key's workspace. `GET` and `DELETE` answer 405 (no sessions, no server-sent stream). See docs/mcp.md.";

  /** A connection of the workspace: the one named, or the workspace's only one. */
  const contextIn = (workspace: WorkspaceStore, request: FastifyRequest) => async (connectionId?: string) => {
    let id = connectionId;
    if (id === undefined) {
      const all = await workspace.listConnections();
      if (all.length !== 1) {
        throw new ConnectorError(
          'invalid_input',
          `Name the connection: connection_id (the workspace has ${all.length} connections).`,
          { issues: [{ path: 'connection_id', message: 'is required' }] },
        );
      }
      id = (all[0] as { id: string }).id;
    }
    return connections.context(await connections.load(workspace, id), request.log);
  };

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const context = contextIn(workspaceOf(request), request);
    reply.hijack();
    try {
      await handleMcpHttp(request.raw, reply.raw, request.body, { logger: request.log, context });
    } catch (error) {
      // The transport answers for itself; a failure of ours still gets a JSON-RPC error (and the log).
      request.log.error({ err: error }, 'MCP request failed');
      if (!reply.raw.headersSent) {
        answer(reply.raw, 500, -32603, 'Internal error');
      } else reply.raw.end();
    }
  };

  /**
   * A refused key: the challenge names the metadata, so an MCP client that would start OAuth reads there that it
   * needs an API key (a `"` cannot be in a quoted value; the advice has none).
   */
  const challenge: onSendAsyncHookHandler<unknown> = async (_request, reply, payload) => {
    const header = reply.getHeader('www-authenticate');
    if (reply.statusCode === 401 && typeof header === 'string') {
      void reply.header(
        'www-authenticate',
        `${header}, error_description="${KEY_ADVICE}", resource_metadata="${metadataUrl}"`,
      );
    }
    return payload;
  };

  for (const url of [RESOURCE_METADATA, `${RESOURCE_METADATA}/mcp`]) {
    app.get(
      url,
      {
        config: { access: 'public' },
        schema: {
          operationId: url.endsWith('/mcp') ? 'mcpResourceMetadata' : 'resourceMetadata',
          summary: 'How MCP clients authenticate',
          description:
            'What an MCP client reads after a 401 from `/mcp` (RFC 9728): no authorization server, a bearer API key in the `Authorization` header. Holds no data.',
          tags: ['mcp'],
          response: { 200: resourceMetadata },
        },
      },
      async () => ({
        resource: `${config.publicUrl}/mcp`,
        resource_name: 'Pipedrive connector (MCP)',
        bearer_methods_supported: ['header' as const],
        resource_documentation: `${config.publicUrl}/docs`,
        authentication: `${KEY_ADVICE}.`,
      }),
    );
  }

  app.post(
    '/mcp',
    {
      onSend: challenge,
      config: { access: 'key' },
      schema: {
        operationId: 'mcp',
        summary: 'MCP tools (Streamable HTTP)',
        description,
        tags: ['mcp'],
        querystring: choices,
        body: jsonRpc,
        response: {
          200: z
            .unknown()
            .meta({ description: 'The JSON-RPC answer (a tool error is a result with `isError`).' }),
          202: z.unknown().meta({ description: 'A notification was accepted.' }),
          ...errors([]),
        },
      },
    },
    handler,
  );

  for (const method of ['GET', 'DELETE'] as const) {
    app.route({
      method,
      url: '/mcp',
      onSend: challenge,
      config: { access: 'key' },
      schema: {
        operationId: `mcp${method === 'GET' ? 'Stream' : 'EndSession'}`,
        summary:
          method === 'GET' ? 'MCP server-sent stream (not offered)' : 'End an MCP session (none to end)',
        description: 'The server is stateless: no session and no server-sent stream. Answers 405; use POST.',
        tags: ['mcp'],
        response: {
          405: z.unknown().meta({ description: 'Only POST: the server is stateless.' }),
          ...errors([]),
        },
      },
      handler,
    });
  }
}
