/**
 * The MCP tools, made from the manifest alone: one tool per operation (named as the operation), one per lookup
 * (`lookup_<name>`), and the discovery pair (`find_operations`, `run_operation`). A session lists the curated
 * core by default (core.ts), the tools of the toolsets it names, or `all`. Schemas are the manifest's in the
 * portable spelling (portable.ts); output schemas are objects at the top, as MCP requires, and the core's tools
 * list none (docs/decisions.md, "MCP: a curated core").
 */
import {
  answersFile,
  BASE64_MAX_BYTES,
  ConnectorError,
  connector,
  fileFields,
  type LookupEntry,
  lookupFields,
  type Manifest,
  type OperationEntry,
} from '../../index.js';
import type { JsonSchema } from '../../runtime/json-schema.js';
import { CORE_LOOKUPS, CORE_OPERATIONS } from './core.js';
import { FIND_OUTPUT, FIND_TOOL, findInputSchema, RUN_TOOL, runInputSchema } from './discovery.js';
import { portableSchema } from './portable.js';

/** The most records one tool call returns: `return_all`, `max_items` and `limit` are cut to it. */
export const DEFAULT_MAX_ITEMS = 200;

/** The optional argument that names the connection of one call, when the session does not fix one. */
export const CONNECTION_ARGUMENT = 'connection_id';

export const LOOKUP_PREFIX = 'lookup_';

/** The toolset of the curated core (the default) and the one of every tool. */
export const CORE_TOOLSET = 'core';
export const ALL_TOOLSET = 'all';

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
  /** Absent for the core's tools and run_operation (whose output is the operation's). */
  outputSchema?: JsonSchema & { type: 'object' };
  annotations: ToolAnnotations;
}

export interface Tool {
  definition: ToolDefinition;
  /** An operation, a lookup, or one of the discovery pair (`find`: find_operations, `run`: run_operation). */
  kind: 'operation' | 'lookup' | 'find' | 'run';
  /** The operation or lookup it runs (the discovery pair: its own name). */
  target: string;
  /** A list or search operation (pages, `return_all`). */
  pages: boolean;
  /** Its output is not an object (api_request): the structured content is `{ response: output }`. */
  wrapped: boolean;
}

export interface ToolChoices {
  /** Only tools that read: writes are neither listed nor callable. */
  readOnly?: boolean;
  /**
   * The tools of these toolsets: resources (`deals`, `persons`, ...: their operations, with the lookups that fill
   * their IDs), `core` (the curated core, the default) or `all` (every tool). The discovery pair is always there.
   */
  toolsets?: readonly string[];
  /** The bound of one call (default 200 records). */
  maxItems?: number;
  /** Every tool takes an optional `connection_id` (a session that fixes no connection). */
  connectionArgument?: boolean;
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

/** How files go in and out of a tool: base64 up to BASE64_MAX_BYTES. */
function filesNote(op: OperationEntry): string[] {
  const cap = `${BASE64_MAX_BYTES / 1024} KiB`;
  const lines: string[] = [];
  const fields = fileFields(op.input_schema).map((field) => `\`${field.name}\``);
  if (fields.length > 0) {
    lines.push(
      `Give the file in ${fields.join(', ')} as {"base64": "...", "name": "contract.pdf", "type": "application/pdf"}, at most ${cap}; larger files go through the host's multipart upload or the CLI's --file.`,
    );
  }
  if (answersFile(op.output_schema)) {
    lines.push(
      `The file comes back as an embedded resource (base64) when it is at most ${cap}; a larger one answers its name, type and size, and how to download it.`,
    );
  }
  return lines;
}

function whenToUse(op: OperationEntry, maxItems: number, lookupTools: Set<string>): string[] {
  const lines: string[] = [];
  const resource = op.resource.replace(/_/g, ' ');
  if (op.pagination) {
    const style =
      op.api === 'v1'
        ? '`start` set to `additional_data.pagination.next_start`'
        : '`cursor` set to `additional_data.next_cursor`';
    lines.push(
      op.name.startsWith('search') || op.name.startsWith('find')
        ? `Use it to find ${resource} by text when you do not know their ID.`
        : `Use it to browse or filter ${resource}.`,
      `One page per call (\`limit\`, at most ${maxItems} records); when \`additional_data.has_more\` is true, call again with ${style}. \`return_all: true\` reads up to ${maxItems} records in one call.`,
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

function operationTool(
  op: OperationEntry,
  maxItems: number,
  lookupTools: Set<string>,
  withOutput: boolean,
): Tool {
  const description = [
    op.description,
    ...whenToUse(op, maxItems, lookupTools),
    ...filesNote(op),
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
      inputSchema: portableSchema(op.input_schema, 'input') as JsonSchema & { type: 'object' },
      ...(withOutput ? { outputSchema: portableSchema(outputSchema(op)) } : {}),
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

function lookupTool(lookup: LookupEntry, withOutput: boolean): Tool {
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
      inputSchema: portableSchema(lookup.input_schema, 'input') as JsonSchema & { type: 'object' },
      ...(withOutput ? { outputSchema: portableSchema(LOOKUP_OUTPUT) } : {}),
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

/** The toolsets: `core`, `all` and the resources of the manifest. */
export function toolsetNames(manifest: Manifest = connector.manifest): string[] {
  const resources = [...new Set(manifest.operations.map((op) => op.resource))].sort();
  for (const reserved of [CORE_TOOLSET, ALL_TOOLSET]) {
    if (resources.includes(reserved)) throw new Error(`A resource is named ${reserved}, a reserved toolset`);
  }
  return [CORE_TOOLSET, ALL_TOOLSET, ...resources];
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
    {
      issues: [
        { path: 'toolsets', message: `${unknown.join(', ')} is not a toolset (core, all or a resource)` },
      ],
    },
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
    description: 'The ID of the Pipedrive connection to act with (the host knows the ones you may use)',
  };
  return { ...tool, definition: { ...tool.definition, inputSchema: { ...schema, properties } } };
}

/** find_operations and run_operation, for a session (read-only or not). */
function discoveryTools(manifest: Manifest, readOnly: boolean): Tool[] {
  const count = manifest.operations.filter((op) => !readOnly || op.method === 'GET').length;
  const find: ToolDefinition = {
    name: FIND_TOOL,
    title: 'Find Pipedrive operations',
    description: [
      `Searches the ${count} Pipedrive operations this server can run${readOnly ? ' (those that read: the session is read-only)' : ''}, most of them not listed as tools: by words (\`query\`) and/or \`resource\`. Answers each match's name, title, method, description and token cost, and with \`include_input_schema: true\` its input schema.`,
      'Use it when no listed tool does what you need, then call run_operation with the name and an input that fits the schema. Without a query or resource it lists the resources.',
      'Example input: {"query":"merge persons","include_input_schema":true}',
    ].join('\n'),
    inputSchema: portableSchema(findInputSchema(manifest), 'input'),
    outputSchema: portableSchema(FIND_OUTPUT),
    annotations: { title: 'Find Pipedrive operations', readOnlyHint: true, openWorldHint: false },
  };
  const run: ToolDefinition = {
    name: RUN_TOOL,
    title: 'Run a Pipedrive operation',
    description: [
      `Runs any operation by its name (find_operations finds it), with \`input\` checked against that operation's input schema first: a wrong field is an invalid_input error naming it (\`input.<field>\`), and nothing is sent.${readOnly ? ' The session is read-only: only operations that read (GET) run.' : ' Writes (POST, PATCH, PUT, DELETE) change Pipedrive: ask before deleting.'}`,
      "Lists return one page and say how to continue, as the listed tools do. The answer is the operation's output.",
      'Example input: {"name":"get_deal","input":{"id":42}}',
    ].join('\n'),
    inputSchema: portableSchema(runInputSchema(readOnly), 'input'),
    annotations: readOnly
      ? { title: 'Run a Pipedrive operation', readOnlyHint: true, openWorldHint: false }
      : {
          title: 'Run a Pipedrive operation',
          readOnlyHint: false,
          destructiveHint: true,
          idempotentHint: false,
          openWorldHint: false,
        },
  };
  return [
    { definition: find, kind: 'find', target: FIND_TOOL, pages: false, wrapped: false },
    { definition: run, kind: 'run', target: RUN_TOOL, pages: false, wrapped: false },
  ];
}

/**
 * The tools for these choices: operations (in the manifest's order), lookups, then the discovery pair. Without
 * toolsets, the curated core (`core`). A resource toolset lists its operations, and a lookup is listed when it is
 * named as one of the toolsets (`deals` → lookup_deals) or fills a field of an operation of such a toolset; the
 * core brings its own few lookups. The core's tools list no output schema (their results still carry
 * `structuredContent`); `all` lists every tool with its output schema.
 */
export function buildTools(choices: ToolChoices = {}, manifest: Manifest = connector.manifest): Tool[] {
  const maxItems = choices.maxItems ?? DEFAULT_MAX_ITEMS;
  const toolsets = new Set(
    choices.toolsets && choices.toolsets.length > 0 ? choices.toolsets : [CORE_TOOLSET],
  );
  checkToolsets([...toolsets], manifest);
  const all = toolsets.has(ALL_TOOLSET);
  const core = toolsets.has(CORE_TOOLSET) ? new Set(CORE_OPERATIONS) : new Set<string>();
  const readable = manifest.operations.filter((op) => !choices.readOnly || op.method === 'GET');
  const byResource = readable.filter((op) => all || toolsets.has(op.resource));
  const fromResources = new Set(byResource.map((op) => op.name));
  const operations = readable.filter((op) => fromResources.has(op.name) || core.has(op.name));
  const lookups = manifest.lookups;
  const lookupsFromToolsets = new Set(
    all
      ? lookups.map((l) => l.name)
      : [
          ...lookups.filter((l) => toolsets.has(l.name)).map((l) => l.name),
          ...byResource.flatMap((op) => [...lookupFields(op.input_schema).values()]),
        ],
  );
  const coreLookups = new Set(toolsets.has(CORE_TOOLSET) ? CORE_LOOKUPS : []);
  // An output schema for the tools a toolset asked for, not for those only the core brings.
  const lookupTools = lookups
    .filter((l) => lookupsFromToolsets.has(l.name) || coreLookups.has(l.name))
    .map((l) => lookupTool(l, lookupsFromToolsets.has(l.name)));
  const names = new Set(lookupTools.map((t) => t.definition.name));
  const tools = [
    ...operations.map((op) => operationTool(op, maxItems, names, fromResources.has(op.name))),
    ...lookupTools,
    ...discoveryTools(manifest, choices.readOnly === true),
  ];
  // An operation named as a discovery tool would be shadowed.
  const seen = new Set<string>();
  for (const { definition } of tools) {
    if (seen.has(definition.name)) throw new Error(`Two tools are named ${definition.name}`);
    seen.add(definition.name);
  }
  // find_operations reads the manifest only: it acts with no connection.
  return choices.connectionArgument
    ? tools.map((tool) => (tool.kind === 'find' ? tool : withConnectionArgument(tool)))
    : tools;
}
