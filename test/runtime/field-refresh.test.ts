/**
 * How long custom field definitions are trusted (runtime/custom-fields.ts, runtime/execute.ts): read once per
 * connection and entity within the cache's 5 minutes, read again after them, after `clearFieldCache` (what the
 * host does when Pipedrive's field webhook arrives), and once when Pipedrive refuses a write over a field; that
 * write is sent again once, only when the fresh definitions change what it sends.
 */
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import connector, { ConnectorError, fieldEventEntity } from '../../index.js';
import { deal, ok, page } from '../fixtures/entities.js';
import { API, TOKEN, tokenCtx } from '../helpers/context.js';

const PLAN = 'b'.repeat(40);
const TTL_MS = 5 * 60_000;

/** The account's deal fields: one option field, "Plan tier", whose "Enterprise" option has `enterprise` as ID. */
const dealFields = (enterprise = 12, name = 'Plan tier') => [
  { field_code: 'title', field_name: 'Title', field_type: 'varchar', is_custom_field: false },
  {
    field_code: PLAN,
    field_name: name,
    field_type: 'enum',
    is_custom_field: true,
    options: [
      { id: 11, label: 'Basic' },
      { id: enterprise, label: 'Enterprise' },
    ],
  },
];

let n = 0;
const ctx = () => tokenCtx({ cacheKey: `field-refresh-${++n}` });

/** Field reads expected, each answering these definitions (in order). */
function fieldReads(...answers: ReturnType<typeof dealFields>[]) {
  let scope = nock(API).matchHeader('x-api-token', TOKEN);
  for (const fields of answers)
    scope = scope.get('/api/v2/dealFields').query({ limit: '500' }).reply(200, page(fields));
  return scope;
}

/** One `POST /api/v2/deals` expected with exactly this body, answered `status` (400 with Pipedrive's `error`). */
function dealAdd(body: { title: string; custom_fields: Record<string, number> }, status = 200, error = '') {
  return nock(API)
    .matchHeader('x-api-token', TOKEN)
    .post('/api/v2/deals', body)
    .reply(
      status,
      status === 200 ? ok(deal(1)) : { success: false, error, code: 'ERR_SCHEMA_VALIDATION_FAILED' },
    );
}

const addDeal = (context: ReturnType<typeof ctx>, plan = 'Enterprise') =>
  connector.execute('add_deal', { title: 'Acme', custom_fields: { 'Plan tier': plan } }, context);

const sent = (option: number) => ({ title: 'Acme', custom_fields: { [PLAN]: option } });

afterEach(() => {
  vi.useRealTimers();
});

describe('the field cache: time limit and invalidation', () => {
  beforeEach(() => {
    // Only the clock the cache reads: got's timers stay real.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-05T10:00:00Z'));
  });

  it('reads the definitions once within 5 minutes, and again after them', async () => {
    const context = ctx();
    const fields = fieldReads(dealFields());
    const adds = [dealAdd(sent(12)), dealAdd(sent(12))];
    await addDeal(context);
    vi.setSystemTime(Date.now() + TTL_MS - 1000);
    await addDeal(context);
    fields.done();
    for (const add of adds) add.done();

    // Past the limit: read again (the option's ID changed meanwhile, and the write has the new one).
    vi.setSystemTime(Date.now() + 2000);
    const again = fieldReads(dealFields(14));
    const third = dealAdd(sent(14));
    await addDeal(context);
    again.done();
    third.done();
  });

  it("reads them again after clearFieldCache of the entity (the host's answer to a field webhook), not of another", async () => {
    const context = ctx();
    const fields = fieldReads(dealFields());
    const first = dealAdd(sent(12));
    await addDeal(context);
    // Another entity's definitions forgotten: the deal fields stay.
    connector.clearFieldCache(context, 'person');
    const second = dealAdd(sent(12));
    await addDeal(context);
    fields.done();
    first.done();
    second.done();

    // The deal fields forgotten by the connection's cache key alone, as the host does it.
    connector.clearFieldCache({ cacheKey: context.cacheKey as string }, 'deal');
    const again = fieldReads(dealFields(14));
    const third = dealAdd(sent(14));
    await addDeal(context);
    again.done();
    third.done();
  });
});

describe('a write Pipedrive refuses over a custom field', () => {
  it('reads the definitions again once and sends the write once more with them', async () => {
    const context = ctx();
    const fields = fieldReads(dealFields(12), dealFields(14));
    const refused = dealAdd(sent(12), 400, `Option 12 is not a valid option for field ${PLAN}`);
    const resent = dealAdd(sent(14));
    await expect(addDeal(context)).resolves.toMatchObject({ data: { id: 1 } });
    fields.done();
    refused.done();
    resent.done();

    // The fresh definitions are kept: the next call reads none.
    const next = dealAdd(sent(14));
    await addDeal(context);
    next.done();
  });

  it('does not loop: a second refusal stands, with Pipedrive’s error', async () => {
    const context = ctx();
    const fields = fieldReads(dealFields(12), dealFields(14));
    const refused = dealAdd(sent(12), 400, 'Invalid value for custom field');
    const again = dealAdd(sent(14), 400, 'Invalid value for custom field');
    const error = await addDeal(context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({
      code: 'invalid_input',
      details: { status: 400, pipedrive_error: 'Invalid value for custom field' },
    });
    fields.done();
    refused.done();
    again.done();
  });

  it('sends nothing more when the fresh definitions change nothing', async () => {
    const context = ctx();
    const fields = fieldReads(dealFields(12), dealFields(12));
    const refused = dealAdd(sent(12), 400, 'Invalid value for custom field');
    await expect(addDeal(context)).rejects.toMatchObject({ details: { status: 400 } });
    fields.done();
    refused.done();
  });

  it('names a field that is gone from the fresh definitions, and sends nothing more', async () => {
    const context = ctx();
    const fields = fieldReads(dealFields(12), dealFields(12, 'Plan level'));
    const refused = dealAdd(sent(12), 400, `Unknown field ${PLAN}`);
    const error = (await addDeal(context).catch((e: unknown) => e)) as ConnectorError;
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error.code).toBe('invalid_input');
    expect(error.details.issues).toEqual([
      { path: 'custom_fields.Plan tier', message: 'is not a custom deal field (neither a key nor a name)' },
    ]);
    fields.done();
    refused.done();
  });

  it('reads nothing again for a refusal that is not about fields', async () => {
    const context = ctx();
    const fields = fieldReads(dealFields(12));
    const refused = dealAdd(sent(12), 400, 'Title is too long');
    await expect(addDeal(context)).rejects.toMatchObject({ details: { status: 400 } });
    fields.done();
    refused.done();
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe('fieldEventEntity', () => {
  it("names the entity of a field webhook's object in the forms Pipedrive may use, and nothing else", () => {
    expect(fieldEventEntity('dealField')).toBe('deal');
    expect(fieldEventEntity('deal_field')).toBe('deal');
    expect(fieldEventEntity('leadField')).toBe('deal');
    expect(fieldEventEntity('personFields')).toBe('person');
    expect(fieldEventEntity('organization-field')).toBe('organization');
    expect(fieldEventEntity('ProductField')).toBe('product');
    expect(fieldEventEntity('project_field')).toBe('project');
    expect(fieldEventEntity('deal')).toBeUndefined();
    expect(fieldEventEntity('activityField')).toBeUndefined();
    expect(fieldEventEntity(null)).toBeUndefined();
  });
});
