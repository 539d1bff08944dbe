import { z } from 'zod';
import { BINARY_KEYWORD } from './binary.js';
import { binaryJsonSchema } from './files.js';

/**
 * JSON Schema for forms, from zod 4's native `z.toJSONSchema` (zod-to-json-schema does not understand zod 4).
 * On top of zod's output:
 * - every property has a `title` (the humanized key unless one was given) and keeps its `description`;
 * - enums with labels become `oneOf: [{ const, title }]`;
 * - the ±2^53 bounds zod puts on integers are dropped, and `exclusiveMinimum: 0` becomes `minimum: 1`;
 * - a `format` (date, date-time, email, uuid) replaces zod's long equivalent `pattern`;
 * - a file field or file answer (`x-binary`, runtime/files.ts) gets its JSON shape.
 */

export type JsonSchema = { [key: string]: unknown };

/** Attach a form label and help text. `title` defaults to the humanized key when the JSON Schema is built. */
export function describe<T extends z.ZodType>(schema: T, description: string, title?: string): T {
  return schema.meta(title ? { title, description } : { description });
}

const SAFE = Number.MAX_SAFE_INTEGER;

const WORDS: Record<string, string> = {
  id: 'ID',
  ids: 'IDs',
  org: 'Organization',
  url: 'URL',
  uuid: 'UUID',
  api: 'API',
  im: 'IM',
  csv: 'CSV',
  arr: 'ARR',
  mrr: 'MRR',
  acv: 'ACV',
  bcc: 'BCC',
  cc: 'CC',
  vat: 'VAT',
  sku: 'SKU',
};

/** `owner_id` → `Owner ID`, `org_id` → `Organization ID`. */
export function humanize(key: string): string {
  const words = key.split(/[_\s]+/).filter(Boolean);
  return words
    .map((word, index) => {
      const lower = word.toLowerCase();
      if (WORDS[lower]) return WORDS[lower];
      return index === 0 ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
    })
    .join(' ');
}

function isObject(value: unknown): value is JsonSchema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function tidy(node: JsonSchema): void {
  if (node.type === 'integer') {
    if (node.maximum === SAFE) delete node.maximum;
    if (node.minimum === -SAFE) delete node.minimum;
    if (node.exclusiveMinimum === 0) {
      delete node.exclusiveMinimum;
      node.minimum = 1;
    }
  }
  if (typeof node.format === 'string' && typeof node.pattern === 'string') delete node.pattern;
  const labels = node['x-enum-labels'];
  if (isObject(labels)) {
    const values = Array.isArray(node.enum) ? node.enum : 'const' in node ? [node.const] : [];
    node.oneOf = values.map((value) => ({ const: value, title: labels[String(value)] ?? String(value) }));
    delete node.enum;
    delete node.const;
    delete node['x-enum-labels'];
  }
}

function walk(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item);
    return;
  }
  if (!isObject(node)) return;
  tidy(node);
  if (isObject(node.properties)) {
    for (const [key, schema] of Object.entries(node.properties)) {
      if (!isObject(schema)) continue;
      if (typeof schema.title !== 'string') schema.title = humanize(key);
    }
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && isObject(value)) {
      for (const child of Object.values(value)) walk(child);
    } else if (typeof value === 'object') {
      walk(value);
    }
  }
}

/** Form-ready JSON Schema of a zod schema. `io: 'input'` for inputs (defaults optional), `'output'` for outputs. */
export function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      if (jsonSchema[BINARY_KEYWORD]) binaryJsonSchema(jsonSchema as JsonSchema, io);
      // A JSON Schema `pattern` has no flags: a case-insensitive regex would be case-sensitive in every form.
      const checks = (zodSchema._zod.def as { checks?: { _zod: { def: { pattern?: unknown } } }[] }).checks;
      for (const check of checks ?? []) {
        const pattern = check._zod.def.pattern;
        if (pattern instanceof RegExp && pattern.flags) {
          throw new Error(`Regex ${pattern} has flags, which JSON Schema cannot carry; spell them out`);
        }
      }
    },
  }) as JsonSchema;
  walk(json);
  return json;
}

/** The parts of a JSON Schema node that {@link schemaType} reads. */
export type SchemaNode = JsonSchema & {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  enum?: unknown[];
  required?: string[];
  format?: string;
  minimum?: number;
  maximum?: number;
};

/**
 * A short human type: `integer`, `string (date)`, `array of "open" | "won"`, `object`, `... or null`, `file`,
 * `file (image/*)`.
 */
export function schemaType(node: SchemaNode | undefined): string {
  if (!node) return 'any';
  const binary = node[BINARY_KEYWORD] as { accept?: string[] } | undefined;
  if (binary) return binary.accept ? `file (${binary.accept.join(', ')})` : 'file';
  if (node.anyOf) {
    const parts = node.anyOf.map((alt) => schemaType(alt));
    return [...new Set(parts)].join(' or ');
  }
  if (node.oneOf?.every((o) => 'const' in o))
    return node.oneOf.map((o) => JSON.stringify(o.const)).join(' | ');
  if (Array.isArray(node.enum)) return node.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (Array.isArray(node.type)) return node.type.join(' or ');
  if (node.type === 'array') return `array of ${schemaType(node.items)}`;
  if (node.type === 'string' && node.format) return `string (${node.format})`;
  if (node.type === 'integer' && node.maximum !== undefined)
    return `integer ${node.minimum ?? ''}–${node.maximum}`;
  return node.type ?? 'any';
}
