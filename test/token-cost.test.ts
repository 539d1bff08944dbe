/**
 * Token costs: each operation declares what one call costs in Pipedrive's daily token budget. Where Pipedrive's
 * document publishes an `x-token-cost`, the declaration is that number; where it does not (the SDK-only v2
 * endpoints), it is `{ estimated }`: the most common published cost of the same kind of call. The manifest
 * carries it as `token_cost` (and `token_cost_estimated`). Spec checks skip with a message when the reference
 * data is absent.
 */
import { describe, expect, it } from 'vitest';
import { buildConnectorManifest } from '../connector.js';
import { operations } from '../operations/index.js';
import {
  COSTS_BY_KIND,
  declaredCostFor,
  endpointOf,
  kindOf,
  publishedCostsByKind,
  SPEC_MISSING_MESSAGE,
  specPresent,
} from '../scripts/pipedrive-spec.js';

const PRESENT = specPresent('v1', 'v2', 'sdk');
if (!PRESENT) console.warn(SPEC_MISSING_MESSAGE);

const declared = operations.filter((op) => !op.raw);

describe('token costs in the manifest', () => {
  const manifest = buildConnectorManifest();

  it('every operation has one: a number, flagged when estimated; api_request says null (the endpoint decides)', () => {
    for (const entry of manifest.operations) {
      const op = operations.find((o) => o.name === entry.name);
      if (op?.raw) {
        expect(entry.token_cost, entry.name).toBeNull();
        expect(entry).not.toHaveProperty('token_cost_estimated');
      } else {
        expect(Number.isInteger(entry.token_cost) && (entry.token_cost as number) >= 0, entry.name).toBe(
          true,
        );
        const estimated = typeof op?.tokenCost === 'object';
        expect(entry.token_cost_estimated, entry.name).toBe(estimated ? true : undefined);
      }
    }
  });
});

describe.skipIf(!PRESENT)("token costs against Pipedrive's documents", () => {
  it('the kinds of call have the published costs the estimates use', () => {
    // Recorded in docs/decisions.md ("Token costs"); a change in Pipedrive's document shows here.
    expect(publishedCostsByKind()).toEqual(COSTS_BY_KIND);
  });

  it.each(declared.map((op) => [op.name, op] as const))('%s declares the cost of its endpoint', (_, op) => {
    const endpoint = endpointOf(op);
    expect(endpoint, `${op.method} ${op.path} (${op.api}) is in no document`).toBeDefined();
    if (!endpoint) return;
    const published = endpoint.operation['x-token-cost'];
    if (published === undefined) {
      expect(op.tokenCost, `no published cost: the estimate for a ${kindOf(endpoint)} call`).toEqual(
        declaredCostFor(endpoint),
      );
    } else {
      expect(op.tokenCost, `x-token-cost of ${op.method} ${op.path}`).toBe(published);
    }
  });
});
