import type { FastifyReply, FastifyRequest } from 'fastify';
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

/**
 * `/mcp`: the operations and lookups as Model Context Protocol tools over Streamable HTTP (adapters/mcp,
 * stateless: every POST is answered on its own, in JSON). Behind the host's API keys: every call acts with a
 * connection of the key's workspace, named by the session, by the call, or the workspace's only one; another
 * workspace's connection is not found.
 */
export function registerMcpRoutes(app: App, deps: HostDeps): void {
  const { connections } = deps;
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

  app.post(
    '/mcp',
    {
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
