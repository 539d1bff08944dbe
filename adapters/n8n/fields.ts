/**
 * How each input field of the manifest becomes an n8n parameter, read from its JSON Schema. The generator of
 * the node descriptions (describe.ts) and the nodes at run time (params.ts) both ask this module, so that a
 * parameter is always read back the way it was described.
 */
import type { OperationEntry, TriggerEntry } from '../../index.js';

export type JsonSchema = Record<string, unknown>;

export type FieldKind =
  | 'string'
  | 'number'
  | 'boolean'
  /** One of labelled values (`oneOf` of consts, or `enum`). */
  | 'options'
  /** A list of labelled values. */
  | 'multiOptions'
  /** A list of free values (IDs, keys): a comma-separated string or, by expression, an array. */
  | 'list'
  /** `format: date`: n8n's date picker, sent as `YYYY-MM-DD`. */
  | 'date'
  /** `format: date-time`: n8n's date picker, sent as RFC 3339 in the workflow's time zone. */
  | 'dateTime'
  /** Objects and lists of objects (`custom_fields`, `emails`, `location`, ...): JSON text. */
  | 'json'
  /** A field with `x-lookup`: a resource locator (a searchable list, or an ID). */
  | 'lookup'
  /** A 6-digit hex colour (`pattern` of six hex digits): n8n's colour picker, sent without its `#`. */
  | 'color'
  /** A file (`x-binary`): the name of the item's binary property that holds it, n8n's way. */
  | 'binary';

export interface FieldOption {
  name: string;
  value: string | number;
}

export interface Field {
  name: string;
  kind: FieldKind;
  schema: JsonSchema;
  required: boolean;
  /** For `options` and `multiOptions`. */
  options?: FieldOption[];
  /** For `lookup`: the lookup's name and the fields it depends on. */
  lookup?: { name: string; dependsOn: string[]; numeric: boolean };
}

/** The non-null alternative of a nullable field (`anyOf: [X, {type: null}]` or `type: [X, 'null']`). */
export function nonNull(schema: JsonSchema): JsonSchema {
  if (Array.isArray(schema.anyOf)) {
    const alternatives = (schema.anyOf as JsonSchema[]).filter((alt) => alt.type !== 'null');
    if (alternatives.length === 1) return { ...schema, ...alternatives[0], anyOf: undefined };
  }
  if (Array.isArray(schema.type)) {
    const types = (schema.type as string[]).filter((t) => t !== 'null');
    if (types.length === 1) return { ...schema, type: types[0] };
  }
  return schema;
}

function optionsOf(schema: JsonSchema): FieldOption[] | undefined {
  if (Array.isArray(schema.oneOf) && (schema.oneOf as JsonSchema[]).every((alt) => 'const' in alt)) {
    return (schema.oneOf as JsonSchema[]).map((alt) => ({
      name: String(alt.title ?? alt.const),
      value: alt.const as string | number,
    }));
  }
  if (Array.isArray(schema.enum)) {
    return (schema.enum as (string | number)[]).map((value) => ({ name: String(value), value }));
  }
  return undefined;
}

/** The pattern of a colour as Pipedrive takes it: six hex digits, no `#`. */
const HEX_COLOR = '^[0-9A-Fa-f]{6}$';

/** The field's kind, options and lookup. */
export function classify(name: string, raw: JsonSchema, required: boolean): Field {
  const schema = nonNull(raw);
  const field = (kind: FieldKind, extra: Partial<Field> = {}): Field => ({
    name,
    kind,
    schema: raw,
    required,
    ...extra,
  });
  if (schema['x-binary'] !== undefined) return field('binary');
  const lookup = schema['x-lookup'] as { lookup: string; dependsOn?: string[] } | undefined;
  if (lookup) {
    return field('lookup', {
      lookup: {
        name: lookup.lookup,
        dependsOn: lookup.dependsOn ?? [],
        numeric: schema.type === 'integer' || schema.type === 'number',
      },
    });
  }
  const options = optionsOf(schema);
  if (options) return field('options', { options });
  switch (schema.type) {
    case 'boolean':
      return field('boolean');
    case 'integer':
    case 'number':
      return field('number');
    case 'string':
      if (schema.format === 'date') return field('date');
      if (schema.format === 'date-time') return field('dateTime');
      if (schema.pattern === HEX_COLOR) return field('color');
      return field('string');
    case 'array': {
      const items = nonNull((schema.items as JsonSchema | undefined) ?? {});
      const itemOptions = optionsOf(items);
      if (itemOptions) return field('multiOptions', { options: itemOptions });
      if (items.type === 'object' || items.anyOf || items.oneOf) return field('json');
      return field('list');
    }
    default:
      // Objects, and anything without one plain type, are written as JSON.
      return field('json');
  }
}

/** Fields the nodes replace with n8n's own conventions: paging is Return All / Limit. */
export const PAGING_FIELDS = new Set(['cursor', 'limit', 'return_all', 'max_items']);

export type OperationLike = Pick<OperationEntry | TriggerEntry, 'name' | 'input_schema'> &
  Partial<Pick<OperationEntry, 'pagination'>>;

/** The operation's fields in schema order, without the paging fields of a paginated operation. */
export function fieldsOf(operation: OperationLike): Field[] {
  const properties = (operation.input_schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((operation.input_schema.required as string[] | undefined) ?? []);
  return Object.entries(properties)
    .filter(([name]) => !(operation.pagination && PAGING_FIELDS.has(name)))
    .map(([name, schema]) => classify(name, schema, required.has(name)));
}
