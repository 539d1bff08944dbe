/**
 * Comparing an operation's input with an OpenAPI operation of Pipedrive's spec: every path, query and body
 * field of the spec (nested ones too) is accepted with its type, enum, nullability and required-ness; fields
 * accepted beyond the spec must come from the official SDK's newer models.
 */
import type { Operation } from '../../runtime/define.js';
import { type JsonSchema, toJsonSchema } from '../../runtime/json-schema.js';
import { requestBodyOf, successOf } from '../../scripts/pipedrive-spec.js';
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
  sdk: Pick<SdkOperation, 'query' | 'body' | 'pathParams'> | undefined,
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

  const body = merged(requestBodyOf(spec));
  const listBody = Object.keys(op.placement).find((key) => op.placement[key] === 'list-body');
  if (body.type === 'array' || listBody) {
    // A top-level array body is one input field (`listBody`), compared whole.
    if (!listBody || !props[listBody])
      out.push({ field: '(body)', problem: 'spec body is an array: declare listBody' });
    else if (body.type !== 'array') out.push({ field: listBody, problem: 'spec body is not an array' });
    else {
      specNames.add(listBody);
      compareField(listBody, body, props[listBody] as Ours, false, out);
      if (!required.has(listBody)) out.push({ field: listBody, problem: 'required: spec true, ours false' });
    }
  }
  if (body.properties) {
    // A file of a multipart body (`format: binary`) is a file field of ours; the other fields are body fields.
    const isFile = (name: string) => merged(body.properties?.[name]).format === 'binary';
    for (const name of Object.keys(body.properties)) {
      specNames.add(name);
      const wanted = isFile(name) ? 'file' : 'body';
      if (props[name] && op.placement[name] !== wanted) {
        out.push({
          field: name,
          problem: `spec puts it in the body as a ${wanted}, we in ${op.placement[name]}`,
        });
      }
      if (isFile(name) && (body.required ?? []).includes(name) !== required.has(name)) {
        out.push({
          field: name,
          problem: `required: spec ${!required.has(name)}, ours ${required.has(name)}`,
        });
      }
    }
    const bodyOnly: Ours = {
      type: 'object',
      properties: Object.fromEntries(Object.entries(props).filter(([k]) => op.placement[k] === 'body')),
      required: [...required].filter((k) => op.placement[k] === 'body'),
    };
    const fields = Object.fromEntries(Object.entries(body.properties).filter(([name]) => !isFile(name)));
    compareObject(
      '',
      { ...body, properties: fields, required: body.required?.filter((n) => !isFile(n)) },
      bodyOnly,
      out,
    );
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
  return successOf(spec).example;
}

function nonNull(schema: Ours): Ours {
  const rest = schema.anyOf?.filter((s) => s.type !== 'null');
  return rest?.length === 1 ? (rest[0] as Ours) : schema;
}

/** Documented response fields (nested too) our output schema does not declare. */
function undeclared(spec: SpecSchema | undefined, ours: Ours, path: string, out: Mismatch[]): void {
  const documented = merged(spec);
  const schema = nonNull(ours);
  if (documented.properties) {
    for (const [name, child] of Object.entries(documented.properties)) {
      const field = path ? `${path}.${name}` : name;
      const declared = schema.properties?.[name];
      if (declared) undeclared(child, declared, field, out);
      else if (!(schema.additionalProperties && !schema.properties))
        out.push({ field: `response.${field}`, problem: 'not declared in the output schema' });
    }
  } else if (documented.items && schema.items) {
    undeclared(documented.items, schema.items, path, out);
  }
}

/** The fields of the documented 2xx answer that the operation's output schema does not declare. */
export function outputMismatches(op: Operation, spec: OpenApiOperation): Mismatch[] {
  const out: Mismatch[] = [];
  undeclared(successOf(spec).schema, toJsonSchema(op.output, 'output') as Ours, '', out);
  return out;
}

/** The field names of an endpoint (path, query, top-level body) as `contractMismatches` takes the SDK's. */
export function fieldNames(
  spec: OpenApiOperation | undefined,
): Pick<SdkOperation, 'query' | 'body' | 'pathParams'> {
  const field = (name: string): SdkField => ({ name, type: '', required: false });
  const params = spec?.parameters ?? [];
  const body = merged(spec ? requestBodyOf(spec) : undefined);
  return {
    pathParams: params.filter((p) => p.in === 'path').map((p) => field(p.name)),
    query: params.filter((p) => p.in === 'query').map((p) => field(p.name)),
    body: Object.keys(body.properties ?? {}).map(field),
  };
}

/**
 * The SDK's enums of comma-separated parameters list each allowed combination (`ui_visibility,required_fields`,
 * ...); the values we offer are their items.
 */
export function csvItems(values: unknown[] | undefined): unknown[] | undefined {
  if (!values?.some((v) => typeof v === 'string' && v.includes(','))) return values;
  return [...new Set(values.flatMap((v) => String(v).split(',')))];
}

/** An SDK-document endpoint with its comma-combination enums split into items (see csvItems). */
export function sdkEndpoint(spec: OpenApiOperation): OpenApiOperation {
  const parameters = spec.parameters?.map((p) => {
    const schema = p.schema ? merged(p.schema) : undefined;
    const items = csvItems(schema?.enum);
    return schema && items !== schema.enum ? { ...p, schema: { ...schema, enum: items } } : p;
  });
  return { ...spec, ...(parameters ? { parameters } : {}) };
}

/** The SDK writes every integer as `number`, so an integer where it says number is what it means. */
export const SDK_INTEGER = 'spec type number, ours integer';
