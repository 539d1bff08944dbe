/**
 * Find-or-create and upsert (runtime/upsert.ts) through the plugin API: the exact requests of each outcome
 * (`found`, `created`, `updated`), exact matching over Pipedrive's fuzzy search, several matches, and concurrent
 * calls for one key joined into one search-and-create (single flight). The host's lock across processes is
 * tested in test/server/upsert-host.test.ts.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import connector from '../../index.js';
import { ConnectorError } from '../../runtime/errors.js';
import { deal, hits, ok } from '../fixtures/entities.js';
import { person, personHit } from '../fixtures/persons.js';
import { API, TOKEN, tokenCtx } from '../helpers/context.js';

/** Each test its own connection, so that the records remembered by one do not answer another. */
let connection = 0;
const ctx = () => tokenCtx({ cacheKey: `upsert-test-${++connection}` });

const searchQuery = (term: string, fields: string) => ({ term, fields, exact_match: 'true', limit: '500' });

/** The ConnectorError a call failed with (a call that succeeds fails the test). */
async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const outcome = await promise.then(
    (output) => ({ output }),
    (error: unknown) => ({ error }),
  );
  expect(outcome).not.toHaveProperty('output');
  expect((outcome as { error: unknown }).error).toBeInstanceOf(ConnectorError);
  return (outcome as { error: ConnectorError }).error;
}

describe('find_or_create_person', () => {
  it('finds the person whose e-mail matches ignoring case, and reads it whole', async () => {
    const scope = nock(API)
      .matchHeader('x-api-token', TOKEN)
      .get('/api/v2/persons/search')
      .query(searchQuery('Mari.Tamm@ACME.example.ee', 'email'))
      .reply(200, hits([personHit(201)]))
      .get('/api/v2/persons/201')
      .reply(200, ok(person(201)));
    const output = await connector.execute(
      'find_or_create_person',
      { email: 'Mari.Tamm@ACME.example.ee', name: 'Someone Else' },
      ctx(),
    );
    expect(output).toEqual({ success: true, data: person(201), action: 'found' });
    scope.done();
  });

  it('adds the person when the search only finds near misses, with the address as primary e-mail', async () => {
    const scope = nock(API)
      .matchHeader('x-api-token', TOKEN)
      .get('/api/v2/persons/search')
      .query(searchQuery('new.person@example.com', 'email'))
      .reply(200, hits([personHit(202, { emails: ['new.person@example.com.au'] })]))
      .post('/api/v2/persons', {
        name: 'New Person',
        org_id: 301,
        emails: [{ value: 'new.person@example.com', primary: true }],
      })
      .reply(200, ok(person(203, { name: 'New Person' })));
    const output = await connector.execute(
      'find_or_create_person',
      { email: 'new.person@example.com', name: 'New Person', org_id: 301 },
      ctx(),
    );
    expect(output).toMatchObject({ action: 'created', data: { id: 203, name: 'New Person' } });
    scope.done();
  });

  it('names every match when several persons have the address, and adds nothing', async () => {
    const hitA = personHit(210, { name: 'Mari Tamm', emails: ['mari@example.com'] });
    const hitB = personHit(211, { name: 'M. Tamm', emails: ['MARI@example.com'] });
    const search = nock(API)
      .get('/api/v2/persons/search')
      .query(searchQuery('mari@example.com', 'email'))
      .reply(200, hits([hitA, hitB]));
    const add = nock(API)
      .post('/api/v2/persons')
      .reply(200, ok(person(299)));
    const error = await failure(
      connector.execute('find_or_create_person', { email: 'mari@example.com', name: 'Mari' }, ctx()),
    );
    expect(error.code).toBe('conflict');
    expect(error.message).toContain(
      '2 persons have email = "mari@example.com": #210 "Mari Tamm", #211 "M. Tamm"',
    );
    expect(error.details).toMatchObject({
      matches: [
        { id: 210, name: 'Mari Tamm' },
        { id: 211, name: 'M. Tamm' },
      ],
    });
    search.done();
    expect(add.isDone()).toBe(false);
  });

  it('takes the oldest of several matches when on_multiple says so, and warns', async () => {
    const scope = nock(API)
      .get('/api/v2/persons/search')
      .query(searchQuery('mari@example.com', 'email'))
      .reply(
        200,
        hits([
          personHit(220, { emails: ['mari@example.com'] }),
          personHit(221, { emails: ['mari@example.com'] }),
        ]),
      )
      .get('/api/v2/persons/220')
      .reply(200, ok(person(220, { add_time: '2026-10-01T00:00:00Z' })))
      .get('/api/v2/persons/221')
      .reply(200, ok(person(221, { add_time: '2026-01-01T00:00:00Z' })));
    const output = (await connector.execute(
      'find_or_create_person',
      { email: 'mari@example.com', on_multiple: 'oldest' },
      ctx(),
    )) as { action: string; data: { id: number }; warnings: string[] };
    expect(output.action).toBe('found');
    expect(output.data.id).toBe(221);
    expect(output.warnings).toEqual([
      '2 persons have email = "mari@example.com": #220 "Mari Tamm", #221 "Mari Tamm"; took the oldest, #221 "Mari Tamm".',
    ]);
    scope.done();
  });

  it('adds one person for 20 concurrent calls with one address, and the others find it', async () => {
    let searches = 0;
    let adds = 0;
    const scope = nock(API)
      .get('/api/v2/persons/search')
      .query(searchQuery('burst@example.com', 'email'))
      .reply(() => {
        searches += 1;
        return [200, hits([])];
      })
      .post('/api/v2/persons', { name: 'Burst', emails: [{ value: 'burst@example.com', primary: true }] })
      .reply(() => {
        adds += 1;
        return [
          200,
          ok(person(230, { name: 'Burst', emails: [{ value: 'burst@example.com', primary: true }] })),
        ];
      });
    const context = ctx();
    const outputs = (await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        connector.execute(
          'find_or_create_person',
          // The same address, written differently: one key.
          { email: i % 2 === 0 ? 'burst@example.com' : 'Burst@Example.com', name: 'Burst' },
          context,
        ),
      ),
    )) as { action: string; data: { id: number } }[];
    expect(searches).toBe(1);
    expect(adds).toBe(1);
    expect(outputs.map((o) => o.data.id)).toEqual(Array(20).fill(230));
    expect(outputs.filter((o) => o.action === 'created')).toHaveLength(1);
    expect(outputs.filter((o) => o.action === 'found')).toHaveLength(19);
    scope.done();

    // A call right after reads the remembered person (1 token) instead of searching (20), which may not show it yet.
    const again = nock(API)
      .get('/api/v2/persons/230')
      .reply(
        200,
        ok(person(230, { name: 'Burst', emails: [{ value: 'burst@example.com', primary: true }] })),
      );
    const later = await connector.execute('find_or_create_person', { email: 'burst@example.com' }, context);
    expect(later).toMatchObject({ action: 'found', data: { id: 230 } });
    again.done();
  });

  it('refuses a malformed address naming the field, and sends nothing', async () => {
    const scope = nock(API).get('/api/v2/persons/search').query(true).reply(200, hits([]));
    const error = await failure(
      connector.execute('find_or_create_person', { email: 'not-an-address' }, ctx()),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.details.issues?.map((i) => i.path)).toEqual(['email']);
    expect(scope.isDone()).toBe(false);
  });
});

describe('find_or_create_organization', () => {
  it('matches the name exactly: a hit differing in case is not the organization, so one is added', async () => {
    const scope = nock(API)
      .get('/api/v2/organizations/search')
      .query(searchQuery('Northwind Traders', 'name'))
      .reply(200, hits([{ id: 301, type: 'organization', name: 'NORTHWIND TRADERS', address: null }]))
      .post('/api/v2/organizations', { name: 'Northwind Traders', visible_to: 3 })
      .reply(200, ok({ id: 302, name: 'Northwind Traders', visible_to: 3 }));
    const output = await connector.execute(
      'find_or_create_organization',
      { name: 'Northwind Traders', visible_to: 3 },
      ctx(),
    );
    expect(output).toMatchObject({ action: 'created', data: { id: 302 } });
    scope.done();
  });
});

describe('upserts', () => {
  const EXTERNAL = 'f'.repeat(40);
  const personFields = [
    { field_code: 'name', field_name: 'Name', field_type: 'varchar', is_custom_field: false },
    { field_code: EXTERNAL, field_name: 'External ID', field_type: 'varchar', is_custom_field: true },
  ];

  it('updates the person whose custom field holds the external ID, read to check it exactly', async () => {
    const scope = nock(API)
      .matchHeader('x-api-token', TOKEN)
      .get('/api/v2/personFields')
      .query({ limit: '500' })
      .reply(200, ok(personFields, { next_cursor: null }))
      .get('/api/v2/persons/search')
      .query(searchQuery('crm-42', 'custom_fields'))
      .reply(
        200,
        hits([personHit(240, { custom_fields: ['crm-421'] }), personHit(241, { custom_fields: ['crm-42'] })]),
      )
      .get('/api/v2/persons/240')
      .reply(200, ok(person(240, { custom_fields: { [EXTERNAL]: 'crm-421' } })))
      .get('/api/v2/persons/241')
      .reply(200, ok(person(241, { custom_fields: { [EXTERNAL]: 'crm-42' } })))
      .patch('/api/v2/persons/241', { job_title: 'CTO' })
      .reply(200, ok(person(241, { job_title: 'CTO', custom_fields: { [EXTERNAL]: 'crm-42' } })));
    const output = await connector.execute(
      'upsert_person',
      { match_field: 'External ID', match_value: 'crm-42', job_title: 'CTO' },
      ctx(),
    );
    expect(output).toMatchObject({ action: 'updated', data: { id: 241, job_title: 'CTO' } });
    scope.done();
  });

  it('adds a deal with the match value in its custom field when none has it', async () => {
    const dealFields = [
      { field_code: 'title', field_name: 'Title', field_type: 'varchar', is_custom_field: false },
      { field_code: EXTERNAL, field_name: 'Order ID', field_type: 'varchar', is_custom_field: true },
    ];
    const scope = nock(API)
      .get('/api/v2/dealFields')
      .query({ limit: '500' })
      .reply(200, ok(dealFields, { next_cursor: null }))
      .get('/api/v2/deals/search')
      .query(searchQuery('ORD-7', 'custom_fields'))
      .reply(200, hits([]))
      .post('/api/v2/deals', { title: 'Order 7', value: 120, custom_fields: { [EXTERNAL]: 'ORD-7' } })
      .reply(200, ok(deal(150, { title: 'Order 7', value: 120, custom_fields: { [EXTERNAL]: 'ORD-7' } })));
    const output = await connector.execute(
      'upsert_deal',
      { match_field: 'Order ID', match_value: 'ORD-7', title: 'Order 7', value: 120 },
      ctx(),
    );
    expect(output).toMatchObject({ action: 'created', data: { id: 150 } });
    scope.done();
  });

  it('says found, and sends no update, when a match is given nothing to change', async () => {
    const scope = nock(API)
      .get('/api/v2/deals/search')
      .query(searchQuery('Acme renewal', 'title'))
      .reply(200, hits([{ id: 160, type: 'deal', title: 'Acme renewal', value: 1, currency: 'EUR' }]))
      .get('/api/v2/deals/160')
      .reply(200, ok(deal(160, { title: 'Acme renewal' })));
    const output = await connector.execute(
      'upsert_deal',
      { match_field: 'title', match_value: 'Acme renewal' },
      ctx(),
    );
    expect(output).toMatchObject({ action: 'found', data: { id: 160 } });
    scope.done();
  });

  it('refuses a match field that is neither standard nor a custom field, naming it, after one fresh look', async () => {
    const scope = nock(API)
      .get('/api/v2/personFields')
      .query({ limit: '500' })
      .times(2)
      .reply(200, ok(personFields, { next_cursor: null }));
    const search = nock(API).get('/api/v2/persons/search').query(true).reply(200, hits([]));
    const error = await failure(
      connector.execute('upsert_person', { match_field: 'Shoe size', match_value: '42' }, ctx()),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.details.issues?.map((i) => i.path)).toEqual(['match_field']);
    expect(error.message).toContain('Shoe size');
    scope.done();
    expect(search.isDone()).toBe(false);
  });

  it('joins concurrent upserts of one key: one lead added, the other applies its own change to it', async () => {
    const lead = (overrides: Record<string, unknown> = {}) => ({
      id: 'adf21080-0e10-11eb-879b-05d71fb426ec',
      title: 'Fleet pilot',
      person_id: 201,
      organization_id: null,
      was_seen: false,
      ...overrides,
    });
    const scope = nock(API)
      .get('/api/v2/leads/search')
      .query(searchQuery('Fleet pilot', 'title'))
      .reply(200, hits([]))
      .post('/v1/leads', { title: 'Fleet pilot', person_id: 201 })
      .reply(201, ok(lead()))
      .patch(`/v1/leads/${lead().id}`, { was_seen: true })
      .reply(200, ok(lead({ was_seen: true })));
    const context = ctx();
    const [first, second] = (await Promise.all([
      connector.execute(
        'upsert_lead',
        { match_field: 'title', match_value: 'Fleet pilot', person_id: 201 },
        context,
      ),
      connector.execute(
        'upsert_lead',
        { match_field: 'title', match_value: 'Fleet pilot', was_seen: true },
        context,
      ),
    ])) as { action: string }[];
    expect([first?.action, second?.action]).toEqual(['created', 'updated']);
    scope.done();
  });
});
