/**
 * Coverage of Pipedrive's API: every live (not deprecated) endpoint of openapi-v1.yaml, openapi-v2.yaml and the
 * SDK-only v2 of openapi-v2-sdk.yaml is reached by exactly one operation, or stands in the exclusion table
 * (operations/exclusions.ts, with a reason per row), or is still to do: NOT_YET below, grouped by the family that
 * will add it. Each family's session removes its lines as it adds the operations; the test fails when an
 * endpoint is in none of the three, when a listed one is in fact covered, and when an operation reaches a
 * deprecated or unknown endpoint. It prints the counts. Skipped with a message when the reference data is absent.
 */
import { describe, expect, it } from 'vitest';
import { exclusions } from '../operations/exclusions.js';
import { operations } from '../operations/index.js';
import type { Operation } from '../runtime/define.js';
import {
  allLiveEndpoints,
  type Endpoint,
  endpointKey,
  endpointOf,
  SPEC_MISSING_MESSAGE,
  type SpecName,
  specPresent,
} from '../scripts/pipedrive-spec.js';

/** The live endpoints no operation reaches yet, by the family that will add them. */
const NOT_YET: Readonly<Record<string, readonly string[]>> = {
  // Projects, boards, phases, tasks, templates and project fields (API v2, SDK-only), the v1 project plan,
  // groups, tasks and activities. The v1 twins of v2 endpoints move to operations/exclusions.ts (replacedBy)
  // when their v2 operation lands; /v1/projects/boards and /v1/projects/phases are the twins of /boards, /phases.
  projects: [
    'GET /api/v2/boards',
    'POST /api/v2/boards',
    'GET /api/v2/boards/{id}',
    'PATCH /api/v2/boards/{id}',
    'DELETE /api/v2/boards/{id}',
    'GET /api/v2/phases',
    'POST /api/v2/phases',
    'GET /api/v2/phases/{id}',
    'PATCH /api/v2/phases/{id}',
    'DELETE /api/v2/phases/{id}',
    'GET /api/v2/projectFields',
    'POST /api/v2/projectFields',
    'GET /api/v2/projectFields/{field_code}',
    'PATCH /api/v2/projectFields/{field_code}',
    'DELETE /api/v2/projectFields/{field_code}',
    'POST /api/v2/projectFields/{field_code}/options',
    'PATCH /api/v2/projectFields/{field_code}/options',
    'DELETE /api/v2/projectFields/{field_code}/options',
    'GET /api/v2/projectTemplates',
    'GET /api/v2/projectTemplates/{id}',
    'GET /api/v2/projects',
    'POST /api/v2/projects',
    'GET /api/v2/projects/archived',
    'GET /api/v2/projects/search',
    'GET /api/v2/projects/{id}',
    'PATCH /api/v2/projects/{id}',
    'DELETE /api/v2/projects/{id}',
    'POST /api/v2/projects/{id}/archive',
    'GET /api/v2/projects/{id}/changelog',
    'GET /api/v2/projects/{id}/permittedUsers',
    'GET /api/v2/tasks',
    'POST /api/v2/tasks',
    'GET /api/v2/tasks/{id}',
    'PATCH /api/v2/tasks/{id}',
    'DELETE /api/v2/tasks/{id}',
    'GET /v1/projectTemplates',
    'GET /v1/projectTemplates/{id}',
    'GET /v1/projects',
    'POST /v1/projects',
    'GET /v1/projects/boards',
    'GET /v1/projects/boards/{id}',
    'GET /v1/projects/phases',
    'GET /v1/projects/phases/{id}',
    'GET /v1/projects/{id}',
    'PUT /v1/projects/{id}',
    'DELETE /v1/projects/{id}',
    'GET /v1/projects/{id}/activities',
    'POST /v1/projects/{id}/archive',
    'GET /v1/projects/{id}/groups',
    'GET /v1/projects/{id}/plan',
    'PUT /v1/projects/{id}/plan/activities/{activityId}',
    'PUT /v1/projects/{id}/plan/tasks/{taskId}',
    'GET /v1/projects/{id}/tasks',
    'GET /v1/tasks',
    'POST /v1/tasks',
    'GET /v1/tasks/{id}',
    'PUT /v1/tasks/{id}',
    'DELETE /v1/tasks/{id}',
  ],
  // Deals, persons, organizations, products, leads and pipelines beyond CRUD (API v1): merges, flows, changelogs,
  // participants, permitted users, mail messages, timeline and summary, statistics; organization relationships;
  // goals.
  records: [
    'GET /v1/deals/summary',
    'GET /v1/deals/timeline',
    'GET /v1/deals/{id}/changelog',
    'POST /v1/deals/{id}/duplicate',
    'GET /v1/deals/{id}/flow',
    'GET /v1/deals/{id}/mailMessages',
    'PUT /v1/deals/{id}/merge',
    'GET /v1/deals/{id}/participants',
    'POST /v1/deals/{id}/participants',
    'DELETE /v1/deals/{id}/participants/{deal_participant_id}',
    'GET /v1/deals/{id}/participantsChangelog',
    'GET /v1/deals/{id}/permittedUsers',
    'POST /v1/goals',
    'GET /v1/goals/find',
    'PUT /v1/goals/{id}',
    'DELETE /v1/goals/{id}',
    'GET /v1/goals/{id}/results',
    'GET /v1/leads/archived',
    'GET /v1/leads/{id}/permittedUsers',
    'GET /v1/organizationRelationships',
    'POST /v1/organizationRelationships',
    'GET /v1/organizationRelationships/{id}',
    'PUT /v1/organizationRelationships/{id}',
    'DELETE /v1/organizationRelationships/{id}',
    'GET /v1/organizations/{id}/changelog',
    'GET /v1/organizations/{id}/flow',
    'GET /v1/organizations/{id}/mailMessages',
    'PUT /v1/organizations/{id}/merge',
    'GET /v1/organizations/{id}/permittedUsers',
    'GET /v1/persons/{id}/changelog',
    'GET /v1/persons/{id}/flow',
    'GET /v1/persons/{id}/mailMessages',
    'PUT /v1/persons/{id}/merge',
    'GET /v1/persons/{id}/permittedUsers',
    'GET /v1/persons/{id}/products',
    'GET /v1/pipelines/{id}/conversion_statistics',
    'GET /v1/pipelines/{id}/movement_statistics',
    'GET /v1/products/{id}/deals',
    'GET /v1/products/{id}/permittedUsers',
  ],
};

const PRESENT = specPresent('v1', 'v2', 'sdk');
if (!PRESENT) console.warn(SPEC_MISSING_MESSAGE);

/** `GET /api/v2/deals/{id}` of an operation (none for the raw api_request). */
const keyOf = (op: Operation) =>
  endpointKey({ spec: op.api === 'v1' ? 'v1' : 'v2', method: op.method, path: op.path });

/** A v1 endpoint's twin in API v2: the same path (v1 PUT is v2 PATCH); boards and phases moved up a level. */
function v2Twin(key: string): string | undefined {
  const [method, path] = key.split(' ') as [string, string];
  if (!path.startsWith('/v1/')) return undefined;
  const v2Path = path.replace(/^\/v1\/projects\/(boards|phases)/, '/v1/$1').replace(/^\/v1\//, '/api/v2/');
  return `${method === 'PUT' ? 'PATCH' : method} ${v2Path}`;
}

describe.skipIf(!PRESENT)("coverage of Pipedrive's API", () => {
  const live = PRESENT ? allLiveEndpoints() : [];
  const byKey = new Map<string, Endpoint>(live.map((e) => [endpointKey(e), e]));
  const declared = operations.filter((op) => !op.raw);
  const reaching = new Map<string, string[]>();
  for (const op of declared) reaching.set(keyOf(op), [...(reaching.get(keyOf(op)) ?? []), op.name]);
  const excluded = new Map(exclusions.map((row) => [row.endpoint, row]));
  const notYet = new Map(
    Object.entries(NOT_YET).flatMap(([family, keys]) => keys.map((key) => [key, family] as const)),
  );

  it('every operation reaches a live endpoint of the documents, and no endpoint has two operations', () => {
    const problems: string[] = [];
    for (const op of declared) {
      const endpoint = endpointOf(op);
      if (!endpoint) problems.push(`${op.name}: ${keyOf(op)} is in no document`);
      else if (endpoint.operation.deprecated) problems.push(`${op.name}: ${keyOf(op)} is deprecated`);
    }
    for (const [key, names] of reaching) {
      if (names.length > 1) problems.push(`${key} is reached by ${names.join(' and ')}`);
    }
    expect(problems).toEqual([]);
  });

  it('every live endpoint is covered, excluded or listed as not yet', () => {
    const missing = [...byKey.keys()].filter(
      (key) => !reaching.has(key) && !excluded.has(key) && !notYet.has(key),
    );
    expect(missing, 'add an operation, an exclusion with its reason, or a NOT_YET line').toEqual([]);
  });

  it('each exclusion is a live endpoint without an operation, with a reason; a replacement is its v2 twin', () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const row of exclusions) {
      if (seen.has(row.endpoint)) problems.push(`${row.endpoint} is excluded twice`);
      seen.add(row.endpoint);
      if (!byKey.has(row.endpoint)) problems.push(`${row.endpoint} is not a live endpoint`);
      if (reaching.has(row.endpoint))
        problems.push(`${row.endpoint} is excluded but reached by ${reaching.get(row.endpoint)}`);
      if (notYet.has(row.endpoint)) problems.push(`${row.endpoint} is excluded and listed as not yet`);
      if (!row.reason.trim()) problems.push(`${row.endpoint} has no reason`);
      if (row.replacedBy === undefined) continue;
      const op = declared.find((o) => o.name === row.replacedBy);
      const [method] = row.endpoint.split(' ');
      if (!op) problems.push(`${row.endpoint}: replacedBy ${row.replacedBy} is not an operation`);
      else if (op.api !== 'v2' || !row.endpoint.includes(' /v1/'))
        problems.push(`${row.endpoint}: a replacement is a v2 operation for a v1 endpoint`);
      else if (op.method !== method && !(method === 'PUT' && op.method === 'PATCH'))
        problems.push(`${row.endpoint}: replacedBy ${row.replacedBy} is a ${op.method}`);
    }
    expect(problems).toEqual([]);
  });

  it('each NOT_YET line is a live endpoint that is still to do', () => {
    const problems: string[] = [];
    const lines = Object.values(NOT_YET).flat();
    for (const key of new Set(lines.filter((key, i) => lines.indexOf(key) !== i)))
      problems.push(`${key} is listed twice`);
    for (const [key, family] of notYet) {
      if (!byKey.has(key)) problems.push(`${key} (${family}) is not a live endpoint`);
      const names = reaching.get(key);
      if (names) problems.push(`${key} is covered by ${names}: remove it from NOT_YET (${family})`);
      const twin = v2Twin(key);
      const replacement = twin === undefined ? undefined : reaching.get(twin);
      if (replacement)
        problems.push(
          `${key} has its v2 twin in ${replacement}: move it to operations/exclusions.ts (replacedBy)`,
        );
    }
    expect(problems).toEqual([]);
  });

  it('prints the counts', () => {
    const documents: SpecName[] = ['v1', 'v2', 'sdk'];
    const rows = documents.map((spec) => {
      const keys = live.filter((e) => e.spec === spec).map(endpointKey);
      const count = (set: { has(key: string): boolean }) => keys.filter((key) => set.has(key)).length;
      return {
        document: spec,
        live: keys.length,
        covered: count(reaching),
        excluded: count(excluded),
        not_yet: count(notYet),
      };
    });
    const families = Object.fromEntries(
      Object.entries(NOT_YET).map(([family, keys]) => [family, keys.length]),
    );
    console.log(
      `Coverage of Pipedrive's API (${declared.length} operations besides api_request):\n${rows
        .map(
          (r) =>
            `  ${r.document.padEnd(3)}  live ${r.live}, covered ${r.covered}, excluded ${r.excluded}, not yet ${r.not_yet}`,
        )
        .join('\n')}\n  not yet by family: ${JSON.stringify(families)}`,
    );
    for (const r of rows) expect(r.covered + r.excluded + r.not_yet).toBe(r.live);
  });
});
