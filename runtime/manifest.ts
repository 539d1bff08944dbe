import type { Operation } from './define.js';
import { type JsonSchema, toJsonSchema } from './json-schema.js';
import { withLookups } from './lookup.js';
import type { Alias, Removal } from './registry.js';

export interface OperationEntry {
  name: string;
  title: string;
  description: string;
  resource: string;
  method: string;
  path: string;
  api: string;
  scopes: readonly string[];
  pagination?: { max_limit: number; items: string };
  input_schema: JsonSchema;
  output_schema: JsonSchema;
  sample: Record<string, unknown>;
}

export function operationEntry(op: Operation): OperationEntry {
  return {
    name: op.name,
    title: op.title,
    description: op.description,
    resource: op.resource,
    // A raw operation (api_request) takes its method and path from the input.
    method: op.raw ? 'ANY' : op.method,
    path: op.raw ? '{path}' : op.path,
    api: op.api,
    scopes: op.scopes,
    ...(op.pagination
      ? { pagination: { max_limit: op.pagination.maxLimit, items: op.pagination.items ?? 'data' } }
      : {}),
    input_schema: withLookups(toJsonSchema(op.input, 'input'), op.resource),
    output_schema: toJsonSchema(op.output, 'output'),
    sample: op.sample,
  };
}

export interface ManifestParts {
  name: string;
  title: string;
  version: string;
  description: string;
  auth: unknown;
  operations: readonly Operation[];
  aliases: Readonly<Record<string, Alias>>;
  removed: Readonly<Record<string, Removal>>;
  lookups?: readonly unknown[];
  triggers?: readonly unknown[];
}

/** The connector manifest: what an engine reads to show the connector. */
export function buildManifest(parts: ManifestParts) {
  return {
    name: parts.name,
    title: parts.title,
    version: parts.version,
    description: parts.description,
    auth: parts.auth,
    operations: parts.operations.map(operationEntry),
    deprecated_operations: Object.entries(parts.aliases).map(([name, alias]) => ({
      name,
      replaced_by: alias.to,
      ...(alias.note ? { note: alias.note } : {}),
    })),
    removed_operations: Object.entries(parts.removed).map(([name, removal]) => ({
      name,
      instead: removal.instead,
    })),
    lookups: parts.lookups ?? [],
    triggers: parts.triggers ?? [],
  };
}

export type Manifest = ReturnType<typeof buildManifest>;
