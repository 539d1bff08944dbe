import { type CallContext, cacheKeyOf } from './context.js';
import { ConnectorError, type ErrorIssue } from './errors.js';
import type { JsonSchema } from './json-schema.js';

/**
 * Custom fields by name. Pipedrive keys custom fields by 40-character hashes and stores options by ID; users
 * think in field names and option labels. This module encodes names and labels into keys and IDs on the way
 * in, adds `custom_fields_by_name` (labels resolved) on the way out, and types the account's fields as JSON
 * Schema for forms. Field definitions are fetched once per connection and kept for a few minutes.
 */

export type CustomFieldEntity = 'deal' | 'person' | 'organization' | 'product' | 'project';

/** How an operation's records carry custom fields. */
export interface CustomFieldsDeclaration {
  entity: CustomFieldEntity;
  /** `object` (API v2: a `custom_fields` object) or `top-level` (API v1 leads: hash keys beside the fields). */
  style?: 'object' | 'top-level';
}

export interface FieldOption {
  id: number | string;
  label: string;
}

export interface FieldDefinition {
  key: string;
  name: string;
  type: string;
  custom: boolean;
  options?: FieldOption[];
  subfields?: { key: string; name: string; type: string }[];
}

/** The key of a custom field: a 40-character hex hash. */
export const HASH_KEY = /^[0-9a-f]{40}$/;
const NUMERIC = /^-?\d+(\.\d+)?$/;
const normalize = (text: string) => text.trim().toLowerCase();

function describeOptions(field: FieldDefinition): string {
  const labels = (field.options ?? []).map((o) => `"${o.label}"`);
  return labels.length > 12 ? `${labels.slice(0, 12).join(', ')}, ...` : labels.join(', ');
}

/** One entity's custom fields, indexed by key and by name. */
export class FieldSet {
  readonly byKey = new Map<string, FieldDefinition>();
  private readonly byName = new Map<string, FieldDefinition[]>();

  constructor(
    readonly entity: CustomFieldEntity,
    readonly fields: readonly FieldDefinition[],
  ) {
    for (const field of fields) {
      if (!field.custom) continue;
      this.byKey.set(field.key, field);
      const name = normalize(field.name);
      this.byName.set(name, [...(this.byName.get(name) ?? []), field]);
    }
  }

  /** The field for a key or a name; throws a message for unknown or ambiguous names. */
  resolve(keyOrName: string): FieldDefinition | string {
    const byKey = this.byKey.get(keyOrName);
    if (byKey) return byKey;
    const named = this.byName.get(normalize(keyOrName)) ?? [];
    if (named.length === 1) return named[0] as FieldDefinition;
    if (named.length > 1) {
      return `is the name of ${named.length} ${this.entity} fields; use the key (${named.map((f) => f.key).join(', ')})`;
    }
    return `is not a custom ${this.entity} field (neither a key nor a name)`;
  }

  private option(field: FieldDefinition, value: unknown): FieldOption | undefined {
    const options = field.options ?? [];
    const text =
      typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
    if (text === undefined) return undefined;
    return (
      options.find((o) => String(o.id) === text) ??
      options.find((o) => normalize(o.label) === normalize(text))
    );
  }

  /** A value as Pipedrive wants it for this field: option IDs for options, numbers for numbers. */
  encodeValue(field: FieldDefinition, value: unknown, path: string, issues: ErrorIssue[]): unknown {
    if (value === null || value === undefined) return value;
    const fail = (message: string) => {
      issues.push({ path, message });
      return value;
    };
    switch (field.type) {
      case 'enum': {
        const option = this.option(field, value);
        return option
          ? option.id
          : fail(`"${String(value)}" is not an option of "${field.name}" (${describeOptions(field)})`);
      }
      case 'set': {
        const values = Array.isArray(value)
          ? value
          : typeof value === 'string' && !this.option(field, value)
            ? value.split(',')
            : [value];
        return values.map((item) => {
          const option = this.option(field, item);
          return option
            ? option.id
            : fail(`"${String(item)}" is not an option of "${field.name}" (${describeOptions(field)})`);
        });
      }
      case 'double':
      case 'int':
      case 'user':
      case 'org':
      case 'people':
        return typeof value === 'string' && NUMERIC.test(value.trim()) ? Number(value) : value;
      case 'monetary':
        if (typeof value === 'number') return { value };
        if (typeof value === 'string' && NUMERIC.test(value.trim())) return { value: Number(value) };
        return value;
      case 'address':
        return typeof value === 'string' ? { value } : value;
      default:
        return value;
    }
  }

  /**
   * `custom_fields` from names and labels to keys and IDs. Unknown names and labels become issues naming
   * them; `unknownNames` tells the caller to try again with fresh definitions before giving up.
   */
  encode(input: Record<string, unknown>, prefix = 'custom_fields') {
    const out: Record<string, unknown> = Object.create(null);
    const issues: ErrorIssue[] = [];
    let unknownNames = false;
    for (const [keyOrName, value] of Object.entries(input)) {
      const field = this.resolve(keyOrName);
      const path = `${prefix}.${keyOrName}`;
      if (typeof field === 'string') {
        issues.push({ path, message: field });
        unknownNames = true;
        continue;
      }
      out[field.key] = this.encodeValue(field, value, path, issues);
    }
    return { value: out, issues, unknownNames };
  }

  /** A stored value for people: option labels instead of IDs. */
  decodeValue(field: FieldDefinition, value: unknown): unknown {
    if (value === null || value === undefined) return null;
    if (field.type === 'enum') return this.labelOf(field, value);
    if (field.type === 'set') {
      const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
      return items.map((item) => this.labelOf(field, item));
    }
    return value;
  }

  private labelOf(field: FieldDefinition, value: unknown): unknown {
    if (value && typeof value === 'object' && 'label' in value) return (value as { label: unknown }).label;
    return this.option(field, value)?.label ?? value;
  }

  /** `{ <field name>: <value with labels> }` for the custom fields present in `values`. */
  decode(values: Record<string, unknown>): Record<string, unknown> {
    // Keyed by the account's own field names: a field named `__proto__` must be a key, not a prototype.
    const out: Record<string, unknown> = Object.create(null);
    for (const [key, value] of Object.entries(values)) {
      const field = this.byKey.get(key);
      if (field) out[field.name] = this.decodeValue(field, value);
    }
    return out;
  }

  /** JSON Schema of one field's value, for forms (`io: 'input'`: IDs with labels) or outputs (labels). */
  valueSchema(field: FieldDefinition, io: 'input' | 'output'): JsonSchema {
    // `x-custom-field` marks text that comes from the account (the name): forms must show it as plain text.
    const base: JsonSchema = {
      title: field.name,
      description: `Custom field "${field.name}" (${field.type}, key ${field.key})`,
      'x-custom-field': field.key,
    };
    const options = (field.options ?? []).map((o) => ({
      const: io === 'input' ? o.id : o.label,
      title: o.label,
    }));
    switch (field.type) {
      case 'enum':
        return { ...base, oneOf: options };
      case 'set':
        return { ...base, type: 'array', items: { oneOf: options } };
      case 'double':
        return { ...base, type: 'number' };
      case 'int':
        return { ...base, type: 'integer' };
      case 'user':
        return { ...base, type: 'integer', 'x-lookup': { lookup: 'users' } };
      case 'org':
        return { ...base, type: 'integer', 'x-lookup': { lookup: 'organizations' } };
      case 'people':
        return { ...base, type: 'integer', 'x-lookup': { lookup: 'persons' } };
      case 'date':
        return { ...base, type: 'string', format: 'date' };
      case 'monetary':
        return {
          ...base,
          type: 'object',
          properties: {
            value: { type: 'number', title: 'Amount', description: 'The amount' },
            currency: { type: 'string', title: 'Currency', description: '3-letter currency code, e.g. EUR' },
          },
        };
      case 'address':
        return {
          ...base,
          type: 'object',
          properties: Object.fromEntries([
            ['value', { type: 'string', title: 'Address', description: 'The full address' }],
            ...(field.subfields ?? [])
              .filter((s) => s.key !== 'value')
              .map((s) => [s.key, { type: 'string', title: s.name, description: s.name }]),
          ]),
        };
      default:
        return { ...base, type: 'string' };
    }
  }

  /** The `custom_fields` object typed with this account's fields, by name. */
  schema(io: 'input' | 'output'): JsonSchema {
    // Keyed by the account's own field names (see decode).
    const properties: Record<string, JsonSchema> = Object.create(null);
    for (const field of this.byKey.values()) properties[field.name] = this.valueSchema(field, io);
    return {
      type: 'object',
      title: io === 'input' ? 'Custom fields' : 'Custom fields by name',
      description:
        io === 'input'
          ? `The account's custom ${this.entity} fields by name (keys and option IDs are accepted too)`
          : 'The custom fields by name, option labels resolved',
      properties,
    };
  }
}

/** Turn a field list record (API v2 `dealFields` & co.) into a definition. */
export function toFieldDefinition(record: Record<string, unknown>): FieldDefinition {
  const key = String(record.field_code ?? record.key ?? '');
  const options = Array.isArray(record.options) ? (record.options as FieldOption[]) : undefined;
  const subfields = Array.isArray(record.subfields)
    ? (record.subfields as Record<string, unknown>[]).map((s) => ({
        key: String(s.field_code ?? s.key ?? ''),
        name: String(s.field_name ?? s.name ?? ''),
        type: String(s.field_type ?? ''),
      }))
    : undefined;
  return {
    key,
    name: String(record.field_name ?? record.name ?? key),
    type: String(record.field_type ?? ''),
    custom: record.is_custom_field === true || (record.is_custom_field === undefined && HASH_KEY.test(key)),
    ...(options ? { options } : {}),
    ...(subfields ? { subfields } : {}),
  };
}

/** The connection whose cached definitions to forget: its call context, or its `cacheKey` alone. */
export type FieldCacheScope = CallContext | { cacheKey: string };

/**
 * Field definitions per connection and entity, fetched once and kept for `ttlMs` (5 minutes by default).
 * Concurrent first calls share one fetch.
 */
export class FieldCatalog {
  private readonly cache = new Map<string, { expires: number; fields: Promise<FieldSet> }>();

  constructor(
    private readonly fetch: (entity: CustomFieldEntity, ctx: CallContext) => Promise<FieldDefinition[]>,
    private readonly ttlMs = 5 * 60_000,
  ) {}

  get(entity: CustomFieldEntity, ctx: CallContext, options: { fresh?: boolean } = {}): Promise<FieldSet> {
    const key = `${cacheKeyOf(ctx)}|${entity}`;
    const cached = this.cache.get(key);
    if (cached && cached.expires > Date.now() && !options.fresh) return cached.fields;
    const fields = this.fetch(entity, ctx).then((list) => new FieldSet(entity, list));
    this.cache.set(key, { expires: Date.now() + this.ttlMs, fields });
    // A failed fetch is forgotten, unless a newer one has taken its place meanwhile.
    fields.catch(() => {
      if (this.cache.get(key)?.fields === fields) this.cache.delete(key);
    });
    return fields;
  }

  /**
   * Forget the definitions of one connection (or of all), of one entity or of every entity: after the fields
   * were changed (operations declaring `changesFields` do it themselves), the next use reads them again.
   */
  clear(ctx?: FieldCacheScope, entity?: CustomFieldEntity): void {
    if (!ctx) {
      this.cache.clear();
      return;
    }
    const connection = 'auth' in ctx ? cacheKeyOf(ctx) : ctx.cacheKey;
    if (entity) this.cache.delete(`${connection}|${entity}`);
    else
      for (const key of [...this.cache.keys()]) if (key.startsWith(`${connection}|`)) this.cache.delete(key);
  }
}

/**
 * The entity whose field definitions a webhook event's object names (`dealField`, `deal_field`, `person-fields`,
 * any case), or undefined for any other object. Pipedrive announced field-definition webhooks (deal, lead,
 * person, organization, product and project fields) without documenting their object names, so the forms are
 * taken loosely; lead fields are the deal fields.
 */
export function fieldEventEntity(object: string | null | undefined): CustomFieldEntity | undefined {
  const match = /^(deal|lead|person|organization|product|project)[_-]?fields?$/i.exec(object ?? '');
  if (!match) return undefined;
  const entity = (match[1] as string).toLowerCase();
  return entity === 'lead' ? 'deal' : (entity as CustomFieldEntity);
}

/** Whether `custom_fields` can go out as given: hash keys with values that need no option lookup. */
export function alreadyEncoded(values: Record<string, unknown>): boolean {
  return Object.entries(values).every(
    ([key, value]) =>
      HASH_KEY.test(key) &&
      (value === null ||
        typeof value === 'number' ||
        typeof value === 'boolean' ||
        (Array.isArray(value) && value.every((v) => typeof v === 'number')) ||
        (typeof value === 'object' && !Array.isArray(value))),
  );
}

/** The input error for names and labels that are still unknown after a fresh look. */
export function customFieldsError(issues: ErrorIssue[], what: string): ConnectorError {
  return new ConnectorError(
    'invalid_input',
    `Invalid input for ${what}: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}.`,
    { issues },
  );
}
