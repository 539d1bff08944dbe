/**
 * Contract test: each operation against Pipedrive's published OpenAPI v2 document. Method and path exist;
 * every path, query and body field of the spec (nested ones too) is accepted with its type, enum, nullability
 * and required-ness; fields we accept beyond the spec come from the official SDK's newer models; the output
 * schema parses the spec's example response. Skipped with a message when the spec is absent.
 */
import { describe, expect, it } from 'vitest';
import { operations } from '../operations/index.js';
import type { Operation } from '../runtime/define.js';
import { contractMismatches, exampleResponse, type Mismatch } from './helpers/contract.js';
import {
  merged,
  type OpenApiOperation,
  openApiV2,
  type SdkOperation,
  SPEC_MISSING_MESSAGE,
  SPEC_PRESENT,
  sdkOperations,
} from './helpers/spec.js';

/**
 * Where Pipedrive's spec is wrong about its own API, we follow the API. Each entry: `op:path` → why.
 */
const SPEC_ERRATA: Record<string, string> = {
  'add_organization:name':
    "The spec's body says `required: [title]`; organizations have no title, and Pipedrive (and the SDK's AddOrganizationRequest) require `name`.",
  'add_person:emails[].label':
    "The spec types the label as boolean; it is a string (work, home, other), as in the SDK models and the spec's own example response.",
  'add_person:phones[].label': 'As for emails: the label is a string (work, home, mobile, other).',
  'update_person:emails[].label': 'As for add_person.',
  'update_person:phones[].label': 'As for add_person.',
};

if (!SPEC_PRESENT) console.warn(SPEC_MISSING_MESSAGE);

function specOperation(op: Operation): OpenApiOperation | undefined {
  return openApiV2().paths[op.path]?.[op.method.toLowerCase()];
}

const withoutErrata = (op: Operation, found: Mismatch[]) =>
  found.filter((m) => !SPEC_ERRATA[`${op.name}:${m.field}`]);

describe.skipIf(!SPEC_PRESENT)('contract with openapi-v2.yaml', () => {
  const sdk = SPEC_PRESENT
    ? new Map(sdkOperations().map((o) => [o.name, o]))
    : new Map<string, SdkOperation>();

  // The 81 operations of operations-v2.json (other v2 endpoints, such as fields, are checked in contract-v1).
  const listed = operations.filter((op) => op.api === 'v2' && sdk.has(op.name));

  it.each(listed.map((op) => [op.name, op] as const))('%s matches the spec', (_name, op) => {
    const spec = specOperation(op);
    expect(spec, `${op.method} ${op.path} is not in openapi-v2.yaml`).toBeDefined();
    const sdkOp = sdk.get(op.name);
    if (sdkOp) expect(`${sdkOp.method} ${sdkOp.path}`).toBe(`${op.method} ${op.path}`);
    expect(withoutErrata(op, contractMismatches(op, spec as OpenApiOperation, sdkOp))).toEqual([]);
    const example = exampleResponse(spec as OpenApiOperation);
    expect(example, 'the spec has an example response').toBeDefined();
    const parsed = op.output.safeParse(example);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it('covers all 81 operations of operations-v2.json, by name, method and path', () => {
    const ours = new Map(operations.map((op) => [op.name, `${op.method} ${op.path}`]));
    const expected = sdkOperations();
    expect(expected).toHaveLength(81);
    const wrong = expected.filter((o) => ours.get(o.name) !== `${o.method} ${o.path}`);
    expect(wrong.map((o) => o.name)).toEqual([]);
  });

  it('no sample sends null where the spec does not allow it (a sample is an input the real API accepts)', () => {
    const outside: string[] = [];
    for (const op of listed) {
      const spec = specOperation(op);
      if (!spec) continue;
      const body = merged(spec.requestBody?.content?.['application/json']?.schema);
      for (const [key, value] of Object.entries(op.sample)) {
        if (value !== null) continue;
        const schema = spec.parameters?.find((p) => p.name === key)?.schema ?? body.properties?.[key];
        if (!merged(schema).nullable) outside.push(`${op.name}: ${key}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('every errata entry is still needed', () => {
    const used = new Set<string>();
    for (const op of listed) {
      const spec = specOperation(op);
      if (!spec) continue;
      for (const m of contractMismatches(op, spec, sdk.get(op.name))) used.add(`${op.name}:${m.field}`);
    }
    expect(Object.keys(SPEC_ERRATA).filter((key) => !used.has(key))).toEqual([]);
  });
});
