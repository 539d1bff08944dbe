import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import connector, { type PollState } from '../../index.js';
import { ConnectorError } from '../../runtime/errors.js';
import { filterTriggers, MAX_EVENTS_PER_POLL, OVERLAP_MS } from '../../triggers/polling.js';
import { API, TOKEN, tokenCtx } from '../helpers/context.js';

const T0 = Date.parse('2026-12-05T10:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString().replace('.000Z', 'Z');

interface Deal {
  id: number;
  title: string;
  add_time: string;
  update_time: string;
}

const deal = (id: number, added: number, updated = added): Deal => ({
  id,
  title: `Deal ${id}`,
  add_time: at(added),
  update_time: at(updated),
});

/**
 * Pipedrive's `GET /api/v2/deals` over `deals` (read at each request, so a test may change them between polls
 * or during one): `updated_since` (inclusive), `sort_by=update_time`, both directions, cursor pages of `limit`.
 * Every request must carry the API token; `queries` records each query as sent.
 */
function dealsApi(
  deals: () => Deal[],
  queries: Array<Record<string, string>>,
  onPage?: (page: number) => void,
) {
  let page = 0;
  return nock(API)
    .matchHeader('x-api-token', TOKEN)
    .get('/api/v2/deals')
    .query(true)
    .times(1000)
    .reply((req: Request) => {
      const query = Object.fromEntries(new URL(req.url).searchParams);
      queries.push(query);
      onPage?.(page++);
      const since = query.updated_since ? Date.parse(query.updated_since) : Number.NEGATIVE_INFINITY;
      const sign = query.sort_direction === 'desc' ? -1 : 1;
      const sortKey = (query.sort_by ?? 'id') as keyof Deal;
      const rows = deals()
        .filter((d) => Date.parse(d.update_time) >= since)
        .sort((a, b) => sign * (String(a[sortKey]).localeCompare(String(b[sortKey])) || a.id - b.id));
      const offset = Number(query.cursor ?? 0);
      const limit = Number(query.limit);
      const next = offset + limit < rows.length ? String(offset + limit) : null;
      return [
        200,
        { success: true, data: rows.slice(offset, offset + limit), additional_data: { next_cursor: next } },
      ];
    });
}

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

afterEach(() => {
  nock.cleanAll();
});

describe('startPolling', () => {
  it('starts from now without calling Pipedrive', async () => {
    const state = await connector.triggers.startPolling('updated_deal', {}, { now: T0 });
    expect(state).toEqual({
      v: 1,
      mode: 'changes',
      trigger: 'updated_deal',
      input: { ignore_own_changes: false },
      from: '2026-12-05T10:00:00.000Z',
      watermark: '2026-12-05T10:00:00.000Z',
      seen: [],
    });
  });

  it('refuses a trigger without a polling mode, an unknown one, and options polling cannot apply', async () => {
    const won = await failure(connector.triggers.startPolling('deal_won', {}));
    expect(won.code).toBe('invalid_input');
    expect(won.message).toMatch(/no polling mode/);
    expect((await failure(connector.triggers.startPolling('nope', {}))).code).toBe('unknown_operation');
    const watch = await failure(
      connector.triggers.startPolling('updated_deal', { fields_to_watch: ['stage_id'] }),
    );
    expect(watch.details.issues).toEqual([
      { path: 'fields_to_watch', message: 'is not available in polling mode' },
    ]);
    const backfill = await failure(connector.triggers.startPolling('new_deal', {}, { backfill: 101 }));
    expect(backfill.message).toMatch(/backfill/);
  });
});

describe('poll: new and updated records', () => {
  it('fires only what changed after enabling, each change once, a late-committed change too', async () => {
    let deals = [
      deal(1, -86_400, -30), // changed before enabling: old
      deal(2, -86_400, 30), // changed after enabling
      deal(3, 40), // created after enabling: not a change
    ];
    const queries: Array<Record<string, string>> = [];
    dealsApi(() => deals, queries);
    const ctx = tokenCtx();
    let state: PollState = await connector.triggers.startPolling('updated_deal', {}, { now: T0 });

    const first = await connector.triggers.poll(state, ctx);
    expect(first.events.map((e) => [e.entity_id, e.action, e.timestamp])).toEqual([
      [2, 'change', '2026-12-05T10:00:30.000Z'],
    ]);
    expect(first.events[0]).toMatchObject({
      event_id: 'poll:change:deal:2:2026-12-05T10:00:30.000Z',
      object: 'deal',
      data: deals[1],
      previous: null,
      webhook_id: null,
    });
    expect(queries).toEqual([
      { updated_since: '2026-12-05T09:58:00Z', sort_by: 'update_time', sort_direction: 'asc', limit: '500' },
    ]);
    state = first.state;
    expect(state).toMatchObject({ watermark: '2026-12-05T10:00:40.000Z' });

    // Deal 4's change committed late (dated before the watermark); deal 2 changed again; deal 3 unchanged.
    deals = [...deals.filter((d) => d.id !== 2), deal(2, -86_400, 70), deal(4, -86_400, 35)];
    const second = await connector.triggers.poll(state, ctx);
    expect(second.events.map((e) => [e.entity_id, e.timestamp])).toEqual([
      [4, '2026-12-05T10:00:35.000Z'],
      [2, '2026-12-05T10:01:10.000Z'],
    ]);
    expect(queries[1]?.updated_since).toBe('2026-12-05T09:58:40Z');

    // Nothing changed: nothing fires, and the state keeps only keys inside the overlap window.
    const third = await connector.triggers.poll(second.state, ctx);
    expect(third.events).toEqual([]);
    const kept = third.state as Extract<PollState, { mode: 'changes' }>;
    expect(kept.watermark).toBe('2026-12-05T10:01:10.000Z');
    for (const key of kept.seen) {
      expect(Number(key.split(':')[0])).toBeGreaterThanOrEqual(Date.parse(kept.watermark) - OVERLAP_MS);
    }
    expect(queries).toHaveLength(3);
  });

  it('new_deal fires records added after enabling, once, even when they change again', async () => {
    let deals = [deal(1, -600, 20), deal(2, 10), deal(3, 15)];
    const queries: Array<Record<string, string>> = [];
    dealsApi(() => deals, queries);
    const ctx = tokenCtx();
    const first = await connector.triggers.poll(
      await connector.triggers.startPolling('new_deal', {}, { now: T0 }),
      ctx,
    );
    expect(first.events.map((e) => [e.entity_id, e.action, e.timestamp])).toEqual([
      [2, 'create', '2026-12-05T10:00:10.000Z'],
      [3, 'create', '2026-12-05T10:00:15.000Z'],
    ]);
    deals = [deal(1, -600, 20), deal(2, 10, 50), deal(3, 15), deal(5, 45)];
    const second = await connector.triggers.poll(first.state, ctx);
    expect(second.events.map((e) => e.entity_id)).toEqual([5]);
  });

  it('enabling over 10,000 deals fires nothing old, then fires the one that changes', async () => {
    let deals = Array.from({ length: 10_000 }, (_, i) => deal(i + 1, -900_000 + i, -200 + (i % 50)));
    const queries: Array<Record<string, string>> = [];
    dealsApi(() => deals, queries);
    const ctx = tokenCtx();
    const first = await connector.triggers.poll(
      await connector.triggers.startPolling('updated_deal', {}, { now: T0 }),
      ctx,
    );
    expect(first.events).toEqual([]);
    deals = deals.map((d) => (d.id === 4242 ? deal(4242, -900_000, 90) : d));
    const second = await connector.triggers.poll(first.state, ctx);
    expect(second.events.map((e) => e.entity_id)).toEqual([4242]);
    // Each poll read the changes of its window only: one page each.
    expect(queries).toHaveLength(2);
  });

  it('a change made during a poll is not lost or doubled', async () => {
    // 700 changes after enabling: two pages. While the poll reads page 1, deal 5 changes (it moves to the end).
    let deals = Array.from({ length: 700 }, (_, i) => deal(i + 1, -3600, 1 + Math.floor(i / 10)));
    const queries: Array<Record<string, string>> = [];
    dealsApi(
      () => deals,
      queries,
      (page) => {
        if (page === 1) deals = deals.map((d) => (d.id === 5 ? deal(5, -3600, 100) : d));
      },
    );
    const ctx = tokenCtx();
    const fired: string[] = [];
    const perPoll: number[] = [];
    let state: PollState = await connector.triggers.startPolling('updated_deal', {}, { now: T0 });
    for (let i = 0; i < 3; i++) {
      const result = await connector.triggers.poll(state, ctx);
      fired.push(...result.events.map((e) => `${e.entity_id}@${e.timestamp}`));
      perPoll.push(result.events.length);
      state = result.state;
    }
    expect(new Set(fired).size).toBe(fired.length);
    expect(fired).toHaveLength(701);
    expect(fired).toContain('5@2026-12-05T10:00:01.000Z');
    expect(fired).toContain('5@2026-12-05T10:01:40.000Z');
    // At most MAX_EVENTS_PER_POLL per poll: the first stopped at a whole second (deal 501, shifted out of page 2
    // by deal 5's move, was not read), the next read the window again and found it.
    expect(perPoll).toEqual([MAX_EVENTS_PER_POLL, 201, 0]);
    expect(fired).toContain('501@2026-12-05T10:00:51.000Z');
  });

  it('backfill fires the newest N on the first poll, then only new changes', async () => {
    const deals = [deal(1, -900, -800), deal(2, -900, -500), deal(3, -900, -100)];
    const queries: Array<Record<string, string>> = [];
    dealsApi(() => deals, queries);
    const ctx = tokenCtx();
    const first = await connector.triggers.poll(
      await connector.triggers.startPolling('updated_deal', {}, { now: T0, backfill: 2 }),
      ctx,
    );
    expect(first.events.map((e) => e.entity_id)).toEqual([2, 3]);
    expect(queries[0]).toEqual({ sort_by: 'update_time', sort_direction: 'desc', limit: '2' });
    expect(first.state).not.toHaveProperty('backfill');
    const second = await connector.triggers.poll(first.state, ctx);
    expect(second.events).toEqual([]);
  });

  it('notes (API v1, no updated_since) are read newest first down to the window', async () => {
    const notes = [
      { id: 9, content: 'late', add_time: '2026-12-05 09:00:00', update_time: '2026-12-05 10:00:20' },
      { id: 8, content: 'old', add_time: '2026-12-04 09:00:00', update_time: '2026-12-05 09:10:00' },
    ];
    const scope = nock(API)
      .matchHeader('x-api-token', TOKEN)
      .get('/v1/notes')
      .query({ sort: 'update_time DESC', limit: '500' })
      .reply(200, {
        success: true,
        data: notes,
        additional_data: { pagination: { start: 0, limit: 500, more_items_in_collection: false } },
      });
    const created = await connector.triggers.poll(
      await connector.triggers.startPolling('new_note', {}, { now: T0 - 3_600_000 }),
      tokenCtx(),
    );
    expect(created.events.map((e) => e.entity_id)).toEqual([9]);
    expect(scope.isDone()).toBe(true);
  });

  it('refuses a state that is not a polling state, naming it', async () => {
    const error = await failure(connector.triggers.poll({ v: 2 } as unknown as PollState, tokenCtx()));
    expect(error.details.issues).toEqual([{ path: 'state', message: 'is not a polling state (v 1)' }]);
  });
});

describe('poll: matching filter', () => {
  it('fires a record when it newly matches the filter, not the ones matching at enabling', async () => {
    let ids = [1, 2, 3];
    const queries: Array<Record<string, string>> = [];
    const scope = nock(API)
      .matchHeader('x-api-token', TOKEN)
      .get('/api/v2/deals')
      .query(true)
      .times(4)
      .reply((req: Request) => {
        queries.push(Object.fromEntries(new URL(req.url).searchParams));
        return [
          200,
          {
            success: true,
            data: ids.map((id) => deal(id, -100, id)),
            additional_data: { next_cursor: null },
          },
        ];
      });
    const ctx = tokenCtx();
    let state: PollState = await connector.triggers.startPolling('deal_matches_filter', { filter_id: 7 });
    const fired: unknown[] = [];
    for (const next of [
      [1, 2, 3],
      [1, 3, 4],
      [1, 3, 4, 2],
      [1, 3, 4, 2],
    ]) {
      ids = next;
      const result = await connector.triggers.poll(state, ctx);
      fired.push(result.events.map((e) => [e.entity_id, e.action, e.event_id]));
      state = result.state;
    }
    expect(fired).toEqual([
      [],
      [[4, 'match', 'poll:match:7:deal:4:2026-12-05T10:00:04.000Z']],
      [[2, 'match', 'poll:match:7:deal:2:2026-12-05T10:00:02.000Z']],
      [],
    ]);
    expect(state).toEqual({
      v: 1,
      mode: 'filter',
      trigger: 'deal_matches_filter',
      input: { filter_id: 7 },
      ids: [1, 3, 4, 2],
    });
    expect(queries[0]).toEqual({ filter_id: '7', limit: '500' });
    expect(scope.isDone()).toBe(true);
  });

  it('needs a filter_id, and refuses a filter matching more than 10,000 records', async () => {
    const missing = await failure(connector.triggers.startPolling('person_matches_filter', {}));
    expect(missing.details.issues).toEqual([expect.objectContaining({ path: 'filter_id' })]);
    nock(API)
      .matchHeader('x-api-token', TOKEN)
      .get('/api/v2/persons')
      .query(true)
      .times(30)
      .reply((req: Request) => {
        const cursor = Number(new URL(req.url).searchParams.get('cursor') ?? 0);
        const data = Array.from({ length: 500 }, (_, i) => ({ id: cursor + i + 1, name: 'P' }));
        return [200, { success: true, data, additional_data: { next_cursor: String(cursor + 500) } }];
      });
    const state = await connector.triggers.startPolling('person_matches_filter', { filter_id: 3 });
    const error = await failure(connector.triggers.poll(state, tokenCtx()));
    expect(error.message).toMatch(/more than 10000 persons/);
  });
});

describe('manifest', () => {
  type Entry = { name: string; modes: string[]; scopes: string[]; sample: unknown };
  const entries = () => connector.manifest.triggers as unknown as Entry[];
  const polling = () => connector.manifest.polling_triggers as unknown as Entry[];

  it('says which triggers poll, and lists the filter triggers with the scopes of their list', () => {
    const modes = Object.fromEntries(entries().map((t) => [t.name, t.modes.join(',')]));
    expect(modes).toMatchObject({
      new_deal: 'webhook,polling',
      updated_person: 'webhook,polling',
      new_note: 'webhook,polling',
      new_lead: 'webhook',
      deal_won: 'webhook',
      deleted_deal: 'webhook',
      pipedrive_event: 'webhook',
    });
    expect(polling().map((t) => [t.name, t.modes, t.scopes])).toEqual([
      ['deal_matches_filter', ['polling'], ['deals:read', 'deals:full']],
      ['person_matches_filter', ['polling'], ['contacts:read', 'contacts:full']],
      ['organization_matches_filter', ['polling'], ['contacts:read', 'contacts:full']],
      ['activity_matches_filter', ['polling'], ['activities:read', 'activities:full']],
    ]);
  });

  it.each(filterTriggers.map((t) => [t.name, t] as const))(
    '%s: its sample matches its output schema',
    (_n, t) => {
      expect(t.output.safeParse(t.sample).success).toBe(true);
    },
  );
});

describe('startPolling: whole seconds', () => {
  it('starts at the whole second, as Pipedrive dates records', async () => {
    const state = await connector.triggers.startPolling('new_deal', {}, { now: T0 + 750 });
    expect(state).toMatchObject({ from: '2026-12-05T10:00:00.000Z' });
  });
});
