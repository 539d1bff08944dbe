/**
 * Polling subscriptions through the host, on both stores: a local Pipedrive stub on 127.0.0.1 whose deals change
 * as a user would change them, and the host's own poller (a fast tick; the interval is the smallest allowed).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalSink } from '../../server/dispatch.js';
import { DealBook } from '../helpers/deal-book.js';
import { startTestHost, type TestHost } from '../helpers/host.js';
import { type PipedriveStub, startPipedriveStub } from '../helpers/pipedrive-stub.js';
import { SECRETS } from '../helpers/secrets.js';

const TOKEN = SECRETS.hostToken;

// The two stores' blocks run at once (they share nothing: each its own stub, host and deals), their tests in order
// within each: most of a block is waiting for polls a second apart.
describe.each(['sqlite', 'postgres'] as const)(
  'polling subscriptions on %s',
  { concurrent: true },
  (engine) => {
    let stub: PipedriveStub;
    let host: TestHost;
    let subscriptionId: string;
    // Pages of 2: a poll over a few changes is several requests, so a change can land between two of them.
    const book = new DealBook(2);
    /** The runs the engine (the host's in-process sink) received, by event ID. */
    const received = new Map<string, number>();

    const shown = async () => (await host.inject({ url: `/subscriptions/${subscriptionId}` })).json();
    const pollsDone = async () => (await shown()).polling.polls as number;
    const runs = async () =>
      (await host.store.workspace('default').listRuns({ subscription_id: subscriptionId, limit: 1000 })).runs;

    beforeAll(async () => {
      // 10,000 deals, the newest 50 changed in the last 90 s: inside the first poll's overlap window.
      const now = Date.now();
      book.fill(9_950, now - 30 * 86_400_000, now - 10 * 60_000);
      book.fill(50, now - 90_000, now - 1000);
      stub = await startPipedriveStub({ token: TOKEN, routes: [book.route()] });
      host = await startTestHost(
        { PIPEDRIVE_API_URL: stub.url, POLL_MIN_INTERVAL_SECONDS: '1' },
        { engine, poller: { tickMs: 100 } },
      );
      await host.app.ready();
      (host.app.host.sink as LocalSink).on((run) => {
        received.set(run.event_id, (received.get(run.event_id) ?? 0) + 1);
      });
      const connection = await host.inject({
        method: 'POST',
        url: '/connections',
        payload: { type: 'api_token', api_token: TOKEN },
      });
      expect(connection.statusCode, connection.body).toBe(201);
      const subscribed = await host.inject({
        method: 'POST',
        url: '/subscriptions',
        payload: {
          connection_id: connection.json().id,
          trigger: 'updated_deal',
          mode: 'polling',
          interval: 1,
        },
      });
      expect(subscribed.statusCode, subscribed.body).toBe(201);
      expect(subscribed.json()).toMatchObject({
        mode: 'polling',
        interval_seconds: 1,
        status: 'active',
        webhook_id: null,
        callback_url: null,
      });
      subscriptionId = subscribed.json().id;
    }, 60_000);

    afterAll(async () => {
      await host?.close();
      await stub?.close();
    });

    it('enabled over an account with 10,000 deals, fires nothing that changed before', {
      concurrent: false,
    }, async () => {
      await vi.waitFor(async () => expect(await pollsDone()).toBeGreaterThanOrEqual(3), { timeout: 20_000 });
      expect(await runs()).toEqual([]);
      const lists = stub.requests.filter((r) => r.path === '/api/v2/deals');
      // Each poll reads only its window (the last 2 minutes before the watermark), never the whole account.
      for (const request of lists) {
        expect(request.query).toMatchObject({ sort_by: 'update_time', sort_direction: 'asc', limit: '500' });
        expect(Date.now() - Date.parse(request.query.updated_since as string)).toBeLessThan(5 * 60_000);
        expect(request.headers['x-api-token']).toBe(TOKEN);
      }
      expect((await shown()).polling.last_error).toBeNull();
    });

    it('fires each change once, a change made while a poll pages through the list included', {
      concurrent: false,
    }, async () => {
      const ids = [9_995, 9_996, 9_997, 9_998, 9_999];
      let during: string | undefined;
      // While a poll asks for a next page, a user changes a deal the poll has just read on the page before: the
      // deal moves to the end of the list, so the offset cursor skips the deal after it. Neither change may be
      // lost, and the one read before the change may not fire twice.
      book.onPage = (query) => {
        if (during !== undefined || query.cursor === undefined) return;
        const read = book.previousPage(query).find((deal) => ids.includes(deal.id));
        if (read) during = book.touch(read.id);
      };
      for (const id of ids) book.touch(id);
      await vi.waitFor(() => expect(during).toBeDefined(), { timeout: 10_000 });
      book.onPage = undefined;
      expect(book.changes).toHaveLength(ids.length + 1);
      await vi.waitFor(async () => expect((await runs()).length).toBe(ids.length + 1), { timeout: 20_000 });
      // Two more polls change nothing: no change fires twice.
      const after = await pollsDone();
      await vi.waitFor(async () => expect(await pollsDone()).toBeGreaterThanOrEqual(after + 2), {
        timeout: 20_000,
      });
      const made = await runs();
      expect(made.map((r) => r.event_id).sort()).toEqual([...book.changes].sort());
      // Each run carries the deal as it was at the change its ID names.
      for (const run of made) {
        const { id, update_time } = (run.event as { data: { id: number; update_time: string } }).data;
        expect(run.event_id).toBe(`poll:change:deal:${id}:${new Date(update_time).toISOString()}`);
      }
      // ...and each run reached the engine once.
      await vi.waitFor(() => expect([...received.keys()].sort()).toEqual([...book.changes].sort()));
      expect([...received.values()].every((n) => n === 1)).toBe(true);
    });
  },
);
