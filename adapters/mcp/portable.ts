/**
 * Tool schemas in the part of JSON Schema that every MCP client reads, and lean, converted at the MCP boundary
 * (the manifest keeps its own spelling). The same values pass before and after; only the spelling changes:
 *
 * - `type: ["number", "null"]` becomes `anyOf: [{type: "number", ...its keywords}, {type: "null"}]`: clients that
 *   translate tool schemas into a single-`type` dialect (Gemini's OpenAPI subset) refuse the array form or drop
 *   the constraint. Keywords that apply to one type only (`minimum`, `format`, `items`, `properties`, ...) move
 *   into that type's branch; the others (title, description, enum, x-lookup) stay on the field.
 * - A schema that states no type (`{}`: zod's `z.unknown()`, or the `additionalProperties: {}` of a loose object)
 *   is refused by strict clients: as `additionalProperties` it is dropped (the same: anything else is allowed),
 *   elsewhere it becomes `anyOf` of the six JSON types.
 * - A bare `true`/`false` where a schema object is expected becomes the object form (`additionalProperties` and
 *   `unevaluatedProperties` keep their booleans, which every client reads).
 * - A labelled enum (`oneOf` of `{const, title}`, as the manifest spells them for forms) becomes `enum`, which
 *   every client reads; labels that say more than the value itself go into the description
 *   (`Values: 1 = Owner & followers; 3 = Entire company`).
 * - What only forms use is left out: `x-lookup` (a tool's description names the lookup_* tool of each such
 *   field instead), and a `title` beside a `description` (a model reads the description; a labelled enum's
 *   `{const, title}` keeps its title, the label). Input schemas leave out `$schema`: 2020-12 is MCP's default.
 *
 * docs/decisions.md ("MCP: a curated core ...") has why; test/adapters/mcp/portable.test.ts checks the rules on
 * every tool of every toolset, and that the converted schemas accept exactly what the originals accept.
 */
import type { JsonSchema } from '../../runtime/json-schema.js';

const JSON_TYPES = ['object', 'array', 'string', 'number', 'boolean', 'null'] as const;

/** Keywords that constrain values of one type only: they go into that type's `anyOf` branch. */
const NUMERIC = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'];
const BY_TYPE: Readonly<Record<string, readonly string[]>> = {
  number: NUMERIC,
  integer: NUMERIC,
  string: ['minLength', 'maxLength', 'pattern', 'format', 'contentEncoding', 'contentMediaType'],
  array: [
    'items',
    'prefixItems',
    'minItems',
    'maxItems',
    'uniqueItems',
    'contains',
    'minContains',
    'maxContains',
  ],
  object: [
    'properties',
    'required',
    'additionalProperties',
    'patternProperties',
    'minProperties',
    'maxProperties',
    'propertyNames',
    'dependentRequired',
    'dependentSchemas',
  ],
};

/** What makes a schema say something of its values' type. */
const TYPING = ['type', 'const', 'enum', 'anyOf', 'oneOf', 'allOf', '$ref', 'not'];

/** Keywords whose value is one subschema, a list of them, or a map of names to them. */
const ONE = ['items', 'not', 'contains', 'propertyNames', 'if', 'then', 'else', 'unevaluatedItems'];
const LIST = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
const MAP = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
/** Subschema keywords where a boolean is read by every client, and `{}` means the same as leaving it out. */
const OPEN = ['additionalProperties', 'unevaluatedProperties'];

type Node = Record<string, unknown>;

const isObject = (value: unknown): value is Node =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const anyType = (): Node[] => JSON_TYPES.map((type) => ({ type }));

/** A schema (an object, or a boolean) in the portable spelling; a new value, the input is not changed. */
function convert(node: unknown): unknown {
  if (node === true) return { anyOf: anyType() };
  if (node === false) return { not: { anyOf: anyType() } };
  if (!isObject(node)) return node;
  const out: Node = { ...node };
  delete out['x-lookup'];
  if (typeof out.description === 'string') delete out.title;
  for (const key of ONE) if (key in out) out[key] = convert(out[key]);
  for (const key of LIST) if (Array.isArray(out[key])) out[key] = (out[key] as unknown[]).map(convert);
  for (const key of MAP) {
    if (isObject(out[key])) {
      out[key] = Object.fromEntries(Object.entries(out[key] as Node).map(([k, v]) => [k, convert(v)]));
    }
  }
  for (const key of OPEN) {
    if (!(key in out) || typeof out[key] === 'boolean') continue;
    const value = out[key];
    if (isObject(value) && !TYPING.some((typing) => typing in value)) delete out[key];
    else out[key] = convert(value);
  }
  if (isLabelledEnum(out.oneOf)) toEnum(out, out.oneOf);
  if (Array.isArray(out.type)) splitTypes(out, out.type as string[]);
  else if (!TYPING.some((key) => key in out)) out.anyOf = anyType();
  return out;
}

const LABEL_KEYS = new Set(['const', 'title', 'description']);

function isLabelledEnum(oneOf: unknown): oneOf is Node[] {
  return (
    Array.isArray(oneOf) &&
    oneOf.length > 0 &&
    oneOf.every(
      (option) =>
        isObject(option) && 'const' in option && Object.keys(option).every((k) => LABEL_KEYS.has(k)),
    )
  );
}

/** `oneOf: [{const, title}]` (in place) → `enum`, with the labels that say more than the value described. */
function toEnum(node: Node, options: Node[]): void {
  delete node.oneOf;
  node.enum = options.map((option) => option.const);
  const plain = (value: unknown) => String(value).replace(/_/g, ' ').toLowerCase();
  const labels = options.filter(
    (option) => typeof option.title === 'string' && option.title.toLowerCase() !== plain(option.const),
  );
  if (labels.length === 0) return;
  const values = `Values: ${labels.map((option) => `${JSON.stringify(option.const)} = ${option.title}`).join('; ')}.`;
  node.description =
    typeof node.description === 'string' ? `${node.description.replace(/\.?$/, '.')} ${values}` : values;
}

/** `type: [a, b]` (in place) → `anyOf: [{type: a, ...a's keywords}, {type: b, ...}]`. */
function splitTypes(node: Node, types: string[]): void {
  delete node.type;
  if (types.length === 1) {
    node.type = types[0];
    return;
  }
  const branches = types.map((type) => {
    const branch: Node = { type };
    for (const key of BY_TYPE[type] ?? []) if (key in node) branch[key] = node[key];
    return branch;
  });
  for (const type of types) for (const key of BY_TYPE[type] ?? []) delete node[key];
  if (Array.isArray(node.anyOf)) {
    // Both must hold: the existing alternatives and the types.
    node.allOf = [...((node.allOf as unknown[] | undefined) ?? []), { anyOf: branches }];
  } else {
    node.anyOf = branches;
  }
}

/** A tool's schema in the portable, lean spelling (see the top of this file). */
export function portableSchema<S extends JsonSchema>(schema: S, kind: 'input' | 'output' = 'output'): S {
  const out = convert(schema) as S;
  if (kind === 'input') delete out.$schema;
  return out;
}
