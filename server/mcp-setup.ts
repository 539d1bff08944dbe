/**
 * What `pipedrive-connector mcp` tells a person who runs it by hand: it is a server that an MCP client starts,
 * and the configuration to paste into Claude Desktop, Cursor or the MCP Inspector, with this very command (the
 * Node and the launcher this process runs on, or `npx` when npx started it) and the options given. Never a
 * secret: the token and the store's settings are placeholders.
 */
import { realpathSync } from 'node:fs';
import { sep } from 'node:path';

export interface McpSetupOptions {
  connection?: string;
  workspace?: string;
  readOnly?: boolean;
  toolsets?: string;
}

/** The command and arguments a client runs: this launcher on this Node, or `npx` from npx's cache. */
export function mcpCommand(
  options: McpSetupOptions,
  argv = process.argv,
): { command: string; args: string[] } {
  const flags = [
    ...(options.connection ? ['--connection', options.connection] : []),
    ...(options.workspace ? ['--workspace', options.workspace] : []),
    ...(options.readOnly ? ['--read-only'] : []),
    ...(options.toolsets ? ['--toolsets', options.toolsets] : []),
  ];
  const script = argv[1] ? realpathSync(argv[1]) : undefined;
  if (!script || script.includes(`${sep}_npx${sep}`)) {
    return { command: 'npx', args: ['-y', 'pipedrive-connector', 'mcp', ...flags] };
  }
  // Absolute paths: a desktop app starts servers without the shell's PATH or working directory.
  return { command: process.execPath, args: [script, 'mcp', ...flags] };
}

/** The `mcpServers` entry and the Inspector command, as text for stderr. */
export function mcpSetupText(options: McpSetupOptions, argv = process.argv): string {
  const { command, args } = mcpCommand(options, argv);
  const env: Record<string, string> = options.connection
    ? { DATABASE_URL: '<the host DATABASE_URL>', CONNECTOR_SECRET_KEY: '<the host CONNECTOR_SECRET_KEY>' }
    : { PIPEDRIVE_API_TOKEN: '<your API token>' };
  const config = { mcpServers: { pipedrive: { command, args, env } } };
  const quote = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);
  const inspector = [
    'npx @modelcontextprotocol/inspector',
    ...Object.entries(env).map(([name, value]) => `-e ${quote(`${name}=${value}`)}`),
    '--',
    ...[command, ...args].map(quote),
  ].join(' ');
  return [
    'pipedrive-connector mcp is an MCP server on stdin/stdout: an MCP client starts it and talks to it.',
    'Add it to Claude Desktop (claude_desktop_config.json), Cursor (~/.cursor/mcp.json or .cursor/mcp.json)',
    "or another client's mcpServers JSON, with your Pipedrive API token (Settings > Personal preferences > API):",
    '',
    JSON.stringify(config, null, 2),
    '',
    'Or try it in the MCP Inspector (a browser page listing the tools):',
    `  ${inspector}`,
    '',
    options.toolsets
      ? `The tools: those of ${options.toolsets}, with find_operations and run_operation for the others.`
      : 'The tools: a core of 20 for deals, persons, organizations and activities, with find_operations and',
    options.toolsets
      ? 'See docs/mcp.md.'
      : 'run_operation for the others (--toolsets chooses others). See docs/mcp.md.',
    '',
  ].join('\n');
}
