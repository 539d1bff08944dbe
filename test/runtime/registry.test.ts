import nock from 'nock';
import { describe, expect, it, vi } from 'vitest';
import connector from '../../index.js';
import { registry } from '../../operations/index.js';
import { ConnectorError } from '../../runtime/errors.js';
import { Registry } from '../../runtime/registry.js';
import { deal, hits, ok, page } from '../fixtures/entities.js';
import { API, TOKEN, tokenCtx } from '../helpers/context.js';

describe('v4.2 operation names', () => {
  it.each([
    ['create_deal', 'add_deal', 'POST', '/api/v2/deals', { title: 'Old step' }, ok(deal())],
    ['list_people', 'list_persons', 'GET', '/api/v2/persons', {}, page([])],
    ['get_pipeline_stage', 'get_stage', 'GET', '/api/v2/stages/3', { id: 3 }, ok({ id: 3, name: 'Won' })],
    ['perform_search', 'search_item', 'GET', '/api/v2/itemSearch', { term: 'acme' }, hits([])],
    [
      'merge_with_deal_id',
      'merge_deals',
      'PUT',
      '/v1/deals/7/merge',
      { id: 7, merge_with_id: 3 },
      ok({ id: 3 }),
    ],
    [
      'merge_with_person_id',
      'merge_persons',
      'PUT',
      '/v1/persons/7/merge',
      { id: 7, merge_with_id: 3 },
      ok({ id: 3 }),
    ],
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
    // One letter swapped or wrong: the name it missed (issue 26: `add_dael`).
    for (const [typo, meant] of [
      ['add_dael', 'add_deal'],
      ['get_persn', 'get_person'],
      ['list_organizatoins', 'list_organizations'],
    ]) {
      expect(() => registry.resolve(typo as string)).toThrow(`Did you mean "${meant}"`);
    }
  });

  it('lists the aliases and removals in the manifest', () => {
    const { deprecated_operations, removed_operations } = connector.manifest;
    expect(deprecated_operations).toContainEqual({ name: 'create_person', replaced_by: 'add_person' });
    expect(deprecated_operations).toContainEqual({ name: 'create_note', replaced_by: 'add_note' });
    // The merges' entries also carry the note on their fields.
    expect(deprecated_operations).toContainEqual({
      name: 'merge_with_deal_id',
      replaced_by: 'merge_deals',
      note: expect.stringContaining('`merge_with_id`'),
    });
    expect(deprecated_operations).toContainEqual({
      name: 'merge_with_person_id',
      replaced_by: 'merge_persons',
      note: expect.stringContaining('`merge_with_id`'),
    });
    expect(deprecated_operations).toHaveLength(14);
    expect(removed_operations.map((r) => r.name)).toEqual([
      'list_deals_associated_with_a_person',
      'list_organization_deals',
    ]);
  });

  it('runs the v4.2 names that are operations again under their own name', () => {
    for (const name of [
      'find_users',
      'list_users',
      'get_user',
      'list_activity_types',
      'list_deal_fields',
      'get_deals_timeline',
    ]) {
      expect(registry.resolve(name).deprecation).toBeUndefined();
    }
  });
});

describe('a name resolved once (connector.resolve, connector.resolveLookup)', () => {
  it('a v4.2 name resolves to its successor with the deprecation, and the operation runs without resolving again', async () => {
    const resolve = vi.spyOn(Registry.prototype, 'resolve');
    try {
      const operation = await connector.resolve('create_deal');
      expect(operation.name).toBe('add_deal');
      expect(operation.deprecation).toContain('"create_deal" is deprecated');
      const scope = nock(API, { badheaders: ['authorization'] })
        .matchHeader('x-api-token', TOKEN)
        .post('/api/v2/deals', { title: 'Once' })
        .query({})
        .reply(200, ok(deal()));
      const output = (await operation.execute(
        { title: 'Once', custom_fields_by_name: false },
        tokenCtx(),
      )) as {
        warnings: string[];
      };
      scope.done();
      expect(output.warnings).toEqual([operation.deprecation]);
      expect(resolve).toHaveBeenCalledTimes(1);
    } finally {
      resolve.mockRestore();
    }
  });

  it('an unknown or removed name is unknown_operation at resolve, before anything is sent', async () => {
    const unknown = await connector.resolve('make_coffee').catch((e: unknown) => e as ConnectorError);
    expect(unknown).toBeInstanceOf(ConnectorError);
    expect((unknown as ConnectorError).code).toBe('unknown_operation');
    const removedName = await connector
      .resolve('list_organization_deals')
      .catch((e: unknown) => e as ConnectorError);
    expect((removedName as ConnectorError).details.removed).toBe(true);
    const lookup = await connector.resolveLookup('no_such_list').catch((e: unknown) => e as ConnectorError);
    expect((lookup as ConnectorError).code).toBe('unknown_operation');
  });

  it('a lookup resolved once gives its options', async () => {
    const lookup = await connector.resolveLookup('pipelines');
    expect(lookup.name).toBe('pipelines');
    const scope = nock(API, { badheaders: ['authorization'] })
      .matchHeader('x-api-token', TOKEN)
      .get('/api/v2/pipelines')
      .query({ limit: '500' })
      .reply(200, page([{ id: 1, name: 'Sales' }]));
    const options = await lookup.lookup({}, tokenCtx());
    scope.done();
    expect(options).toEqual({ options: [{ value: 1, label: 'Sales' }], next_cursor: null });
  });
});
