import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import connector from '../../index.js';

/** Ajv for JSON Schema 2020-12 (the manifest's dialect), checking the schemas against the meta-schema. */
export function ajv2020(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
  return ajv;
}

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
    dialect ? { jsonSchemaValidator: new AjvJsonSchemaValidator(ajv2020() as never) } : {},
  );
  client.onerror = (error) => errors.push(error);
  await client.connect(transport);
  await client.listTools();
  return client;
}

/** The tools of `--toolsets stages --read-only`: its reads, and the lookups that fill their IDs. */
export const STAGE_READS = ['get_stage', 'list_stages', 'lookup_pipelines', 'lookup_stages'];

export const LOOKUP_TOOLS = connector.manifest.lookups.map((l) => `lookup_${(l as { name: string }).name}`);

/** Every operation and every lookup is a tool; each input schema is the manifest's and compiles with Ajv 2020. */
export function expectEveryTool(tools: Tool[]): void {
  const operations = connector.manifest.operations;
  expect(tools.map((t) => t.name).sort()).toEqual(
    [...operations.map((op) => op.name), ...LOOKUP_TOOLS].sort(),
  );
  const ajv = ajv2020();
  for (const tool of tools) {
    expect(() => ajv.compile(tool.inputSchema), tool.name).not.toThrow();
    expect(() => ajv.compile(tool.outputSchema as object), tool.name).not.toThrow();
    expect(tool.inputSchema.type).toBe('object');
    expect(tool.outputSchema?.type).toBe('object');
  }
  for (const op of operations) {
    expect(tools.find((t) => t.name === op.name)?.inputSchema).toEqual(op.input_schema);
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
