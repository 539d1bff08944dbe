/**
 * Contract test of every API v2 operation's input against Pipedrive's documents. The endpoint comes from the
 * operation's method and path: openapi-v2.yaml for the published ones, openapi-v2-sdk.yaml for the SDK-only ones
 * (so an operation added later is checked with nothing added here). Method and path exist; every path, query and
 * body field of the document (nested ones too) is accepted with its type, enum, nullability and required-ness;
 * fields we accept beyond the published document come from the SDK's newer version of the endpoint; the output
 * schema parses the published example answer, and declares every field of the SDK's answer. What goes on the
 * wire is checked by test/contract-requests.test.ts. Skipped with a message when the spec is absent.
 */
import { describe, expect, it } from 'vitest';
import { operations } from '../operations/index.js';
import type { Operation } from '../runtime/define.js';
import { endpointOf, scopesOf, sdkVersionOf, specPresent } from '../scripts/pipedrive-spec.js';
import {
  contractMismatches,
  exampleResponse,
  fieldNames,
  type Mismatch,
  outputMismatches,
  SDK_INTEGER,
  sdkEndpoint,
} from './helpers/contract.js';
import { SPEC_MISSING_MESSAGE, sdkOperations } from './helpers/spec.js';

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
  'update_project:template_id':
    "The SDK's UpdateProjectRequest repeats AddProjectRequest's `template_id`, which it documents as used only when creating a project: update_project leaves it out.",
};

const PRESENT = specPresent('v2', 'sdk');
if (!PRESENT) console.warn(SPEC_MISSING_MESSAGE);

const v2 = PRESENT ? operations.filter((op) => op.api === 'v2' && !op.raw) : [];
const published = v2.filter((op) => endpointOf(op)?.spec === 'v2');
const sdkOnly = v2.filter((op) => endpointOf(op)?.spec === 'sdk');

const withoutErrata = (op: Operation, found: Mismatch[]) =>
  found.filter((m) => !SPEC_ERRATA[`${op.name}:${m.field}`]);

/** Every input mismatch of one operation with its document, errata included. */
function mismatches(op: Operation): Mismatch[] {
  const endpoint = endpointOf(op);
  if (!endpoint) return [];
  if (endpoint.spec === 'v2') {
    return contractMismatches(op, endpoint.operation, fieldNames(sdkVersionOf(endpoint)));
  }
  return contractMismatches(op, sdkEndpoint(endpoint.operation), undefined).filter(
    (m) => m.problem !== SDK_INTEGER,
  );
}

describe.skipIf(!PRESENT)('contract with openapi-v2.yaml', () => {
  it.each(published.map((op) => [op.name, op] as const))('%s matches the spec', (_name, op) => {
    const endpoint = endpointOf(op);
    expect(endpoint?.spec).toBe('v2');
    expect(withoutErrata(op, mismatches(op))).toEqual([]);
    const example = exampleResponse(endpoint?.operation ?? {});
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
});

describe.skipIf(!PRESENT)('contract of the SDK-only operations with openapi-v2-sdk.yaml', () => {
  it.each(sdkOnly.map((op) => [op.name, op] as const))('%s matches the SDK', (_name, op) => {
    const endpoint = endpointOf(op);
    expect(endpoint?.spec).toBe('sdk');
    if (!endpoint) return;
    expect([...op.scopes].sort()).toEqual(scopesOf(endpoint.operation).sort());
    expect(withoutErrata(op, [...mismatches(op), ...outputMismatches(op, endpoint.operation)])).toEqual([]);
  });
});

describe.skipIf(!PRESENT)('v2 contract errata', () => {
  it('every errata entry is still needed', () => {
    const used = new Set<string>();
    for (const op of v2) {
      const endpoint = endpointOf(op);
      const found = [
        ...mismatches(op),
        ...(endpoint?.spec === 'sdk' ? outputMismatches(op, endpoint.operation) : []),
      ];
      for (const m of found) used.add(`${op.name}:${m.field}`);
    }
    expect(Object.keys(SPEC_ERRATA).filter((key) => !used.has(key))).toEqual([]);
  });
});
