/**
 * The drafting script (scripts/draft-operation.ts) gives a family session a file close to finished: for endpoints
 * of each document and shape (v1 and v2, SDK-only, path/query/body, a top-level array body, bulk, lists), the
 * draft loads as an operation whose input matches the document, whose sample makes a request the document
 * accepts, with the declared token cost and the name of the v5.0 convention. Skipped with a message when the
 * reference data is absent.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Operation } from '../runtime/define.js';
import { buildRequest, parseInput } from '../runtime/execute.js';
import { draftOperation } from '../scripts/draft-operation.js';
import {
  declaredCostFor,
  type Endpoint,
  endpointOf,
  SPEC_MISSING_MESSAGE,
  sdkVersionOf,
  specPresent,
} from '../scripts/pipedrive-spec.js';
import { contractMismatches, fieldNames, SDK_INTEGER, sdkEndpoint } from './helpers/contract.js';
import { requestProblems } from './helpers/request-check.js';

const PRESENT = specPresent('v1', 'v2', 'sdk');
if (!PRESENT) console.warn(SPEC_MISSING_MESSAGE);

const ROOT = new URL('../', import.meta.url).pathname;

/** Endpoint (api, method, path) → the name the draft must have. */
const CASES: [string, string, string, string][] = [
  ['v1', 'POST', '/leadLabels', 'add_lead_label'],
  ['v1', 'PUT', '/activityTypes/{id}', 'update_activity_type'],
  ['v1', 'DELETE', '/activityTypes', 'delete_many_activity_types'],
  ['v1', 'GET', '/goals/find', 'list_goals'],
  ['v1', 'GET', '/callLogs', 'list_user_call_logs'],
  ['v2', 'POST', '/deals/{id}/products/bulk', 'add_many_deal_products'],
  ['v2', 'DELETE', '/deals/{id}/products', 'delete_many_deal_products'],
  ['v2', 'POST', '/products/{id}/duplicate', 'duplicate_product'],
  ['v2', 'POST', '/dealFields/{field_code}/options', 'add_deal_field_options'],
  ['v2', 'DELETE', '/dealFields/{field_code}/options', 'delete_deal_field_options'],
  ['v2', 'GET', '/projects', 'list_projects'],
  ['v2', 'PATCH', '/tasks/{id}', 'update_task'],
  ['v2', 'GET', '/projects/search', 'search_projects'],
];

describe.skipIf(!PRESENT)('drafts of operations from the documents', () => {
  const dir = mkdtempSync(join(tmpdir(), 'drafts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function load(endpoint: Endpoint): Promise<Operation> {
    const draft = draftOperation(endpoint, ROOT);
    const file = join(dir, `${draft.name}.ts`);
    writeFileSync(file, draft.source);
    return ((await import(file)) as { default: Operation }).default;
  }

  it.each(CASES)('%s %s %s drafts %s', async (api, method, path, name) => {
    const endpoint = endpointOf({ api, method, path }) as Endpoint;
    expect(endpoint).toBeDefined();
    const op = await load(endpoint);
    expect(op.name).toBe(name);
    expect(`${op.api} ${op.method} ${op.path}`).toBe(`${api} ${method} ${path}`);
    expect(op.tokenCost).toEqual(declaredCostFor(endpoint));

    const spec = endpoint.spec === 'sdk' ? sdkEndpoint(endpoint.operation) : endpoint.operation;
    const extra = endpoint.spec === 'v2' ? fieldNames(sdkVersionOf(endpoint)) : undefined;
    const mismatches = contractMismatches(op, spec, extra).filter((m) => m.problem !== SDK_INTEGER);
    expect(mismatches).toEqual([]);

    const request = buildRequest(op, parseInput(op, op.sample));
    const sent = {
      method: request.method,
      path: request.path,
      query: request.searchParams ?? {},
      body: request.json,
    };
    expect(requestProblems(endpoint.path, endpoint.operation, sent)).toEqual([]);
  });
});
