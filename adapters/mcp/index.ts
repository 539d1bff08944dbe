/**
 * The connector as a Model Context Protocol server: every operation and lookup as a tool (see docs/mcp.md).
 * Built on the plugin API and the manifest only.
 */
export { handleMcpHttp, type McpHttpOptions, type McpSessionChoices, mcpSessionChoices } from './http.js';
export { createMcpServer, type McpServerOptions } from './server.js';
export { serveMcpStdio } from './stdio.js';
export {
  buildTools,
  CONNECTION_ARGUMENT,
  checkToolsets,
  DEFAULT_MAX_ITEMS,
  parseToolsets,
  type Tool,
  type ToolChoices,
  type ToolDefinition,
  toolsetNames,
} from './tools.js';
