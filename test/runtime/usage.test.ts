/**
 * The token budget in the runtime (runtime/usage.ts): each answered request reported to `ctx.onUsage` with its
 * declared cost and Pipedrive's budget headers, the connection's day summed by `connector.usage(ctx)`, and the
 * slow-down signal and delay polling uses.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import connector, { budgetDelay, budgetWarning, type CallUsage, type UsageSummary } from '../../index.js';
import { UsageMeter } from '../../runtime/usage.js';
import { deal, hits, ok, page } from '../fixtures/entities.js';
import { API, TOKEN, tokenCtx } from '../helpers/context.js';

let connection = 0;

function recorded() {
  const calls: CallUsage[] = [];
  const ctx = tokenCtx({
    cacheKey: `usage-test-${++connection}`,
    retry: { backoffLimitMs: 5 },
    onUsage: (usage) => calls.push(usage),
  });
  return { calls, ctx };
}

const budgetHeaders = (limit: number, remaining: number) => ({
  'x-daily-ratelimit-token-limit': String(limit),
  'x-daily-ratelimit-token-remaining': String(remaining),
  'x-ratelimit-limit': '80',
  'x-ratelimit-remaining': '79',
  'x-ratelimit-reset': '2',
});

describe('usage of each call', () => {
  it('reports the declared cost, the path template and the budget headers of each answer', async () => {
    const { calls, ctx } = recorded();
    const scope = nock(API)
      .matchHeader('x-api-token', TOKEN)
      .get('/api/v2/deals/7')
      .reply(200, ok(deal(7)), budgetHeaders(30_000, 29_999))
      // The deal's custom fields are named from the deal fields, read once for the connection.
      .get('/api/v2/dealFields')
      .query({ limit: '500' })
      .reply(200, page([]), budgetHeaders(30_000, 29_989))
      .get('/api/v2/deals/search')
      .query({ term: 'Acme' })
      .reply(200, hits([]), budgetHeaders(30_000, 29_979));
    await connector.execute('get_deal', { id: 7 }, ctx);
    await connector.execute('search_deals', { term: 'Acme' }, ctx);
    expect(calls.map(({ at: _at, ...rest }) => rest)).toEqual([
      {
        operation: 'get_deal',
        request: 'GET /api/v2/deals/{id}',
        status: 200,
        tokens: 1,
        estimated: false,
        budget: { token_limit: 30_000, token_remaining: 29_999 },
        burst: { limit: 80, remaining: 79, reset_seconds: 2 },
        daily_limit_reached: false,
      },
      {
        operation: 'list_deal_fields',
        request: 'GET /api/v2/dealFields',
        status: 200,
        tokens: 10,
        estimated: true,
        budget: { token_limit: 30_000, token_remaining: 29_989 },
        burst: { limit: 80, remaining: 79, reset_seconds: 2 },
        daily_limit_reached: false,
      },
      {
        operation: 'search_deals',
        request: 'GET /api/v2/deals/search',
        status: 200,
        tokens: 20,
        estimated: false,
        budget: { token_limit: 30_000, token_remaining: 29_979 },
        burst: { limit: 80, remaining: 79, reset_seconds: 2 },
        daily_limit_reached: false,
      },
    ]);
    const summary = await connector.usage(ctx);
    expect(summary).toMatchObject({
      tokens: 31,
      calls: 3,
      unpriced_calls: 0,
      budget: { limit: 30_000, remaining: 29_979, requests_left: null },
      state: 'ok',
      slow_down: false,
    });
    scope.done();
  });

  it('counts each page of a list and each composed step, and a 429 as no tokens', async () => {
    const { calls, ctx } = recorded();
    const scope = nock(API)
      .get('/api/v2/persons/search')
      .query({ term: 'a@example.com', fields: 'email', exact_match: 'true', limit: '500' })
      .reply(429, { success: false, error: 'Rate limit exceeded' }, { 'retry-after': '0' })
      .get('/api/v2/persons/search')
      .query({ term: 'a@example.com', fields: 'email', exact_match: 'true', limit: '500' })
      .reply(200, hits([]))
      .post('/api/v2/persons', { emails: [{ value: 'a@example.com', primary: true }], name: 'A' })
      .reply(200, ok({ id: 5, name: 'A' }))
      .get('/api/v2/personFields')
      .query({ limit: '500' })
      .reply(200, page([]));
    await connector.execute('find_or_create_person', { email: 'a@example.com', name: 'A' }, ctx);
    expect(calls.map((c) => [c.operation, c.status, c.tokens])).toEqual([
      ['search_persons', 429, 0],
      ['search_persons', 200, 20],
      ['add_person', 200, 5],
      // The person's custom fields named from the person fields.
      ['list_person_fields', 200, 10],
    ]);
    expect((await connector.usage(ctx)).tokens).toBe(35);
    scope.done();
  });

  it('says low at 80% of a known budget used, and spent when a 429 says the day is over', async () => {
    const { calls, ctx } = recorded();
    const scope = nock(API)
      .get('/api/v2/deals/1')
      .reply(200, ok(deal(1)), budgetHeaders(10_000, 1_500))
      .get('/api/v2/dealFields')
      .query({ limit: '500' })
      .reply(200, page([]), budgetHeaders(10_000, 1_490))
      .get('/api/v2/deals/2')
      .reply(
        429,
        { success: false, error: 'Daily token budget exceeded' },
        { 'x-daily-ratelimit-token-limit': '10000', 'x-daily-ratelimit-token-remaining': '0' },
      );
    await connector.execute('get_deal', { id: 1 }, ctx);
    const low = await connector.usage(ctx);
    expect(low).toMatchObject({ state: 'low', slow_down: true, used_share: 0.851 });
    await expect(connector.execute('get_deal', { id: 2 }, ctx)).rejects.toMatchObject({
      code: 'daily_limit_reached',
    });
    expect(calls.at(-1)).toMatchObject({ status: 429, tokens: 0, daily_limit_reached: true });
    expect(await connector.usage(ctx)).toMatchObject({ state: 'spent', slow_down: true, tokens: 11 });
    scope.done();
  });

  it('keeps calling when onUsage throws, and logs it', async () => {
    const warnings: string[] = [];
    const ctx = tokenCtx({
      cacheKey: `usage-test-${++connection}`,
      onUsage: () => {
        throw new Error('accounting down');
      },
      logger: { debug() {}, info() {}, warn: (_o, message) => warnings.push(String(message)), error() {} },
    });
    const scope = nock(API)
      .get('/api/v2/deals/3')
      .reply(200, ok(deal(3)))
      .get('/api/v2/dealFields')
      .query({ limit: '500' })
      .reply(200, page([]));
    await expect(connector.execute('get_deal', { id: 3 }, ctx)).resolves.toMatchObject(ok(deal(3)));
    expect(warnings).toContain('onUsage failed; the call goes on');
    scope.done();
  });
});

describe('the day and the slow-down delay', () => {
  const call = (
    tokens: number | null,
    budget: CallUsage['budget'] = {},
    at = '2026-12-05T10:00:00Z',
  ): CallUsage => ({
    operation: 'x',
    request: 'GET /x',
    status: 200,
    tokens,
    estimated: false,
    budget,
    burst: {},
    daily_limit_reached: false,
    at,
  });

  it('starts the counts again on the next UTC day, and forgets the old budget', () => {
    let now = Date.parse('2026-12-05T23:59:00Z');
    const meter = new UsageMeter(() => now);
    meter.record(call(20, { token_limit: 1000, token_remaining: 100 }, '2026-12-05T23:59:00Z'));
    meter.record(call(null));
    expect(meter.summary()).toMatchObject({
      day: '2026-12-05',
      tokens: 20,
      calls: 2,
      unpriced_calls: 1,
      state: 'low',
    });
    now = Date.parse('2026-12-06T00:01:00Z');
    expect(meter.summary()).toMatchObject({
      day: '2026-12-06',
      tokens: 0,
      calls: 0,
      budget: null,
      state: 'unknown',
      slow_down: false,
    });
  });

  it('waits the normal interval while the budget is fine, longer as it runs low, and until midnight when spent', () => {
    const summary = (state: UsageSummary['state'], used_share: number | null) =>
      ({ state, used_share }) as UsageSummary;
    expect(budgetDelay(60_000, summary('unknown', null))).toBe(60_000);
    expect(budgetDelay(60_000, summary('ok', 0.5))).toBe(60_000);
    expect(budgetDelay(60_000, summary('low', 0.8))).toBe(60_000);
    expect(budgetDelay(60_000, summary('low', 0.9))).toBe(120_000);
    expect(budgetDelay(60_000, summary('low', 0.99))).toBe(1_200_000);
    const now = Date.parse('2026-12-05T22:00:00Z');
    expect(budgetDelay(60_000, summary('spent', 1), now)).toBe(2 * 3600_000);
  });

  it('warns of a budget 80% used or spent, and of nothing else', () => {
    expect(budgetWarning(call(1, { token_limit: 1000, token_remaining: 201 }))).toBeUndefined();
    expect(budgetWarning(call(1, {}))).toBeUndefined();
    expect(budgetWarning(call(1, { token_limit: 1000, token_remaining: 200 }))).toEqual({
      state: 'low',
      used_share: 0.8,
      message: "Pipedrive's daily token budget is 80% used or more",
    });
    expect(budgetWarning({ ...call(0), status: 429, daily_limit_reached: true })).toMatchObject({
      state: 'spent',
      message: "Pipedrive's daily token budget is spent: calls fail until it resets at midnight UTC",
    });
  });
});
