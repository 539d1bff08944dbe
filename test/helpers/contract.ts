/**
 * Comparing an operation's input with an OpenAPI operation of Pipedrive's spec: every path, query and body
 * field of the spec (nested ones too) is accepted with its type, enum, nullability and required-ness; fields
 * accepted beyond the spec must come from the official SDK's newer models.
 */
import type { Operation } from '../../runtime/define.js';
import { type JsonSchema, toJsonSchema } from '../../runtime/json-schema.js';
import { merged, type OpenApiOperation, type SdkField, type SdkOperation, type SpecSchema } from './spec.js';

/** Fields the runtime adds to paginated operations; not Pipedrive parameters. */
const CONTROL_FIELDS = new Set(['return_all', 'max_items']);
/** Inputs placed by the connector (never sent as such): controls, and v1 custom fields spread into the body. */
const CONNECTOR_PLACEMENTS = new Set(['control', 'spread']);

export type Ours = JsonSchema & {
  type?: string | string[];
  properties?: Record<string, Ours>;
  items?: Ours;
  required?: string[];
  anyOf?: Ours[];
  oneOf?: Ours[];
  enum?: unknown[];
  additionalProperties?: unknown;
};

/** Split zod's `anyOf: [X, {type: null}]` into X and whether null is accepted. */
function unwrapNull(schema: Ours): { schema: Ours; nullable: boolean } {
  if (Array.isArray(schema.anyOf)) {
    const rest = schema.anyOf.filter((s) => s.type !== 'null');
    const nullable = rest.length < schema.anyOf.length;
    if (rest.length === 1) return { schema: { ...(rest[0] as Ours), ...pick(schema) }, nullable };
  }
  if (Array.isArray(schema.type) && schema.type.includes('null')) {
    const types = schema.type.filter((t) => t !== 'null');
    return { schema: { ...schema, type: types.length === 1 ? types[0] : types }, nullable: true };
  }
  return { schema, nullable: false };
}

function pick(schema: Ours): Ours {
  const out: Ours = {};
  for (const key of ['title', 'description']) if (key in schema) out[key] = schema[key];
  return out;
}

function enumOf(schema: Ours): unknown[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum;
  if (Array.isArray(schema.oneOf) && schema.oneOf.every((o) => 'const' in o))
    return schema.oneOf.map((o) => o.const);
  if ('const' in schema) return [schema.const];
  return undefined;
}

export interface Mismatch {
  field: string;
  problem: string;
}

/** Compare one spec field with ours; CSV parameters (`csv`) may be arrays of the spec's scalar. */
function compareField(field: string, spec: SpecSchema, ours: Ours, csv: boolean, out: Mismatch[]): void {
  const { schema, nullable } = unwrapNull(ours);
  if (spec.nullable && !nullable) out.push({ field, problem: 'spec allows null, we do not' });
  const specType = spec.type ?? (spec.properties ? 'object' : undefined);
  const ourType = schema.type as string | undefined;
  if (csv && ourType === 'array' && specType !== 'array') {
    const item = schema.items ?? {};
    // A comma-separated string of IDs (`ids`) is a list of integers: stricter than the spec, and right.
    const idList = spec.type === 'string' && !spec.enum && item.type === 'integer';
    if (!idList) compareScalar(field, spec, item, out);
    return;
  }
  if (specType === 'array') {
    if (ourType !== 'array') {
      out.push({ field, problem: `spec type array, ours ${ourType}` });
      return;
    }
    if (spec.items) compareField(`${field}[]`, spec.items, schema.items ?? {}, false, out);
    return;
  }
  if (specType === 'object' || spec.properties) {
    if (ourType !== 'object') {
      out.push({ field, problem: `spec type object, ours ${ourType}` });
      return;
    }
    compareObject(field, spec, schema, out);
    return;
  }
  compareScalar(field, spec, schema, out);
}

function compareScalar(field: string, spec: SpecSchema, ours: Ours, out: Mismatch[]): void {
  const specType = spec.type;
  const ourType = ours.type as string | undefined;
  const fits =
    specType === undefined ||
    specType === ourType ||
    // zod writes a numeric enum as type number; integers are what we send.
    (specType === 'integer' && ourType === 'number' && Array.isArray(enumOf(ours)));
  if (!fits) out.push({ field, problem: `spec type ${specType}, ours ${ourType}` });
  const specEnum = spec.enum;
  const ourEnum = enumOf(ours);
  if (specEnum) {
    if (!ourEnum) out.push({ field, problem: `spec enum [${specEnum}], ours has none` });
    else {
      const missing = specEnum.filter((v) => !ourEnum.includes(v));
      if (missing.length) out.push({ field, problem: `we refuse spec enum values [${missing}]` });
    }
  }
}

function compareObject(prefix: string, spec: SpecSchema, ours: Ours, out: Mismatch[]): void {
  const props = ours.properties ?? {};
  const ourRequired = new Set(ours.required ?? []);
  const specRequired = new Set(spec.required ?? []);
  if (!spec.properties && spec.additionalProperties !== undefined) return;
  for (const [name, specProp] of Object.entries(spec.properties ?? {})) {
    const field = prefix ? `${prefix}.${name}` : name;
    const ourProp = props[name];
    if (!ourProp) {
      out.push({ field, problem: 'missing' });
      continue;
    }
    compareField(field, merged(specProp), ourProp, false, out);
    if (specRequired.has(name) !== ourRequired.has(name)) {
      out.push({ field, problem: `required: spec ${specRequired.has(name)}, ours ${ourRequired.has(name)}` });
    }
  }
}

function sdkFieldNames(sdk: Pick<SdkOperation, 'query' | 'body' | 'pathParams'> | undefined): Set<string> {
  return new Set(
    [...(sdk?.query ?? []), ...(sdk?.body ?? []), ...(sdk?.pathParams ?? [])].map((f: SdkField) => f.name),
  );
}

/** Every difference between our input and the spec, minus documented errata. */
export function contractMismatches(
  op: Operation,
  spec: OpenApiOperation,
  sdk: SdkOperation | undefined,
): Mismatch[] {
  const out: Mismatch[] = [];
  const ours = toJsonSchema(op.input, 'input') as Ours;
  const props = ours.properties ?? {};
  const required = new Set(ours.required ?? []);
  const specNames = new Set<string>();

  for (const param of spec.parameters ?? []) {
    if (param.in !== 'path' && param.in !== 'query') continue;
    specNames.add(param.name);
    const where = op.placement[param.name];
    if (!props[param.name] || !where) {
      out.push({ field: param.name, problem: `${param.in} parameter missing` });
      continue;
    }
    if (where !== param.in)
      out.push({ field: param.name, problem: `spec puts it in ${param.in}, we in ${where}` });
    compareField(param.name, param.schema ?? {}, props[param.name] as Ours, param.in === 'query', out);
    const specRequired = param.in === 'path' || param.required === true;
    if (specRequired !== required.has(param.name)) {
      out.push({
        field: param.name,
        problem: `required: spec ${specRequired}, ours ${required.has(param.name)}`,
      });
    }
  }

  const body = merged(spec.requestBody?.content?.['application/json']?.schema);
  if (body.properties) {
    for (const name of Object.keys(body.properties)) {
      specNames.add(name);
      if (props[name] && op.placement[name] !== 'body') {
        out.push({ field: name, problem: `spec puts it in the body, we in ${op.placement[name]}` });
      }
    }
    const bodyOnly: Ours = {
      type: 'object',
      properties: Object.fromEntries(Object.entries(props).filter(([k]) => op.placement[k] === 'body')),
      required: [...required].filter((k) => op.placement[k] === 'body'),
    };
    compareObject('', body, bodyOnly, out);
  }

  const sdkNames = sdkFieldNames(sdk);
  for (const name of Object.keys(props)) {
    // Inputs the connector adds itself (return_all, custom_fields_by_name, ...) are not Pipedrive's.
    if (specNames.has(name) || CONTROL_FIELDS.has(name) || CONNECTOR_PLACEMENTS.has(op.placement[name] ?? ''))
      continue;
    if (!sdkNames.has(name)) out.push({ field: name, problem: 'not in the spec nor in the SDK models' });
  }
  return out;
}

/** The example of the spec's 2xx answer. */
export function exampleResponse(spec: OpenApiOperation): unknown {
  const ok = Object.entries(spec.responses ?? {}).find(([code]) => code.startsWith('2'));
  return ok?.[1].content?.['application/json']?.example;
}
