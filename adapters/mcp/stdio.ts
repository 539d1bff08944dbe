/**
 * The MCP server on stdin/stdout (`pipedrive-connector mcp`): newline-delimited JSON-RPC, nothing else on stdout.
 * It ends when stdin ends, once the calls under way have been answered.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';
import { createMcpServer, type McpServerOptions } from './server.js';

export async function serveMcpStdio(
  options: McpServerOptions,
  stdin: NodeJS.ReadableStream = process.stdin,
  stdout: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  const server = createMcpServer(options);
  const transport = new StdioServerTransport(stdin as never, stdout as never);
  const pending = new Set<RequestId>();
  let ended = false;
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
  });
  const closeWhenDone = () => {
    if (ended && pending.size === 0) void server.close();
  };

  await server.connect(transport);
  // Requests in, answers out: stdin's end closes the server only once every request has its answer.
  const receive = transport.onmessage;
  transport.onmessage = (message: JSONRPCMessage) => {
    if ('method' in message && 'id' in message) pending.add(message.id);
    receive?.(message);
  };
  const send = transport.send.bind(transport);
  transport.send = async (message: JSONRPCMessage) => {
    await send(message);
    if (('result' in message || 'error' in message) && message.id !== undefined) {
      pending.delete(message.id);
      closeWhenDone();
    }
  };
  stdin.once('end', () => {
    ended = true;
    closeWhenDone();
  });
  await closed;
}
