/**
 * Contract test of the API v1 operations against Pipedrive's published OpenAPI v1 document, and of the API v2
 * field-definition operations against the official SDK's models (operations-v1-aux.json: those endpoints are
 * not in openapi-v2.yaml). Method and path exist; every path, query and body field is accepted with its type,
 * enum, nullability and required-ness; fields beyond the spec come from the SDK's models; the OAuth scopes are
 * the documented ones; the output schema parses the spec's example response and declares every documented
 * response field. Skipped with a message when the reference data is absent.
 */
import { describe, expect, it } from 'vitest';
import { operations } from '../operations/index.js';
import type { Operation } from '../runtime/define.js';
import { toJsonSchema } from '../runtime/json-schema.js';
import { contractMismatches, exampleResponse, type Mismatch, type Ours } from './helpers/contract.js';
import {
  AUX_NAMES,
  type AuxModelField,
  type AuxOperation,
  auxOperations,
  merged,
  type OpenApiOperation,
  openApiV1,
  type SdkField,
  SPEC_MISSING_MESSAGE,
  SPEC_V1_PRESENT,
  type SpecSchema,
  V2_SDK_ONLY,
} from './helpers/spec.js';

/**
 * Where Pipedrive's spec is wrong about its own API, we follow the API. Each entry: `op:path` → why
 * (`op:response.path` for response fields).
 */
const SPEC_ERRATA: Record<string, string> = {};

/** The SDK writes every integer as `number`, so an integer where it says number is what it means. */
const SDK_INTEGER = 'spec type number, ours integer';

if (!SPEC_V1_PRESENT) console.warn(SPEC_MISSING_MESSAGE);

const v1Operations = operations.filter((op) => op.api === 'v1');
const auxOnlyOperations = operations.filter((op) => op.api === 'v2' && V2_SDK_ONLY.has(op.name));

function auxEntry(op: Operation): AuxOperation | undefined {
  const name = AUX_NAMES[op.name] ?? op.name;
  return auxOperations().find((entry) => entry.name === name);
}

function specOperation(op: Operation): OpenApiOperation | undefined {
  const spec = openApiV1().paths[op.path]?.[op.method.toLowerCase()];
  return spec && (scalarAllOf(spec) as OpenApiOperation);
}

/**
 * The v1 document wraps some scalars in `allOf` without a type of its own (`{ allOf: [{ type: number,
 * enum: [0, 1] }], description }`), which `merged` reads as an object; fold those into the scalar.
 */
function scalarAllOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(scalarAllOf);
  if (!node || typeof node !== 'object') return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, scalarAllOf(v)])) as SpecSchema;
  const parts = out.allOf;
  if (parts && !out.type && parts.every((p) => p.type && p.type !== 'object' && !p.properties)) {
    const { allOf: _allOf, ...own } = out;
    return Object.assign({}, ...parts, own);
  }
  return out;
}

/**
 * The SDK lists each allowed combination of a comma-separated enum parameter (`ui_visibility,required_fields`,
 * ...); the values we offer are their items.
 */
function csvItems(values: unknown[] | undefined): unknown[] | undefined {
  if (!values?.some((v) => typeof v === 'string' && v.includes(','))) return values;
  return [...new Set(values.flatMap((v) => String(v).split(',')))];
}

const fieldSchema = (field: SdkField): SpecSchema => ({
  type: field.type,
  ...(field.enum ? { enum: csvItems(field.enum) } : {}),
});

/** An OpenAPI operation written from an operations-v1-aux.json entry, for `contractMismatches`. */
function auxSpec(aux: AuxOperation): OpenApiOperation {
  const parameters = [
    ...aux.pathParams.map((f) => ({ in: 'path', name: f.name, required: true, schema: fieldSchema(f) })),
    ...aux.query.map((f) => ({ in: 'query', name: f.name, required: f.required, schema: fieldSchema(f) })),
  ];
  const body = aux.body && {
    type: 'object',
    properties: Object.fromEntries(aux.body.map((f) => [f.name, fieldSchema(f)])),
    required: aux.body.filter((f) => f.required).map((f) => f.name),
  };
  return {
    parameters,
    ...(body ? { requestBody: { content: { 'application/json': { schema: body } } } } : {}),
  };
}

/** The SDK response model as a spec schema. */
function auxModel(fields: AuxModelField[] | undefined): SpecSchema {
  const schema = (f: AuxModelField): SpecSchema =>
    f.properties
      ? auxModel(f.properties)
      : f.items
        ? { type: 'array', items: f.items.properties ? auxModel(f.items.properties) : { type: f.items.type } }
        : { type: f.type };
  return { type: 'object', properties: Object.fromEntries((fields ?? []).map((f) => [f.name, schema(f)])) };
}

function specResponse(spec: OpenApiOperation): SpecSchema | undefined {
  const ok = Object.entries(spec.responses ?? {}).find(([code]) => code.startsWith('2'));
  return ok?.[1].content?.['application/json']?.schema;
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

function outputMismatches(op: Operation, documented: SpecSchema | undefined): Mismatch[] {
  const out: Mismatch[] = [];
  undeclared(documented, toJsonSchema(op.output, 'output') as Ours, '', out);
  return out;
}

function securityScopes(spec: OpenApiOperation): string[] {
  return (spec.security ?? []).flatMap((entry) => entry.oauth2 ?? []);
}

const withoutErrata = (op: Operation, found: Mismatch[]) =>
  found.filter((m) => !SPEC_ERRATA[`${op.name}:${m.field}`]);

/** Every mismatch of one operation, errata included (for the errata check). */
function allMismatches(op: Operation): Mismatch[] {
  const aux = auxEntry(op);
  if (op.api === 'v2') {
    if (!aux) return [];
    return [
      ...contractMismatches(op, auxSpec(aux), aux).filter((m) => m.problem !== SDK_INTEGER),
      ...outputMismatches(op, auxModel(aux.response?.properties)),
    ];
  }
  const spec = specOperation(op);
  if (!spec) return [];
  return [...contractMismatches(op, spec, aux), ...outputMismatches(op, specResponse(spec))];
}

describe.skipIf(!SPEC_V1_PRESENT)('contract with openapi-v1.yaml', () => {
  it.each(v1Operations.map((op) => [op.name, op] as const))('%s matches the spec', (_name, op) => {
    const spec = specOperation(op);
    expect(spec, `${op.method} ${op.path} is not in openapi-v1.yaml`).toBeDefined();
    const aux = auxEntry(op);
    if (aux) expect(`${aux.method} ${aux.path}`).toBe(`${op.method} ${op.path}`);
    expect([...op.scopes].sort()).toEqual(securityScopes(spec as OpenApiOperation).sort());
    expect(withoutErrata(op, allMismatches(op))).toEqual([]);
    const example = exampleResponse(spec as OpenApiOperation);
    if (example !== undefined) {
      const parsed = op.output.safeParse(example);
      expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    }
  });
});

describe.skipIf(!SPEC_V1_PRESENT)('contract of the v2 field operations with the SDK models', () => {
  it.each(auxOnlyOperations.map((op) => [op.name, op] as const))('%s matches the SDK', (_name, op) => {
    const aux = auxEntry(op);
    expect(aux, `${AUX_NAMES[op.name]} is not in operations-v1-aux.json`).toBeDefined();
    const entry = aux as AuxOperation;
    expect(entry.apiVersion).toBe('v2');
    expect(`${entry.method} ${entry.path}`).toBe(`${op.method} ${op.path}`);
    expect([...op.scopes].sort()).toEqual([...entry.oauthScopes].sort());
    expect(withoutErrata(op, allMismatches(op))).toEqual([]);
  });

  it('covers every field list of the SDK', () => {
    const listed = auxOperations()
      .filter((entry) => entry.apiVersion === 'v2' && /^v2_list_\w+_fields$/.test(entry.name))
      .map((entry) => entry.name);
    expect(listed.sort()).toEqual([...V2_SDK_ONLY].map((name) => AUX_NAMES[name]).sort());
  });
});

describe.skipIf(!SPEC_V1_PRESENT)('v1 contract errata', () => {
  it('every errata entry is still needed', () => {
    const used = new Set<string>();
    for (const op of [...v1Operations, ...auxOnlyOperations]) {
      for (const m of allMismatches(op)) used.add(`${op.name}:${m.field}`);
    }
    expect(Object.keys(SPEC_ERRATA).filter((key) => !used.has(key))).toEqual([]);
  });
});
