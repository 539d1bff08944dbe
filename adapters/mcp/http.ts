/**
 * The MCP server over Streamable HTTP, stateless: every POST is answered by a fresh server built for the choices
 * that request carries (query parameters or headers, the same on every request of a client), in JSON. Nothing is
 * kept between requests, so there are no sessions to bound or expire, and any host behind a load balancer can
 * answer any request. See docs/decisions.md.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ConnectorError } from '../../index.js';
import { createMcpServer, type McpServerOptions } from './server.js';
import { checkToolsets, parseToolsets } from './tools.js';

/** What a client chooses for its session, in the URL's query or in headers. */
export interface McpSessionChoices {
  readOnly: boolean;
  toolsets: string[];
  connection?: string;
}

/** Query parameter and header of each choice. */
export const SESSION_PARAMETERS = {
  readOnly: { query: 'read_only', header: 'x-pipedrive-read-only' },
  toolsets: { query: 'toolsets', header: 'x-pipedrive-toolsets' },
  connection: { query: 'connection_id', header: 'x-pipedrive-connection' },
} as const;

export type McpHttpOptions = Omit<McpServerOptions, 'connection' | 'connectionArgument'>;

function choice(req: IncomingMessage, query: URLSearchParams, name: keyof typeof SESSION_PARAMETERS) {
  const { query: key, header } = SESSION_PARAMETERS[name];
  const value = query.get(key) ?? req.headers[header];
  return Array.isArray(value) ? value.join(',') : value;
}

const invalid = (field: string, message: string) =>
  new ConnectorError('invalid_input', `Invalid MCP session choice: ${field} ${message}.`, {
    issues: [{ path: field, message }],
  });

/**
 * The session's choices from a request's query (`read_only`, `toolsets`, `connection_id`) or headers
 * (`X-Pipedrive-Read-Only`, `X-Pipedrive-Toolsets`, `X-Pipedrive-Connection`); the query wins. Throws
 * `invalid_input` for a value that is not one.
 */
export function mcpSessionChoices(req: IncomingMessage): McpSessionChoices {
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const readOnly = choice(req, query, 'readOnly')?.trim().toLowerCase();
  if (readOnly !== undefined && !['true', 'false', '1', '0', ''].includes(readOnly)) {
    throw invalid('read_only', 'must be true or false');
  }
  const toolsets = parseToolsets(choice(req, query, 'toolsets'));
  try {
    checkToolsets(toolsets);
  } catch (error) {
    throw invalid('toolsets', (error as Error).message.replace(/\.$/, ''));
  }
  const connection = choice(req, query, 'connection')?.trim();
  return {
    readOnly: readOnly === 'true' || readOnly === '1',
    toolsets,
    ...(connection ? { connection } : {}),
  };
}

/** A JSON-RPC error answer with no request ID (the request is not read, or failed before the transport answered). */
export function answer(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  headers = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}

/**
 * Answer one request to the MCP endpoint (mount it at `/mcp`): `POST` with the JSON-RPC message in `body`
 * (already parsed by the host, within its body limit); `GET` and `DELETE` are answered 405, as a server without
 * sessions or server-initiated messages does. `options.readOnly` and `options.toolsets` are the host's: a
 * read-only host stays read-only whatever the request asks; the request's toolsets replace the host's default.
 * When the request names no connection, every tool takes an optional `connection_id` and `options.context`
 * receives it (or undefined).
 */
export async function handleMcpHttp(
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
  options: McpHttpOptions,
): Promise<void> {
  if (req.method !== 'POST') {
    answer(res, 405, -32000, 'Method not allowed: this MCP server is stateless; send requests with POST.', {
      allow: 'POST',
    });
    return;
  }
  let server: ReturnType<typeof createMcpServer>;
  try {
    const choices = mcpSessionChoices(req);
    server = createMcpServer({
      ...options,
      readOnly: options.readOnly === true || choices.readOnly,
      toolsets: choices.toolsets.length > 0 ? choices.toolsets : (options.toolsets ?? []),
      connectionArgument: true,
      ...(choices.connection ? { connection: choices.connection } : {}),
    });
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    answer(res, 400, -32602, error.message);
    return;
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  // The client went away (or the answer is sent): calls still running are aborted, and the server is dropped.
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, body);
}
