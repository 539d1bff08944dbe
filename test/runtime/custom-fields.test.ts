import nock from 'nock';
import { beforeEach, describe, expect, it } from 'vitest';
import connector from '../../index.js';
import { operations } from '../../operations/index.js';
import type { CallContext } from '../../runtime/context.js';
import { FieldCatalog, type FieldDefinition } from '../../runtime/custom-fields.js';
import { ConnectorError } from '../../runtime/errors.js';
import { deal, ok } from '../fixtures/entities.js';
import { person } from '../fixtures/persons.js';
import { API, TOKEN } from '../helpers/context.js';

const SEGMENT = 'a'.repeat(40);
const PLAN = 'b'.repeat(40);
const INTERESTS = 'c'.repeat(40);
const BUDGET = 'd'.repeat(40);
const OWNER2 = 'e'.repeat(40);

const dealFields = [
  { field_code: 'title', field_name: 'Title', field_type: 'varchar', is_custom_field: false },
  { field_code: SEGMENT, field_name: 'Segment', field_type: 'varchar', is_custom_field: true },
  {
    field_code: PLAN,
    field_name: 'Plan tier',
    field_type: 'enum',
    is_custom_field: true,
    options: [
      { id: 11, label: 'Basic' },
      { id: 12, label: 'Enterprise' },
    ],
  },
  {
    field_code: INTERESTS,
    field_name: 'Interests',
    field_type: 'set',
    is_custom_field: true,
    options: [
      { id: 21, label: 'Email' },
      { id: 22, label: 'Phone' },
    ],
  },
  {
    field_code: BUDGET,
    field_name: 'Budget',
    field_type: 'monetary',
    is_custom_field: true,
    subfields: [{ field_code: 'currency', field_name: 'Currency', field_type: 'varchar' }],
  },
  { field_code: OWNER2, field_name: 'Second owner', field_type: 'user', is_custom_field: true },
];

let fieldCalls = 0;
function serveFields(times = 10) {
  return nock(API)
    .get('/api/v2/dealFields')
    .query({ limit: '500' })
    .times(times)
    .reply(() => {
      fieldCalls += 1;
      return [200, { success: true, data: dealFields, additional_data: { next_cursor: null } }];
    });
}

let n = 0;
/** A fresh cache key per test: definitions are cached per connection. */
const ctx = (): CallContext => ({ auth: { type: 'api_token', apiToken: TOKEN }, cacheKey: `test-${++n}` });

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe('custom fields by name', () => {
  beforeEach(() => {
    fieldCalls = 0;
  });

  it('encodes names and option labels into keys and option IDs', async () => {
    serveFields();
    let body: Record<string, unknown> = {};
    nock(API)
      .post('/api/v2/deals', (b) => {
        body = b;
        return true;
      })
      .reply(200, ok(deal(1)));
    await connector.execute(
      'add_deal',
      {
        title: 'Acme',
        custom_fields: {
          'Plan tier': 'enterprise',
          Interests: ['Email', 22],
          Segment: 'SMB',
          Budget: 5000,
          'Second owner': '11',
        },
      },
      ctx(),
    );
    expect(body).toEqual({
      title: 'Acme',
      custom_fields: {
        [PLAN]: 12,
        [INTERESTS]: [21, 22],
        [SEGMENT]: 'SMB',
        [BUDGET]: { value: 5000 },
        [OWNER2]: 11,
      },
    });
  });

  it('sends hash keys with plain values without reading the definitions', async () => {
    const scope = nock(API)
      .post('/api/v2/deals', { title: 'x', custom_fields: { [PLAN]: 12 } })
      .reply(200, ok(deal(1)));
    await connector.execute(
      'add_deal',
      { title: 'x', custom_fields: { [PLAN]: 12 }, custom_fields_by_name: false },
      ctx(),
    );
    scope.done();
    expect(fieldCalls).toBe(0);
  });

  it('refuses an unknown name (after one fresh look) and sends nothing', async () => {
    serveFields();
    const error = await failure(
      connector.execute('add_deal', { title: 'x', custom_fields: { Colour: 'red' } }, ctx()),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.details.issues).toEqual([
      { path: 'custom_fields.Colour', message: 'is not a custom deal field (neither a key nor a name)' },
    ]);
    expect(fieldCalls).toBe(2);
  });

  it('refuses an unknown option label, naming it and the options', async () => {
    serveFields();
    const error = await failure(
      connector.execute('update_deal', { id: 1, custom_fields: { 'Plan tier': 'Gold' } }, ctx()),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('custom_fields.Plan tier');
    expect(error.message).toContain('"Gold" is not an option of "Plan tier" ("Basic", "Enterprise")');
  });

  it('adds custom_fields_by_name to outputs, labels resolved, raw custom_fields untouched', async () => {
    serveFields();
    const raw = {
      [PLAN]: 12,
      [INTERESTS]: [21, 22],
      [SEGMENT]: 'SMB',
      [BUDGET]: { value: 10, currency: 'EUR' },
    };
    nock(API)
      .get('/api/v2/deals/1')
      .reply(200, ok(deal(1, { custom_fields: raw })));
    const output = (await connector.execute('get_deal', { id: 1 }, ctx())) as {
      data: { custom_fields: unknown; custom_fields_by_name: unknown };
    };
    expect(output.data.custom_fields).toEqual(raw);
    expect(output.data.custom_fields_by_name).toEqual({
      'Plan tier': 'Enterprise',
      Interests: ['Email', 'Phone'],
      Segment: 'SMB',
      Budget: { value: 10, currency: 'EUR' },
    });
  });

  it('reads option objects of include_option_labels too', async () => {
    serveFields();
    nock(API)
      .get('/api/v2/deals/1')
      .query({ include_option_labels: 'true' })
      .reply(200, ok(deal(1, { custom_fields: { [PLAN]: { id: 11, label: 'Basic' } } })));
    const output = (await connector.execute('get_deal', { id: 1, include_option_labels: true }, ctx())) as {
      data: { custom_fields_by_name: unknown };
    };
    expect(output.data.custom_fields_by_name).toEqual({ 'Plan tier': 'Basic' });
  });

  it('fetches the definitions once for many operations of a connection', async () => {
    serveFields();
    nock(API)
      .get(/\/api\/v2\/deals\/\d+/)
      .times(20)
      .reply(200, ok(deal(1, { custom_fields: { [PLAN]: 11 } })));
    const shared = ctx();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => connector.execute('get_deal', { id: i + 1 }, shared)),
    );
    expect(fieldCalls).toBe(1);
  });

  it('decorates every record of a list, and stays off when asked', async () => {
    serveFields();
    nock(API)
      .get('/api/v2/deals')
      .twice()
      .reply(200, {
        success: true,
        data: [deal(1, { custom_fields: { [PLAN]: 12 } }), deal(2)],
        additional_data: {},
      });
    const shared = ctx();
    const on = (await connector.execute('list_deals', {}, shared)) as {
      data: { custom_fields_by_name?: unknown }[];
    };
    expect(on.data.map((d) => d.custom_fields_by_name)).toEqual([{ 'Plan tier': 'Enterprise' }, {}]);
    const off = (await connector.execute('list_deals', { custom_fields_by_name: false }, shared)) as {
      data: { custom_fields_by_name?: unknown }[];
    };
    expect(off.data[0]).not.toHaveProperty('custom_fields_by_name');
  });

  it('returns the output without names when the definitions cannot be read', async () => {
    nock(API)
      .get('/api/v2/dealFields')
      .query(true)
      .reply(403, { success: false, error: 'Scope and URL mismatch' });
    nock(API)
      .get('/api/v2/deals/1')
      .reply(200, ok(deal(1)));
    const output = (await connector.execute('get_deal', { id: 1 }, ctx())) as { data: object };
    expect(output.data).toMatchObject({ id: 1 });
    expect(output.data).not.toHaveProperty('custom_fields_by_name');
  });

  it('a stream whose definitions cannot be read warns once, not once a page (issue 26)', async () => {
    let fieldsAsked = 0;
    nock(API)
      .get('/api/v2/dealFields')
      .query(true)
      .times(2)
      .reply(403, () => {
        fieldsAsked += 1;
        return { success: false, error: 'Scope and URL mismatch' };
      });
    nock(API)
      .get('/api/v2/deals')
      .query({ limit: '500' })
      .reply(200, ok([deal(1)], { next_cursor: 'c2' }));
    nock(API)
      .get('/api/v2/deals')
      .query({ limit: '500', cursor: 'c2' })
      .reply(200, ok([deal(2)], { next_cursor: null }));
    const warnings: string[] = [];
    const logger = {
      debug() {},
      info() {},
      error() {},
      warn: (_obj: object | string, msg?: string) => {
        warnings.push(msg ?? '');
      },
    };
    const ids: unknown[] = [];
    for await (const record of connector.stream('list_deals', {}, { ...ctx(), logger }))
      ids.push((record as { id: number }).id);
    expect(ids).toEqual([1, 2]);
    // Each page asked for the definitions again (a later page may succeed); the warning was said once.
    expect(fieldsAsked).toBe(2);
    expect(warnings).toEqual(['custom field definitions unavailable; custom_fields_by_name left out']);
  });

  it('v1 leads: custom fields go top-level in the body and come back by name', async () => {
    serveFields();
    let body: Record<string, unknown> = {};
    const lead = { id: 'adf21080-0e10-11eb-879b-05d71fb426ec', title: 'Lead', [PLAN]: 11, [SEGMENT]: 'SMB' };
    nock(API)
      .post('/v1/leads', (b) => {
        body = b;
        return true;
      })
      .reply(201, { success: true, data: lead });
    const output = (await connector.execute(
      'add_lead',
      { title: 'Lead', person_id: 201, custom_fields: { 'Plan tier': 'Basic', Segment: 'SMB' } },
      ctx(),
    )) as { data: { custom_fields_by_name: unknown } };
    expect(body).toEqual({ title: 'Lead', person_id: 201, [PLAN]: 11, [SEGMENT]: 'SMB' });
    expect(output.data.custom_fields_by_name).toEqual({ 'Plan tier': 'Basic', Segment: 'SMB' });
  });

  it('describe() types the account custom fields for forms', async () => {
    serveFields();
    const { input_schema, output_schema } = await connector.describe('add_deal', ctx());
    const custom = (input_schema.properties as Record<string, { properties: Record<string, unknown> }>)
      .custom_fields;
    expect(custom?.properties['Plan tier']).toMatchObject({
      title: 'Plan tier',
      oneOf: [
        { const: 11, title: 'Basic' },
        { const: 12, title: 'Enterprise' },
      ],
    });
    expect(custom?.properties.Interests).toMatchObject({
      type: 'array',
      items: { oneOf: [{ const: 21 }, { const: 22 }] },
    });
    expect(custom?.properties.Budget).toMatchObject({
      type: 'object',
      properties: { value: { type: 'number' } },
    });
    expect(custom?.properties['Second owner']).toMatchObject({
      type: 'integer',
      'x-lookup': { lookup: 'users' },
    });
    expect(custom?.properties).not.toHaveProperty('Title');
    expect(JSON.stringify(output_schema)).toContain('"Plan tier"');
  });

  it("describe() answers the manifest schemas with a warning when the account's fields cannot be read", async () => {
    const fieldsRead = nock(API)
      .matchHeader('x-api-token', TOKEN)
      .get('/api/v2/dealFields')
      .query({ limit: '500' })
      .reply(403, { success: false, error: 'You do not have permission to view fields' });
    const described = await connector.describe('add_deal', ctx());
    expect(fieldsRead.isDone()).toBe(true);
    const manifest = connector.manifest.operations.find((op) => op.name === 'add_deal');
    expect(described.input_schema).toEqual(manifest?.input_schema);
    expect(described.output_schema).toEqual(manifest?.output_schema);
    expect(described.warnings).toHaveLength(1);
    expect(described.warnings?.[0]).toMatch(
      /^The account's custom deal fields could not be read \(forbidden: /,
    );
    expect(described.warnings?.[0]).toContain('still takes field names or keys');
  });
});

describe('field changes through the operations', () => {
  /** The account's deal fields, as the stub serves them now; each read is counted. */
  let served: typeof dealFields;
  let reads: { deal: number; person: number };
  const plan = () => served.find((f) => f.field_code === PLAN) as (typeof dealFields)[number];

  function serve() {
    nock(API)
      .get('/api/v2/dealFields')
      .query({ limit: '500' })
      .times(10)
      .reply(() => {
        reads.deal += 1;
        return [200, { success: true, data: served, additional_data: { next_cursor: null } }];
      })
      .get('/api/v2/personFields')
      .query({ limit: '500' })
      .times(10)
      .reply(() => {
        reads.person += 1;
        const fields = [
          { field_code: SEGMENT, field_name: 'Tier', field_type: 'varchar', is_custom_field: true },
        ];
        return [200, { success: true, data: fields, additional_data: { next_cursor: null } }];
      });
  }

  /** add_deal with these custom fields; the body Pipedrive got. */
  async function addDeal(custom: Record<string, unknown>, shared: CallContext) {
    let body: Record<string, unknown> = {};
    nock(API)
      .post('/api/v2/deals', (b) => {
        body = b;
        return true;
      })
      .reply(200, ok(deal(1)));
    await connector.execute('add_deal', { title: 'Acme', custom_fields: custom }, shared);
    return body.custom_fields;
  }

  async function getPerson(shared: CallContext) {
    nock(API)
      .get('/api/v2/persons/7')
      .reply(200, ok(person(7, { custom_fields: { [SEGMENT]: 'Gold' } })));
    const output = (await connector.execute('get_person', { id: 7 }, shared)) as {
      data: { custom_fields_by_name: unknown };
    };
    return output.data.custom_fields_by_name;
  }

  beforeEach(() => {
    served = structuredClone(dealFields);
    reads = { deal: 0, person: 0 };
    serve();
  });

  it('a new option is known to the next call: the changed entity is read again, the others are not', async () => {
    const shared = ctx();
    expect(await addDeal({ 'Plan tier': 'Basic' }, shared)).toEqual({ [PLAN]: 11 });
    expect(await getPerson(shared)).toEqual({ Tier: 'Gold' });
    nock(API)
      .post(`/api/v2/dealFields/${PLAN}/options`, [{ label: 'Gold' }])
      .reply(200, () => {
        plan().options?.push({ id: 13, label: 'Gold' });
        return { success: true, data: [{ id: 13, label: 'Gold' }], additional_data: null };
      });
    await connector.execute(
      'add_deal_field_options',
      { field_code: PLAN, options: [{ label: 'Gold' }] },
      shared,
    );
    // Without forgetting the definitions, "Gold" would be refused as no option of "Plan tier" for minutes.
    expect(await addDeal({ 'Plan tier': 'Gold' }, shared)).toEqual({ [PLAN]: 13 });
    expect(await getPerson(shared)).toEqual({ Tier: 'Gold' });
    expect(reads).toEqual({ deal: 2, person: 1 });
  });

  it('a renamed field comes back under its new name', async () => {
    const shared = ctx();
    expect(await addDeal({ 'Plan tier': 'Enterprise' }, shared)).toEqual({ [PLAN]: 12 });
    nock(API)
      .patch(`/api/v2/dealFields/${PLAN}`, { field_name: 'Plan' })
      .reply(200, () => {
        plan().field_name = 'Plan';
        return ok({ ...plan() });
      });
    await connector.execute('update_deal_field', { field_code: PLAN, field_name: 'Plan' }, shared);
    nock(API)
      .get('/api/v2/deals/1')
      .reply(200, ok(deal(1, { custom_fields: { [PLAN]: 12 } })));
    const output = (await connector.execute('get_deal', { id: 1 }, shared)) as {
      data: { custom_fields_by_name: unknown };
    };
    expect(output.data.custom_fields_by_name).toEqual({ Plan: 'Enterprise' });
    expect(reads.deal).toBe(2);
  });

  it('a failed change (which Pipedrive may have applied) forgets the definitions too', async () => {
    const shared = ctx();
    await addDeal({ Segment: 'SMB' }, shared);
    nock(API).delete(`/api/v2/dealFields/${SEGMENT}`).reply(502, { success: false, error: 'Bad gateway' });
    const error = await failure(connector.execute('delete_deal_field', { field_code: SEGMENT }, shared));
    expect(error.code).toBe('upstream_error');
    await addDeal({ Segment: 'SMB' }, shared);
    expect(reads.deal).toBe(2);
  });

  it('every operation writing the fields of deals, persons, organizations, products or projects declares it', () => {
    const entityOf = (path: string) =>
      /^\/(deal|person|organization|product|project)Fields\b/.exec(path)?.[1];
    const writes = operations.filter((op) => op.method !== 'GET' && entityOf(op.path));
    expect(writes).toHaveLength(34);
    for (const op of writes) expect(op.changesFields, op.name).toBe(entityOf(op.path));
    const others = operations.filter((op) => op.changesFields && !writes.includes(op));
    expect(others.map((op) => op.name)).toEqual([]);
  });

  it('reading a field changes nothing: the definitions stay cached', async () => {
    const shared = ctx();
    await addDeal({ Segment: 'SMB' }, shared);
    nock(API).get(`/api/v2/dealFields/${SEGMENT}`).reply(200, ok(served[1]));
    await connector.execute('get_deal_field', { field_code: SEGMENT }, shared);
    await addDeal({ Segment: 'Enterprise' }, shared);
    expect(reads.deal).toBe(1);
  });
});

describe('FieldCatalog', () => {
  it('forgets one entity of one connection, and a failed fetch never evicts a newer one', async () => {
    const pending: { resolve: (f: FieldDefinition[]) => void; reject: (e: Error) => void }[] = [];
    const catalog = new FieldCatalog(
      () =>
        new Promise<FieldDefinition[]>((resolve, reject) => {
          pending.push({ resolve, reject });
        }),
    );
    const one = ctx();
    const first = catalog.get('deal', one);
    const fresh = catalog.get('deal', one, { fresh: true });
    const person = catalog.get('person', one);
    expect(pending).toHaveLength(3);
    pending[1]?.resolve([{ key: SEGMENT, name: 'Segment', type: 'varchar', custom: true }]);
    pending[2]?.resolve([]);
    pending[0]?.reject(new Error('network'));
    await expect(first).rejects.toThrow('network');
    expect(catalog.get('deal', one)).toBe(fresh);
    expect((await fresh).byKey.has(SEGMENT)).toBe(true);
    catalog.clear(one, 'deal');
    expect(catalog.get('person', one)).toBe(person);
    void catalog.get('deal', one).catch(() => undefined);
    expect(pending).toHaveLength(4);
  });
});

describe('GET /operations/:name/schema', () => {
  it('answers the manifest schemas, or with a connection its custom fields typed', async () => {
    const { startTestHost } = await import('../helpers/host.js');
    const { connect, HOST_TOKEN, PD } = await import('../helpers/triggers.js');
    const host = await startTestHost();
    try {
      const plain = await host.inject({ url: '/operations/add_deal/schema' });
      expect(plain.statusCode).toBe(200);
      expect(plain.json().input_schema.properties.custom_fields.type).toBe('object');
      const connectionId = await connect(host);
      nock(PD)
        .matchHeader('x-api-token', HOST_TOKEN)
        .get('/api/v2/dealFields')
        .query(true)
        .reply(200, { success: true, data: dealFields, additional_data: { next_cursor: null } });
      const typed = await host.inject({
        url: `/operations/add_deal/schema?connection_id=${connectionId}`,
      });
      expect(typed.statusCode).toBe(200);
      expect(Object.keys(typed.json().input_schema.properties.custom_fields.properties)).toEqual([
        'Segment',
        'Plan tier',
        'Interests',
        'Budget',
        'Second owner',
      ]);
      // Fields that cannot be read (here: the token may not read them) leave the manifest schemas and a warning,
      // not an error that reads as "no such operation".
      nock(PD)
        .matchHeader('x-api-token', HOST_TOKEN)
        .get('/api/v2/personFields')
        .query({ limit: '500' })
        .reply(404, { success: false, error: 'Not found' });
      const untyped = await host.inject({
        url: `/operations/add_person/schema?connection_id=${connectionId}`,
      });
      expect(untyped.statusCode).toBe(200);
      const manifest = connector.manifest.operations.find((op) => op.name === 'add_person');
      expect(untyped.json().input_schema).toEqual(manifest?.input_schema);
      expect(untyped.json().warnings).toEqual([
        expect.stringMatching(/^The account's custom person fields could not be read \(not_found: /),
      ]);
      expect(nock.isDone()).toBe(true);
      const unknown = await host.inject({ url: '/operations/add_person/schema?connection_id=cn_nope' });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.code).toBe('not_found');
    } finally {
      await host.close();
    }
  });

  it('projects: names and labels through the project fields, and back by name', async () => {
    const tier = 'f'.repeat(40);
    const projectFields = [
      { field_code: 'title', field_name: 'Title', field_type: 'varchar', is_custom_field: false },
      {
        field_code: tier,
        field_name: 'Delivery tier',
        field_type: 'enum',
        is_custom_field: true,
        options: [
          { id: 1, label: 'Standard' },
          { id: 2, label: 'Premium' },
        ],
      },
    ];
    nock(API)
      .get('/api/v2/projectFields')
      .query({ limit: '500' })
      .reply(200, { success: true, data: projectFields, additional_data: { next_cursor: null } });
    let body: Record<string, unknown> = {};
    nock(API)
      .post('/api/v2/projects', (b) => {
        body = b;
        return true;
      })
      .reply(200, ok({ id: 31, title: 'Acme onboarding', custom_fields: { [tier]: 2 } }));
    const output = (await connector.execute(
      'add_project',
      { title: 'Acme onboarding', custom_fields: { 'Delivery tier': 'premium' } },
      ctx(),
    )) as { data: { custom_fields_by_name: unknown } };
    expect(body).toEqual({ title: 'Acme onboarding', custom_fields: { [tier]: 2 } });
    expect(output.data.custom_fields_by_name).toEqual({ 'Delivery tier': 'Premium' });
  });
});
