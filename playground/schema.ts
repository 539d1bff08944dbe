/**
 * The adaptation layer between the connector's input schemas (JSON Schema 2020-12, as the manifest and
 * `GET /operations/:name/schema` give them) and @rjsf/core: the schema keeps its meaning for validation,
 * and a uiSchema says how each field is shown.
 *
 * - `anyOf: [X, {type: "null"}]` (a nullable field) becomes X with `type: [X.type, "null"]`: the same values,
 *   without rjsf's "Option 1 / Option 2" switcher.
 * - `oneOf: [{const, title}]` without a `type` (custom field options) gets the type of its constants.
 * - A list of labelled constants (`items.oneOf` of consts) is shown as checkboxes; it gets `uniqueItems`,
 *   which rjsf needs for a multi-select (a value listed twice means nothing to Pipedrive).
 * - A free-form object (`additionalProperties` and no `properties`: `custom_fields` without a connection,
 *   `api_request`'s `query` and `body`) is edited as JSON text.
 * - A field with `x-lookup` is a searchable dropdown backed by `POST /lookups/:name`.
 * - A file field (`x-binary`) is a file picker (file-field.tsx).
 * - A boolean is a select (unset / Yes / No): an unset boolean is left out, which is not the same as false.
 * - Text from the account (custom field names, at any depth) is never markdown; names rjsf or JavaScript give a
 *   meaning (`__proto__`, `ui:...`) are escaped in the form (`formKey`) and restored by `compact`, or, for a
 *   custom field, replaced by its field key.
 */
import type { RJSFSchema, UiSchema } from '@rjsf/utils';

export type JsonSchema = Record<string, unknown>;

export interface LookupRef {
  lookup: string;
  dependsOn?: string[];
}

export interface FormSpec {
  schema: RJSFSchema;
  uiSchema: UiSchema;
}

const isObject = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isConstant = (value: unknown): boolean => isObject(value) && 'const' in value;

/** The JSON type of a constant. */
function typeOf(value: unknown): string {
  if (Number.isInteger(value)) return 'integer';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'string';
}

/** `anyOf: [X, null]` → X accepting null too; anything else unchanged. */
function mergeNullable(schema: JsonSchema): JsonSchema {
  const { anyOf, ...rest } = schema;
  if (!Array.isArray(anyOf) || anyOf.length !== 2) return schema;
  const [a, b] = anyOf as unknown[];
  const isNull = (s: unknown) => isObject(s) && s.type === 'null' && Object.keys(s).length === 1;
  const other = isNull(a) ? b : isNull(b) ? a : undefined;
  if (!isObject(other) || typeof other.type !== 'string') return schema;
  // The outer title, description and x-lookup describe the field; the alternative its values.
  return { ...other, ...rest, type: [other.type, 'null'] };
}

/** The type a `oneOf` of constants implies, when the schema does not say. */
function withConstType(schema: JsonSchema): JsonSchema {
  if (schema.type !== undefined || !Array.isArray(schema.oneOf) || !schema.oneOf.every(isConstant)) {
    return schema;
  }
  const types = new Set((schema.oneOf as JsonSchema[]).map((option) => typeOf(option.const)));
  if (types.size !== 1) return schema;
  const [type] = types;
  return { ...schema, type };
}

function isFreeFormObject(schema: JsonSchema): boolean {
  const properties = isObject(schema.properties) ? Object.keys(schema.properties) : [];
  return schema.type === 'object' && properties.length === 0 && schema.additionalProperties !== false;
}

function lookupOf(schema: JsonSchema): LookupRef | undefined {
  const ref = schema['x-lookup'];
  if (!isObject(ref) || typeof ref.lookup !== 'string') return undefined;
  const dependsOn = Array.isArray(ref.dependsOn) ? ref.dependsOn.map(String) : [];
  return dependsOn.length > 0 ? { lookup: ref.lookup, dependsOn } : { lookup: ref.lookup };
}

/**
 * A property name as the form holds it. rjsf reads and writes schemas, uiSchemas, form data and error schemas by
 * plain property access, and gives some names a meaning of its own: a custom field named `__proto__` or
 * `constructor` reaches the object's prototype (the whole form came out empty), one named `ui:widget` would be an
 * option of the uiSchema, `__errors` an error list. Such names (and those beginning with `~`) get a `~` before
 * them in the form; `compact` takes it off again, so the host gets the account's own names.
 */
export function formKey(name: string): string {
  return name in Object.prototype || /^(~|__|ui:|\$)/.test(name) ? `~${name}` : name;
}

const accountKey = (key: string) => (key.startsWith('~') ? key.slice(1) : key);

/**
 * The form's name of a property. A custom field whose name needs escaping is held by its field key instead (the
 * host takes keys in `custom_fields` as well as names): the host refuses a JSON body with a `__proto__` key.
 */
function propertyKey(name: string, schema: unknown): string {
  const key = formKey(name);
  const field = isObject(schema) ? schema['x-custom-field'] : undefined;
  return key !== name && typeof field === 'string' && field !== '' ? field : key;
}

/** `target[key] = value` as an own property, also for a key such as `__proto__`. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * `fromAccount`: the node is a custom field or inside one. Its text (names, sub-field names, at any depth) comes
 * from the Pipedrive account and is shown as text, never as markdown: a field or an address sub-field named
 * `[Session expired](https://evil.example)` must not become a link.
 */
function adaptNode(input: JsonSchema, fromAccount = false): FormSpec {
  const schema = withConstType(mergeNullable(input));
  const uiSchema: UiSchema = {};
  const lookup = lookupOf(schema);
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];

  const accountText = fromAccount || schema['x-custom-field'] !== undefined;
  if (accountText) uiSchema['ui:enableMarkdownInDescription'] = false;

  if (schema['x-binary'] !== undefined) {
    uiSchema['ui:field'] = 'file';
  } else if (lookup) {
    uiSchema['ui:widget'] = 'lookup';
    uiSchema['ui:options'] = { ...lookup };
  } else if (isFreeFormObject(schema)) {
    uiSchema['ui:field'] = 'json';
  } else if (types.includes('boolean')) {
    uiSchema['ui:widget'] = 'select';
  }

  if (isObject(schema.properties) && !uiSchema['ui:field']) {
    const properties: Record<string, unknown> = {};
    const keys = new Map<string, string>();
    for (const [name, value] of Object.entries(schema.properties)) {
      const key = propertyKey(name, value);
      keys.set(name, key);
      if (!isObject(value)) {
        properties[key] = value;
        continue;
      }
      const child = adaptNode(value, accountText);
      properties[key] = child.schema;
      if (Object.keys(child.uiSchema).length > 0) uiSchema[key] = child.uiSchema;
    }
    schema.properties = properties;
    if (Array.isArray(schema.required)) {
      schema.required = schema.required.map((name) => keys.get(String(name)) ?? formKey(String(name)));
    }
  }

  if (isObject(schema.items)) {
    const items = adaptNode(schema.items, accountText);
    schema.items = items.schema;
    const labelled = Array.isArray(items.schema.oneOf) && items.schema.oneOf.every(isConstant);
    if (labelled) {
      schema.uniqueItems = true;
      uiSchema['ui:widget'] = 'checkboxes';
      uiSchema['ui:options'] = { inline: true };
    } else if (Object.keys(items.uiSchema).length > 0) {
      uiSchema.items = items.uiSchema;
    }
  }

  return { schema: schema as RJSFSchema, uiSchema };
}

/** The rjsf schema and uiSchema of an input schema. The input is not modified. */
export function toForm(input: JsonSchema): FormSpec {
  const copy = structuredClone(input);
  const { schema, uiSchema } = adaptNode(copy);
  return {
    schema,
    uiSchema: {
      ...uiSchema,
      'ui:globalOptions': { enableMarkdownInDescription: true, enableOptionalDataFieldForType: ['object'] },
      'ui:submitButtonOptions': { norender: true },
    },
  };
}

/** Values in the form's names (`formKey`): an operation's sample put in the form. */
export function toFormData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toFormData);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [formKey(key), toFormData(item)]));
}

/**
 * The input the form holds, as the host takes it: in the account's own names again (`formKey`), without the values
 * the form left empty (`undefined`, empty objects, empty list items).
 */
export function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(compact);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const compacted = compact(item);
    if (compacted === undefined) continue;
    if (isObject(compacted) && Object.keys(compacted).length === 0) continue;
    setOwn(out, accountKey(key), compacted);
  }
  return out;
}
