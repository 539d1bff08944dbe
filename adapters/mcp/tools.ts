/**
 * The MCP tools, made from the manifest alone: one tool per operation (named as the operation) and one per lookup
 * (`lookup_<name>`). Input schemas are the manifest's JSON Schemas as they are; output schemas are the manifest's
 * (an object at the top, as MCP requires), and each tool says how to run it through the plugin API.
 */
import { ConnectorError, connector, type Manifest } from '../../index.js';
import type { JsonSchema } from '../../runtime/json-schema.js';

type OperationEntry = Manifest['operations'][number];

/** A lookup as the manifest lists it. */
export interface LookupEntry {
  name: string;
  title: string;
  description: string;
  depends_on: string[];
  input_schema: JsonSchema;
}

/** The most records one tool call returns: `return_all`, `max_items` and `limit` are cut to it. */
export const DEFAULT_MAX_ITEMS = 200;

/** The optional argument that names the connection of one call, when the session does not fix one. */
export const CONNECTION_ARGUMENT = 'connection_id';

export const LOOKUP_PREFIX = 'lookup_';

export interface ToolAnnotations {
  title: string;
  readOnlyHint: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint: boolean;
}

/** A tool as `tools/list` gives it. */
export interface ToolDefinition {
  name: string;
  title: string;
  description: string;
  inputSchema: JsonSchema & { type: 'object' };
  outputSchema: JsonSchema & { type: 'object' };
  annotations: ToolAnnotations;
}

export interface Tool {
  definition: ToolDefinition;
  kind: 'operation' | 'lookup';
  /** The operation or lookup it runs. */
  target: string;
  /** A list or search operation (pages, `return_all`). */
  pages: boolean;
  /** Its output is not an object (api_request): the structured content is `{ response: output }`. */
  wrapped: boolean;
}

export interface ToolChoices {
  /** Only tools that read: writes are neither listed nor callable. */
  readOnly?: boolean;
  /** Only the tools of these resources (`deals`, `persons`, ...), with the lookups that fill their IDs. */
  toolsets?: readonly string[];
  /** The bound of one call (default 200 records). */
  maxItems?: number;
  /** Every tool takes an optional `connection_id` (a session that fixes no connection). */
  connectionArgument?: boolean;
}

const isObject = (value: unknown): value is JsonSchema =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** `x-lookup` fields anywhere in a schema: field name → lookup name. */
function lookupFields(schema: unknown, found = new Map<string, string>(), key = ''): Map<string, string> {
  if (Array.isArray(schema)) {
    for (const item of schema) lookupFields(item, found, key);
  } else if (isObject(schema)) {
    const lookup = (schema['x-lookup'] as { lookup?: unknown } | undefined)?.lookup;
    if (typeof lookup === 'string' && key && !found.has(key)) found.set(key, lookup);
    for (const [child, value] of Object.entries(schema)) {
      if (child === 'properties' && isObject(value)) {
        for (const [name, prop] of Object.entries(value)) lookupFields(prop, found, name);
      } else if (child !== 'x-lookup') {
        lookupFields(value, found, key);
      }
    }
  }
  return found;
}

const json = (value: unknown) => JSON.stringify(value);

function annotations(op: OperationEntry): ToolAnnotations {
  const base = { title: op.title, openWorldHint: false };
  if (op.steps) {
    // Find-or-create and upsert: a second call finds the record of the first; an upsert may overwrite values.
    const updates = op.steps.some((step) => step.startsWith('update_'));
    return { ...base, readOnlyHint: false, destructiveHint: updates, idempotentHint: true };
  }
  switch (op.method) {
    case 'GET':
      return { ...base, readOnlyHint: true };
    case 'POST':
      // Adds (and starts conversions): a second call makes a second record.
      return { ...base, readOnlyHint: false, destructiveHint: false, idempotentHint: false };
    case 'PATCH':
    case 'PUT':
      // An update overwrites values (not additive), but repeating it changes nothing more.
      return { ...base, readOnlyHint: false, destructiveHint: true, idempotentHint: true };
    case 'DELETE':
      return { ...base, readOnlyHint: false, destructiveHint: true, idempotentHint: true };
    default:
      // api_request: any method on any endpoint.
      return { ...base, readOnlyHint: false, destructiveHint: true, idempotentHint: false };
  }
}

function whenToUse(op: OperationEntry, maxItems: number, lookupTools: Set<string>): string[] {
  const lines: string[] = [];
  const resource = op.resource.replace(/_/g, ' ');
  if (op.pagination) {
    const style =
      op.api === 'v1'
        ? '`additional_data.pagination.next_start` (pass it as `start`)'
        : '`additional_data.next_cursor` (pass it as `cursor`)';
    lines.push(
      op.name.startsWith('search') || op.name.startsWith('find')
        ? `Use it to find ${resource} by text when you do not know their ID.`
        : `Use it to browse or filter ${resource}.`,
      `Returns one page (\`limit\`, at most ${maxItems} records) and, when more remain, \`additional_data.has_more: true\` with ${style} for the next call. \`return_all: true\` reads several pages in one call, up to ${maxItems} records (\`max_items\` for fewer).`,
    );
  } else if (op.method === 'GET') {
    lines.push(`Use it to read ${resource}; it changes nothing.`);
  } else if (op.method === 'POST') {
    lines.push('It creates something: calling it twice does it twice.');
  } else if (op.method === 'PATCH' || op.method === 'PUT') {
    lines.push('Only the fields given are changed; give the ID and at least one field.');
  } else if (op.method === 'DELETE') {
    lines.push('It deletes: ask before you use it.');
  }
  const ownLookup = `${LOOKUP_PREFIX}${op.resource}`;
  if (/\{id\}/.test(op.path) && lookupTools.has(ownLookup)) {
    lines.push(`Find the \`id\` by name with ${ownLookup}.`);
  }
  const fields = [...lookupFields(op.input_schema)]
    .filter(([, lookup]) => lookupTools.has(`${LOOKUP_PREFIX}${lookup}`))
    .map(([field, lookup]) => `${field} → ${LOOKUP_PREFIX}${lookup}`);
  if (fields.length > 0) lines.push(`To find an ID by name: ${fields.join(', ')}.`);
  return lines;
}

/** Output schemas must be objects: a tool whose output is not (api_request) returns `{ response }`. */
function outputSchema(op: OperationEntry): JsonSchema & { type: 'object' } {
  const schema = op.output_schema;
  if (schema.type === 'object') return schema as JsonSchema & { type: 'object' };
  const { $schema, ...response } = schema;
  return {
    ...($schema ? { $schema } : {}),
    type: 'object',
    properties: { response },
    required: ['response'],
    additionalProperties: false,
  };
}

const wrapsOutput = (op: OperationEntry) => op.output_schema.type !== 'object';

function operationTool(op: OperationEntry, maxItems: number, lookupTools: Set<string>): Tool {
  const description = [
    op.description,
    ...whenToUse(op, maxItems, lookupTools),
    wrapsOutput(op) ? "The answer is Pipedrive's JSON under `response`." : '',
    `Example input: ${json(op.sample)}`,
  ]
    .filter(Boolean)
    .join('\n');
  return {
    definition: {
      name: op.name,
      title: op.title,
      description,
      inputSchema: op.input_schema as JsonSchema & { type: 'object' },
      outputSchema: outputSchema(op),
      annotations: annotations(op),
    },
    kind: 'operation',
    target: op.name,
    pages: op.pagination !== undefined,
    wrapped: wrapsOutput(op),
  };
}

/** `{ options: [{ value, label }], next_cursor }`, the answer of every lookup. */
const LOOKUP_OUTPUT: JsonSchema & { type: 'object' } = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    options: {
      type: 'array',
      title: 'Options',
      description: 'The matching records: `value` is the ID (or key) to put in a field, `label` its name',
      items: {
        type: 'object',
        properties: {
          value: { type: ['string', 'number'], title: 'Value', description: 'The ID or key to use' },
          label: { type: 'string', title: 'Label', description: 'What the record is called' },
        },
        required: ['value', 'label'],
        additionalProperties: false,
      },
    },
    next_cursor: {
      type: ['string', 'null'],
      title: 'Next cursor',
      description: 'Pass it as `cursor` for more options; null when there are no more',
    },
  },
  required: ['options', 'next_cursor'],
  additionalProperties: false,
};

function lookupTool(lookup: LookupEntry): Tool {
  const sample: Record<string, unknown> = Object.fromEntries(lookup.depends_on.map((field) => [field, 1]));
  sample.search = 'Acme';
  const depends =
    lookup.depends_on.length > 0
      ? ` Narrow it with ${lookup.depends_on.map((f) => `\`${f}\``).join(', ')}.`
      : '';
  const description = [
    lookup.description,
    `Use it to find an ID by name before a tool that needs the ID: pass \`search\` (part of the name, case-insensitive) and use the \`value\` of the option whose \`label\` matches.${depends} More options: call again with \`cursor\` set to \`next_cursor\`.`,
    `Example input: ${json(sample)}`,
  ].join('\n');
  return {
    definition: {
      name: `${LOOKUP_PREFIX}${lookup.name}`,
      title: `Find ${lookup.title.toLowerCase()}`,
      description,
      inputSchema: lookup.input_schema as JsonSchema & { type: 'object' },
      outputSchema: LOOKUP_OUTPUT,
      annotations: {
        title: `Find ${lookup.title.toLowerCase()}`,
        readOnlyHint: true,
        openWorldHint: false,
      },
    },
    kind: 'lookup',
    target: lookup.name,
    pages: false,
    wrapped: false,
  };
}

/** The resources of the manifest: the toolsets. */
export function toolsetNames(manifest: Manifest = connector.manifest): string[] {
  return [...new Set(manifest.operations.map((op) => op.resource))].sort();
}

/** The toolsets of each manifest, worked out on first use. */
const knownToolsets = new WeakMap<Manifest, ReadonlySet<string>>();

/** `invalid_input` naming the toolsets that are not resources. */
export function checkToolsets(toolsets: readonly string[], manifest: Manifest = connector.manifest): void {
  let known = knownToolsets.get(manifest);
  if (!known) {
    known = new Set(toolsetNames(manifest));
    knownToolsets.set(manifest, known);
  }
  const unknown = toolsets.filter((name) => !known.has(name));
  if (unknown.length === 0) return;
  throw new ConnectorError(
    'invalid_input',
    `Unknown toolset${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}. Toolsets: ${[...known].join(', ')}.`,
    { issues: [{ path: 'toolsets', message: `${unknown.join(', ')} is not a resource` }] },
  );
}

/** `"deals, persons"` → `['deals', 'persons']`; empty for nothing. */
export function parseToolsets(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
}

function withConnectionArgument(tool: Tool): Tool {
  const schema = tool.definition.inputSchema;
  const properties = { ...(schema.properties as Record<string, unknown> | undefined) };
  if (CONNECTION_ARGUMENT in properties) {
    throw new Error(`${tool.definition.name} has a field named ${CONNECTION_ARGUMENT} already`);
  }
  properties[CONNECTION_ARGUMENT] = {
    type: 'string',
    minLength: 1,
    title: 'Connection',
    description: 'The ID of the Pipedrive connection to act with (the host knows the ones you may use)',
  };
  return { ...tool, definition: { ...tool.definition, inputSchema: { ...schema, properties } } };
}

/**
 * The tools for these choices, in the manifest's order (operations, then lookups). With `toolsets`, a lookup is
 * listed when it is named as one of the toolsets (`deals` → lookup_deals) or fills a field of a listed tool.
 */
export function buildTools(choices: ToolChoices = {}, manifest: Manifest = connector.manifest): Tool[] {
  const maxItems = choices.maxItems ?? DEFAULT_MAX_ITEMS;
  const toolsets = choices.toolsets && choices.toolsets.length > 0 ? new Set(choices.toolsets) : undefined;
  if (toolsets) checkToolsets([...toolsets], manifest);
  const operations = manifest.operations.filter(
    (op) => (!toolsets || toolsets.has(op.resource)) && (!choices.readOnly || op.method === 'GET'),
  );
  const lookups = manifest.lookups as LookupEntry[];
  const wanted = new Set(
    toolsets
      ? [
          ...lookups.filter((l) => toolsets.has(l.name)).map((l) => l.name),
          ...operations.flatMap((op) => [...lookupFields(op.input_schema).values()]),
        ]
      : lookups.map((l) => l.name),
  );
  const lookupTools = lookups.filter((l) => wanted.has(l.name)).map(lookupTool);
  const names = new Set(lookupTools.map((t) => t.definition.name));
  const tools = [...operations.map((op) => operationTool(op, maxItems, names)), ...lookupTools];
  return choices.connectionArgument ? tools.map(withConnectionArgument) : tools;
}
