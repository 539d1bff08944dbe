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
const NOT_YET: Readonly<Record<string, readonly string[]>> = {};

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
