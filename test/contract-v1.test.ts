/**
 * Contract test of the API v1 operations against Pipedrive's published OpenAPI v1 document (every v1 operation:
 * one added later is checked with nothing added here). Method and path exist; every path, query and body field
 * is accepted with its type, enum, nullability and required-ness; fields beyond the spec come from the SDK's
 * models (operations-v1-aux.json); the OAuth scopes are the documented ones; the output schema parses the spec's
 * example response and declares every documented response field. The API v2 operations are checked in
 * test/contract.test.ts, what goes on the wire in test/contract-requests.test.ts. Skipped with a message when
 * the reference data is absent.
 */
import { describe, expect, it } from 'vitest';
import { operations } from '../operations/index.js';
import type { Operation } from '../runtime/define.js';
import { contractMismatches, exampleResponse, type Mismatch, outputMismatches } from './helpers/contract.js';
import {
  AUX_NAMES,
  type AuxOperation,
  auxOperations,
  type OpenApiOperation,
  openApiV1,
  SPEC_MISSING_MESSAGE,
  SPEC_V1_PRESENT,
  type SpecSchema,
} from './helpers/spec.js';

/**
 * Where Pipedrive's spec is wrong about its own API, we follow the API. Each entry: `op:path` → why
 * (`op:response.path` for response fields).
 */
const SPEC_ERRATA: Record<string, string> = {
  'add_file:project_id':
    "Pipedrive's official SDK (pipedrive 33.7, FilesApi.addFile) attaches an upload to a project too; the v1 document omits the field.",
  'add_person_picture:response.data.PICTURE_ID':
    'The document nests the answer under a literal `PICTURE_ID` key; its own example, like the API, has the picture directly in `data`.',
  'list_note_fields:response.additional_data':
    'The schema puts `start`, `limit` and `more_items_in_collection` in `additional_data`, its own example in `additional_data.pagination`; the endpoint takes no paging parameters and returns every note field at once, so the output declares no paging data (a list without pages).',
  // GET /v1/permissionSets/{id} documents the permission set at the top of the answer, without the v1
  // envelope; its own example (and every v1 answer) has `{ success, data }`, the set in `data`.
  ...Object.fromEntries(
    ['id', 'name', 'description', 'app', 'type', 'assignment_count', 'contents'].map((field) => [
      `get_permission_set:response.${field}`,
      'the set is in `data` of the v1 envelope, as the example shows, not at the top',
    ]),
  ),
  ...recordsErrata(),
};

/** The records family (deals, persons, organizations beyond CRUD): where the v1 document is wrong. */
function recordsErrata(): Record<string, string> {
  // Fields of a person that the document puts on each participant of a deal.
  const personFields = [
    'activities_count',
    'cc_email',
    'closed_deals_count',
    'company_id',
    'done_activities_count',
    'email',
    'email_messages_count',
    'files_count',
    'first_char',
    'first_name',
    'followers_count',
    'label',
    'label_ids',
    'last_activity_date',
    'last_activity_id',
    'last_incoming_mail_time',
    'last_name',
    'last_outgoing_mail_time',
    'lost_deals_count',
    'name',
    'next_activity_date',
    'next_activity_id',
    'next_activity_time',
    'notes_count',
    'open_deals_count',
    'org_id',
    'org_name',
    'owner_id',
    'owner_name',
    'phone',
    'picture_id',
    'related_closed_deals_count',
    'related_lost_deals_count',
    'related_open_deals_count',
    'related_won_deals_count',
    'undone_activities_count',
    'update_time',
    'visible_to',
    'won_deals_count',
  ];
  const participant =
    "The document describes a deal participant as the person itself; the API answers the participant ({ id, person_id, person, add_time, active_flag, related_item_data, ... }, as the document's own examples and the SDK's DealParticipantItem show), whose `person` declares these fields";
  const cursorPaged =
    'The participants changelog pages by cursor (`next_cursor`, as its example and the cursor parameter show); the documented start/limit are not sent';
  const timeline =
    'The document shows `data` as one period; the endpoint returns one period per interval asked for (`amount`), so `data` is a list of periods (a single object is accepted too), whose items declare this field';
  return {
    ...Object.fromEntries(
      ['get_deal_participants', 'add_deal_participant'].flatMap((op) =>
        personFields.map((field) => [`${op}:response.data.${field}`, participant]),
      ),
    ),
    ...Object.fromEntries(
      ['start', 'limit', 'more_items_in_collection'].map((field) => [
        `get_deal_participants_changelog:response.additional_data.${field}`,
        cursorPaged,
      ]),
    ),
    ...Object.fromEntries(
      ['period_start', 'period_end', 'deals', 'totals'].map((field) => [
        `get_deals_timeline:response.data.${field}`,
        timeline,
      ]),
    ),
  };
}

if (!SPEC_V1_PRESENT) console.warn(SPEC_MISSING_MESSAGE);

const v1Operations = operations.filter((op) => op.api === 'v1');

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

function securityScopes(spec: OpenApiOperation): string[] {
  return (spec.security ?? []).flatMap((entry) => entry.oauth2 ?? []);
}

const withoutErrata = (op: Operation, found: Mismatch[]) =>
  found.filter((m) => !SPEC_ERRATA[`${op.name}:${m.field}`]);

/** Every mismatch of one operation, errata included (for the errata check). */
function allMismatches(op: Operation): Mismatch[] {
  const spec = specOperation(op);
  if (!spec) return [];
  return [...contractMismatches(op, spec, auxEntry(op)), ...outputMismatches(op, spec)];
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

describe.skipIf(!SPEC_V1_PRESENT)('v1 contract errata', () => {
  it('every errata entry is still needed', () => {
    const used = new Set<string>();
    for (const op of v1Operations) {
      for (const m of allMismatches(op)) used.add(`${op.name}:${m.field}`);
    }
    expect(Object.keys(SPEC_ERRATA).filter((key) => !used.has(key))).toEqual([]);
  });
});
