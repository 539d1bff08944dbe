import nock from 'nock';
import { describe, expect, it } from 'vitest';
import connector from '../../index.js';
import { registry } from '../../operations/index.js';
import { ConnectorError } from '../../runtime/errors.js';
import { deal, hits, ok, page } from '../fixtures/entities.js';
import { API, tokenCtx } from '../helpers/context.js';

describe('v4.2 operation names', () => {
  it.each([
    ['create_deal', 'add_deal', 'POST', '/api/v2/deals', { title: 'Old step' }, ok(deal())],
    ['list_people', 'list_persons', 'GET', '/api/v2/persons', {}, page([])],
    ['get_pipeline_stage', 'get_stage', 'GET', '/api/v2/stages/3', { id: 3 }, ok({ id: 3, name: 'Won' })],
    ['perform_search', 'search_item', 'GET', '/api/v2/itemSearch', { term: 'acme' }, hits([])],
  ] as const)(
    '%s runs %s with a deprecation warning in the output and the log',
    async (old, now, method, path, input, reply) => {
      const scope = nock(API).intercept(path, method).query(true).reply(200, reply);
      const warnings: string[] = [];
      const logger = {
        debug() {},
        info() {},
        error() {},
        warn: (_o: unknown, msg?: string) => warnings.push(String(msg)),
      };
      const output = (await connector.execute(old, input, tokenCtx({ logger }))) as { warnings: string[] };
      scope.done();
      expect(output.warnings).toHaveLength(1);
      expect(output.warnings[0]).toContain(`"${old}" is deprecated`);
      expect(output.warnings[0]).toContain(`"${now}"`);
      expect(warnings).toContain(output.warnings[0]);
    },
  );

  it.each([
    ['list_organization_deals', 'list_deals'],
    ['list_deals_associated_with_a_person', 'person_id'],
    ['merge_with_deal_id', 'no merge'],
    ['merge_with_person_id', 'no merge'],
  ])('%s fails with unknown_operation naming the way forward', async (old, hint) => {
    const error = await connector.execute(old, {}, tokenCtx()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe('unknown_operation');
    expect((error as ConnectorError).message).toContain('removed in connector v5.0');
    expect((error as ConnectorError).message).toContain(hint);
  });

  it('suggests close names for a typo', async () => {
    const error = (await connector
      .execute('get_deals', {}, tokenCtx())
      .catch((e: unknown) => e)) as ConnectorError;
    expect(error.code).toBe('unknown_operation');
    expect(error.message).toContain('"get_deal"');
  });

  it('lists the aliases and removals in the manifest', () => {
    const { deprecated_operations, removed_operations } = connector.manifest;
    expect(deprecated_operations).toContainEqual({ name: 'create_person', replaced_by: 'add_person' });
    expect(deprecated_operations).toContainEqual({ name: 'create_note', replaced_by: 'add_note' });
    expect(deprecated_operations).toHaveLength(12);
    expect(removed_operations.map((r) => r.name)).toContain('get_deals_timeline');
    expect(removed_operations).toHaveLength(5);
  });

  it('runs the v4.2 names that are operations again under their own name', () => {
    for (const name of ['find_users', 'list_users', 'get_user', 'list_activity_types', 'list_deal_fields']) {
      expect(registry.resolve(name).deprecation).toBeUndefined();
    }
  });
});
