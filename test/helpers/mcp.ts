import { Readable } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import nock from 'nock';
import { afterEach, expect, onTestFinished } from 'vitest';
import { CORE_LOOKUPS, CORE_OPERATIONS } from '../../adapters/mcp/core.js';
import { createMcpServer, type McpServerOptions } from '../../adapters/mcp/index.js';
import { portableSchema } from '../../adapters/mcp/portable.js';
import connector from '../../index.js';
import { tokenCtx } from './context.js';

/**
 * Ajv for JSON Schema 2020-12 (the manifest's dialect), checking the schemas against the meta-schema. Without
 * Ajv's optimizing pass over the code it generates: the same verdicts, and that pass was half of each
 * compile, where the tests compile hundreds of tool schemas to check a few values with each.
 */
export function ajv2020(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, code: { optimize: false } });
  (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
  return ajv;
}

/**
 * `schema` compiled by Ajv 2020 (as `ajv2020()` does), once per distinct schema in a test file: the same text
 * gives the same validator, so a test that compiles every tool's schema again pays only for new ones. A schema
 * that does not compile throws, every time.
 */
const fileAjv2020 = ajv2020();
export const compile2020: (schema: object) => ValidateFunction = compiledOnce((schema) =>
  fileAjv2020.compile(schema),
);

function compiledOnce<V>(compile: (schema: object) => V): (schema: object) => V {
  const byText = new Map<string, V>();
  return (schema) => {
    const text = JSON.stringify(schema);
    let compiled = byText.get(text);
    if (compiled === undefined) {
      compiled = compile(schema);
      byText.set(text, compiled);
    }
    return compiled;
  };
}

/**
 * The SDK's validator (Ajv 2020, or the SDK's default Ajv), shared by the file's clients and compiling each
 * distinct schema once: a client compiles every tool's `outputSchema` each time it lists the tools, and a file
 * connects many clients to the same tools.
 */
function sharedValidator(ajv?: Ajv2020): jsonSchemaValidator {
  const sdk = new AjvJsonSchemaValidator(ajv as never);
  const validatorOf = compiledOnce((schema) => sdk.getValidator(schema));
  return { getValidator: (schema) => validatorOf(schema) as never };
}
const validators = { '2020-12': sharedValidator(ajv2020()), default: sharedValidator() };

/**
 * An SDK client connected over `transport`, with the tools listed. It validates each result's
 * `structuredContent` against the tool's `outputSchema`: with `dialect: '2020-12'` as JSON Schema 2020-12, by
 * default with the SDK's own validator (Ajv's default class, as most clients have it). Transport errors (e.g. a
 * line on stdout that is not a JSON-RPC message) are pushed to `errors`.
 */
export async function connectClient(
  transport: Transport,
  dialect?: '2020-12',
  errors: Error[] = [],
): Promise<Client> {
  const client = new Client(
    { name: 'pipedrive-connector-tests', version: '1.0.0' },
    { jsonSchemaValidator: validators[dialect ?? 'default'] },
  );
  client.onerror = (error) => errors.push(error);
  await client.connect(transport);
  await client.listTools();
  return client;
}

/**
 * `connect(options)`: an MCP server of `options` (API token by default) and an SDK client on it that validates as
 * 2020-12, in memory; the clients are closed after each test of the file that calls this.
 */
export function inMemoryClients(): (options?: Partial<McpServerOptions>) => Promise<Client> {
  const clients: Client[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });
  return async (options = {}) => {
    const server = createMcpServer({ context: () => tokenCtx(), ...options });
    const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    const client = await connectClient(clientSide, '2020-12');
    clients.push(client);
    return client;
  };
}

/** The discovery pair, listed in every session. */
export const DISCOVERY = ['find_operations', 'run_operation'];

/** The tools of `--toolsets stages --read-only`: its reads, the lookups that fill their IDs, and discovery. */
export const STAGE_READS = ['get_stage', 'list_stages', 'lookup_pipelines', 'lookup_stages', ...DISCOVERY];

export const LOOKUP_TOOLS = connector.manifest.lookups.map((l) => `lookup_${(l as { name: string }).name}`);

/** The default list: the curated core (its reads only, when read-only), its lookups and the discovery pair. */
export function coreToolNames(readOnly = false): string[] {
  const reads = new Set(
    connector.manifest.operations.filter((op) => op.method === 'GET').map((op) => op.name),
  );
  return [
    ...connector.manifest.operations
      .filter((op) => CORE_OPERATIONS.includes(op.name) && (!readOnly || reads.has(op.name)))
      .map((op) => op.name),
    ...LOOKUP_TOOLS.filter((name) => CORE_LOOKUPS.includes(name.replace(/^lookup_/, ''))),
    ...DISCOVERY,
  ];
}

/**
 * Every operation and every lookup is a tool (the toolset `all`), with the discovery pair; each input schema is
 * the manifest's in the portable spelling, and every schema compiles with Ajv 2020.
 */
export function expectEveryTool(tools: Tool[]): void {
  const operations = connector.manifest.operations;
  expect(tools.map((t) => t.name).sort()).toEqual(
    [...operations.map((op) => op.name), ...LOOKUP_TOOLS, ...DISCOVERY].sort(),
  );
  for (const tool of tools) {
    expect(() => compile2020(tool.inputSchema), tool.name).not.toThrow();
    expect(tool.inputSchema.type).toBe('object');
    if (tool.name === 'run_operation') continue; // its output is the operation's
    expect(() => compile2020(tool.outputSchema as object), tool.name).not.toThrow();
    expect(tool.outputSchema?.type).toBe('object');
  }
  for (const op of operations) {
    expect(tools.find((t) => t.name === op.name)?.inputSchema).toEqual(
      portableSchema(op.input_schema, 'input'),
    );
  }
}

/** The error of a tool result (`isError`), parsed from its text. */
export function toolError(result: CallToolResult): {
  code: string;
  message: string;
  details: { issues?: { path: string; message: string }[] } & Record<string, unknown>;
} {
  expect(result.isError).toBe(true);
  expect(result.structuredContent).toBeUndefined();
  const [first] = result.content;
  expect(first?.type).toBe('text');
  return JSON.parse((first as { text: string }).text).error;
}

/** A successful result: its structured content, and the same JSON as its first text. */
export function toolOutput(result: CallToolResult): Record<string, unknown> {
  expect(result.isError).toBeFalsy();
  const [first] = result.content;
  expect(JSON.parse((first as { text: string }).text)).toEqual(result.structuredContent);
  return result.structuredContent as Record<string, unknown>;
}

/** The bytes of a result's embedded resource (a downloaded file). */
export function resourceBytes(result: CallToolResult): Buffer {
  const resource = result.content.find((item) => item.type === 'resource') as
    | { resource: { blob: string } }
    | undefined;
  expect(resource, 'an embedded resource').toBeDefined();
  return Buffer.from(resource?.resource.blob ?? '', 'base64');
}

/**
 * A tool's output in the plugin API's shape, for an operation case: a downloaded file's bytes come back as a
 * stream (from the embedded resource), and its size where Pipedrive told it (the tool counts what it read).
 */
export function caseOutput(
  c: { op: string; file?: { size?: number } },
  result: CallToolResult,
  output: Record<string, unknown>,
): unknown {
  if (c.file) {
    const { size, ...file } = output;
    const data = Readable.from([resourceBytes(result)]);
    return { ...file, ...(c.file.size === undefined ? {} : { size }), data };
  }
  return c.op === 'api_request' ? output.response : output;
}

/** The requests nock did not expect during this test (so, any request at all where none is set up). */
export function unexpectedRequests(): string[] {
  const sent: string[] = [];
  const record = (request: Request) => sent.push(`${request.method} ${new URL(request.url).pathname}`);
  nock.emitter.on('no match', record);
  onTestFinished(() => {
    nock.emitter.off('no match', record);
  });
  return sent;
}
