/**
 * The connector as an MCP server (the SDK's low-level `Server`, which passes the manifest's JSON Schemas through
 * as they are): `tools/list` gives the tools of the session's choices, `tools/call` runs one through the plugin
 * API. Transports (stdio, Streamable HTTP) are in stdio.ts and http.ts.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';
import {
  BASE64_MAX_BYTES,
  type CallContext,
  CallTally,
  type CallUsage,
  CONNECTOR_VERSION,
  ConnectorError,
  connector,
  type FileOutput,
  isFileOutput,
  type Logger,
} from '../../index.js';
import { findOperations, operationToRun, RUN_TOOL, underInput } from './discovery.js';
import {
  buildTools,
  CONNECTION_ARGUMENT,
  DEFAULT_MAX_ITEMS,
  type Tool,
  type ToolChoices,
  type ToolDefinition,
} from './tools.js';

export interface McpServerOptions extends ToolChoices {
  /**
   * The CallContext of one tool call (may be async): who to call Pipedrive as. `connection` is the
   * `connection_id` argument of the call when tools take one (`connectionArgument`), else the session's
   * `connection`, else undefined. Throw a ConnectorError (e.g. `not_found`) to refuse a connection: the call
   * is answered with that error and nothing is sent.
   */
  context: (connection: string | undefined) => CallContext | Promise<CallContext>;
  /** The connection fixed by the session: tools take no `connection_id` then. */
  connection?: string;
  /** Where failures that are not ConnectorErrors are reported (their text is not sent to the client). */
  logger?: Logger;
}

const INSTRUCTIONS = `Pipedrive CRM tools: tools named as API operations (e.g. list_deals, add_deal, update_person), lookup_* tools that find an ID by name (lookup_users, lookup_stages, ...), and find_operations + run_operation, which reach every other operation of the API (projects, goals, files, merges, webhooks, ...).
- Not listed: call find_operations with a few words (e.g. "merge persons"), then run_operation with the name and an input that fits its input schema.
- IDs: when you have a name, not an ID, call the search_* or lookup_* tool named in the tool's description first.
- Lists return one page; when additional_data.has_more is true, call again with the cursor it gives. return_all reads several pages in one call, up to a bound the descriptions state.
- Custom fields: write them by name in custom_fields ({"Plan tier": "Enterprise"}); records come back with custom_fields_by_name.
- A failed call answers {"error": {"code", "message", "details"}}; for invalid_input, details.issues names each field at fault and nothing was sent to Pipedrive: correct those fields and call again.`;

type Args = Record<string, unknown>;

const isObject = (value: unknown): value is Args =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A number (or numeric text, as forms send) cut to `max`; anything else is left for the runtime to refuse. */
function capped(value: unknown, max: number): unknown {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? Math.min(number, max) : value;
}

/** A list's input bounded for one tool call: `limit` and `max_items` (so `return_all`) at most `max`. */
function bounded(args: Args, max: number): Args {
  const input: Args = {
    ...args,
    max_items: args.max_items === undefined ? max : capped(args.max_items, max),
  };
  if (input.limit !== undefined) input.limit = capped(input.limit, max);
  return input;
}

/** Where the next page starts, when more remain: `cursor` (API v2) or `start` (API v1). */
function continuation(output: unknown): { cursor: unknown } | { start: unknown } | undefined {
  const extra = isObject(output) && isObject(output.additional_data) ? output.additional_data : undefined;
  if (extra?.has_more !== true) return undefined;
  if (extra.next_cursor !== undefined && extra.next_cursor !== null) return { cursor: extra.next_cursor };
  const start = isObject(extra.pagination) ? extra.pagination.next_start : undefined;
  return start === undefined ? undefined : { start };
}

/** The `_meta` key of a tool result's token usage (runtime/usage.ts: tokens, calls, the budget's state). */
export const USAGE_META = 'pipedrive-connector/usage';

/** How a call's output is answered: wrapped when it is not an object, and with where to continue a list. */
interface Answer {
  wrapped: boolean;
  pages: boolean;
  /** What to call for the next page, given where it starts (`"cursor": "c2"`). */
  again?: (next: string) => string;
}

function success(answer: Answer, output: unknown): CallToolResult {
  const structured = answer.wrapped ? { response: output } : output;
  const content: CallToolResult['content'] = [{ type: 'text', text: JSON.stringify(structured) }];
  const next = answer.pages ? continuation(output) : undefined;
  if (next) {
    const [key, value] = Object.entries(next)[0] as [string, unknown];
    content.push({
      type: 'text',
      text: `More records remain: ${answer.again?.(`"${key}": ${JSON.stringify(value)}`)}.`,
    });
  }
  return { content, structuredContent: structured as Args };
}

/**
 * A downloaded file as a tool result: its name, type and size as the structured content, and its bytes as an
 * embedded resource (base64) when they are at most BASE64_MAX_BYTES. A larger file is not read on (the download
 * stops): the result says so and how to get it.
 */
async function fileResult(operation: string, file: FileOutput, input: Args): Promise<CallToolResult> {
  const meta = (size: number | undefined) => ({
    name: file.name,
    type: file.type,
    ...(size !== undefined ? { size } : {}),
  });
  const tooLarge = (size: number | undefined): CallToolResult => {
    file.data.destroy();
    const structured = meta(size);
    const how = `download it through the host (POST /operations/${operation} answers the file itself) or the CLI (pipedrive-connector call ${operation} --input '${JSON.stringify(input)}' --output <file>)`;
    return {
      content: [
        { type: 'text', text: JSON.stringify(structured) },
        {
          type: 'text',
          text: `${file.name} (${file.type}) is larger than the ${BASE64_MAX_BYTES / 1024} KiB a tool answer carries${size === undefined ? '' : `: ${size} bytes`}. Its content is not included; ${how}.`,
        },
      ],
      structuredContent: structured,
    };
  };
  if (file.size !== undefined && file.size > BASE64_MAX_BYTES) return tooLarge(file.size);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of file.data as AsyncIterable<Buffer>) {
    total += chunk.length;
    // Leaving the loop destroys the stream: the rest of the download is not read.
    if (total > BASE64_MAX_BYTES) return tooLarge(file.size);
    chunks.push(chunk);
  }
  const structured = meta(total);
  return {
    content: [
      { type: 'text', text: JSON.stringify(structured) },
      {
        type: 'resource',
        resource: {
          uri: `pipedrive://files/${encodeURIComponent(file.name)}`,
          mimeType: file.type,
          blob: Buffer.concat(chunks).toString('base64'),
        },
      },
    ],
    structuredContent: structured,
  };
}

function failure(error: unknown, logger: Logger | undefined): CallToolResult {
  let known: ConnectorError;
  if (error instanceof ConnectorError) known = error;
  else {
    logger?.error({ err: error }, 'MCP tool call failed');
    known = new ConnectorError('internal_error', 'The tool failed unexpectedly; nothing more is known here.');
  }
  return { isError: true, content: [{ type: 'text', text: JSON.stringify({ error: known.toJSON() }) }] };
}

/** The `connection_id` argument taken out of the arguments; `invalid_input` when it is not a non-empty string. */
function takeConnection(args: Args): string | undefined {
  const given = args[CONNECTION_ARGUMENT];
  delete args[CONNECTION_ARGUMENT];
  if (given === undefined) return undefined;
  if (typeof given === 'string' && given.length > 0) return given;
  throw new ConnectorError(
    'invalid_input',
    `Invalid input: ${CONNECTION_ARGUMENT} must be a connection ID.`,
    {
      issues: [{ path: CONNECTION_ARGUMENT, message: 'must be a non-empty string' }],
    },
  );
}

interface ToolIndex {
  byName: Map<string, Tool>;
  listed: ToolDefinition[];
}

/** The most tool indexes kept: a client's toolsets are its own choice, so their combinations are not bounded. */
const MAX_INDEXES = 64;

/**
 * The tools of each set of choices (they depend on nothing else), built once and then only read: every HTTP
 * request builds a server, and building every tool again took about 2 ms. The oldest set is dropped beyond
 * MAX_INDEXES. Unknown toolsets are never kept: buildTools throws for them every time.
 */
const indexes = new Map<string, ToolIndex>();

function toolIndex(choices: ToolChoices): ToolIndex {
  const key = JSON.stringify([
    Boolean(choices.readOnly),
    [...new Set(choices.toolsets ?? [])].sort(),
    String(choices.maxItems ?? DEFAULT_MAX_ITEMS),
    Boolean(choices.connectionArgument),
  ]);
  const kept = indexes.get(key);
  if (kept) return kept;
  const tools = buildTools(choices);
  const index = {
    byName: new Map(tools.map((tool) => [tool.definition.name, tool])),
    listed: tools.map((tool) => tool.definition),
  };
  if (indexes.size >= MAX_INDEXES) indexes.delete(indexes.keys().next().value as string);
  indexes.set(key, index);
  return index;
}

/**
 * A low-level MCP `Server` serving the tools of these choices. Connect it to one transport (`server.connect`);
 * an unknown `toolsets` name throws `invalid_input` here.
 */
export function createMcpServer(options: McpServerOptions): Server {
  const maxItems = options.maxItems ?? DEFAULT_MAX_ITEMS;
  const perCall = options.connectionArgument === true && options.connection === undefined;
  const { byName, listed } = toolIndex({ ...options, maxItems, connectionArgument: perCall });

  const server = new Server(
    { name: 'pipedrive-connector', title: 'Pipedrive', version: CONNECTOR_VERSION },
    { capabilities: { tools: { listChanged: false } }, instructions: INSTRUCTIONS },
  );

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listed as never }));

  /** A tool's answer to one call (the caller adds the call's token usage). */
  const answer = async (tool: Tool, args: Args, ctx: CallContext): Promise<CallToolResult> => {
    switch (tool.kind) {
      case 'lookup':
        return success({ wrapped: false, pages: false }, await connector.lookup(tool.target, args, ctx));
      case 'run': {
        const { op, input } = operationToRun(connector.manifest, args, options.readOnly === true);
        const pages = op.pagination !== undefined;
        const output = await connector
          .execute(op.name, pages ? bounded(input, maxItems) : input, ctx)
          .catch((error: unknown) => {
            throw underInput(error);
          });
        if (isFileOutput(output)) return await fileResult(op.name, output, input);
        return success(
          {
            wrapped: op.output_schema.type !== 'object',
            pages,
            again: (next) => `call ${RUN_TOOL} again with the same name and input, with ${next} in the input`,
          },
          output,
        );
      }
      default: {
        const input = tool.pages ? bounded(args, maxItems) : args;
        const output = await connector.execute(tool.target, input, ctx);
        if (isFileOutput(output)) return await fileResult(tool.target, output, input);
        return success(
          {
            wrapped: tool.wrapped,
            pages: tool.pages,
            again: (next) => `call ${tool.definition.name} again with the same input and ${next}`,
          },
          output,
        );
      }
    }
  };

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const tool = byName.get(request.params.name);
    // Protocol error, as MCP says for an unknown tool; a tool left out by the session's choices is unknown too.
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Tool ${request.params.name} not found`);
    try {
      const args: Args = { ...(request.params.arguments ?? {}) };
      // Searching the manifest needs no connection.
      if (tool.kind === 'find') {
        return success(
          { wrapped: false, pages: false },
          findOperations(connector.manifest, args, options.readOnly === true),
        );
      }
      const connection = perCall ? (takeConnection(args) ?? options.connection) : options.connection;
      const base = await options.context(connection);
      const signal = base.signal ? AbortSignal.any([base.signal, extra.signal]) : extra.signal;
      // This call's token usage goes back in the result's `_meta`; the session's own `onUsage` still gets it.
      const usage = new CallTally();
      const onUsage = (call: CallUsage) => {
        usage.record(call);
        base.onUsage?.(call);
      };
      const ctx: CallContext = { ...base, signal, onUsage };
      return { ...(await answer(tool, args, ctx)), _meta: { [USAGE_META]: usage.summary() } };
    } catch (error) {
      return failure(error, options.logger);
    }
  });

  return server;
}
