/**
 * One suite, two stores: the embedded SQLite store and PostgreSQL (a real server started for the run) must
 * behave the same. No mocks of the database.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { generateKey, issueKey, revokeKey, verifyKey } from '../../server/keys.js';
import { DEFAULT_WORKSPACE } from '../../server/resources.js';
import { SecretBox } from '../../server/secrets.js';
import { PostgresStore } from '../../server/store/postgres.js';
import { KEY_TOUCH_INTERVAL_MS, PURGE_BATCH } from '../../server/store/sql-store.js';
import { SqliteStore } from '../../server/store/sqlite.js';
import type { Delivery, NewSubscription, Store, WorkspaceStore } from '../../server/store/types.js';
import { createDatabase } from '../helpers/postgres.js';
import { type OldDatabase, oldPostgres, oldSqlite } from '../helpers/store-upgrade.js';
import { openTestStore, type TestStore } from '../helpers/stores.js';

const delivery = (
  subscription: string,
  event: string,
  skip: string | null = null,
  workspace = DEFAULT_WORKSPACE,
): Delivery => ({
  workspace_id: workspace,
  subscription_id: subscription,
  trigger: 'new_deal',
  event_id: event,
  attempt: 1,
  skip,
  event: { event_id: event, action: 'create', object: 'deal', data: { id: 1 } },
});

const newSubscription = (
  connectionId: string,
  id = `s-${randomBytes(4).toString('hex')}`,
): NewSubscription => ({
  id,
  connection_id: connectionId,
  trigger: 'updated_deal',
  input: { fields_to_watch: ['stage_id'] },
  event_action: 'change',
  event_object: 'deal',
  callback_url: `https://hooks.example.com/${id}`,
  user_id: 11,
  credentials: { http_auth_user: `user-${id}`, http_auth_password: `password-${id}-never-in-clear` },
});

/** Work done while holding a lock, so that other holders come while it is held. */
const working = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The PostgreSQL stores of this suite get a small pool, so that the lock tests run more holders than it has. */
const POOL = 3;
const open = (engine: TestStore['engine']) => openTestStore(engine, { max: POOL });

const kinds = [['sqlite'], ['postgres']] as const;

describe.each(kinds)('%s store', (name) => {
  let kind: TestStore;
  let store: Store;
  let ws: WorkspaceStore;

  beforeAll(async () => {
    kind = await open(name);
    store = kind.store;
    ws = store.workspace(DEFAULT_WORKSPACE);
  });

  afterAll(async () => {
    await kind.close();
  });

  it('keeps connections, with secrets sealed at rest', async () => {
    const created = await ws.createConnection({
      type: 'api_token',
      user: { id: 11, name: 'Mari' },
      api_url: 'https://api.pipedrive.com',
      secret: { api_token: 'clear-token-should-never-be-stored-0123' },
    });
    expect(created.workspace_id).toBe(DEFAULT_WORKSPACE);
    expect(await ws.getConnection(created.id)).toMatchObject({
      workspace_id: DEFAULT_WORKSPACE,
      type: 'api_token',
      user: { id: 11, name: 'Mari' },
      status: 'active',
      secret: { api_token: 'clear-token-should-never-be-stored-0123' },
    });
    expect(await store.getConnection(created.id)).toEqual(await ws.getConnection(created.id));
    expect((await ws.listConnections()).map((c) => c.id)).toContain(created.id);
    await store.updateConnectionSecret(
      created.id,
      { access_token: 'new-access-token-abcdef', expires_at: 5 },
      'https://x.pipedrive.com',
    );
    expect(await ws.getConnection(created.id)).toMatchObject({
      api_url: 'https://x.pipedrive.com',
      secret: { access_token: 'new-access-token-abcdef', expires_at: 5 },
    });
    const oauth = await ws.createConnection({
      type: 'oauth2',
      user: { id: 12 },
      api_url: 'https://acme.pipedrive.com',
      secret: {
        access_token: 'oauth-access-never-in-clear-0123',
        refresh_token: 'oauth-refresh-never-in-clear-4567',
        expires_at: 5,
      },
    });
    expect((await ws.getConnection(oauth.id))?.secret).toMatchObject({
      refresh_token: 'oauth-refresh-never-in-clear-4567',
    });
    await store.setConnectionStatus(created.id, 'reauthorization_required');
    expect((await ws.getConnection(created.id))?.status).toBe('reauthorization_required');
    const raw = await kind.raw();
    expect(raw).not.toContain('clear-token-should-never-be-stored');
    expect(raw).not.toContain('new-access-token-abcdef');
    expect(raw).not.toContain('oauth-access-never-in-clear');
    expect(raw).not.toContain('oauth-refresh-never-in-clear');
    expect(await ws.deleteConnection(oauth.id)).toBe(true);
    expect(await ws.deleteConnection(created.id)).toBe(true);
    expect(await ws.getConnection(created.id)).toBeUndefined();
    expect(await store.getConnection(created.id)).toBeUndefined();
    expect(await ws.deleteConnection(created.id)).toBe(false);
  });

  it('keeps subscriptions: pending, active, deleted with the secret wiped', async () => {
    const sub = await ws.createSubscription({
      id: `s-${randomBytes(4).toString('hex')}`,
      connection_id: 'c1',
      trigger: 'updated_deal',
      input: { fields_to_watch: ['stage_id'] },
      event_action: 'change',
      event_object: 'deal',
      callback_url: 'https://hooks.example.com/x',
      user_id: 11,
      credentials: {
        http_auth_user: 'user-0123456789abcdef',
        http_auth_password: 'password-never-in-clear-9876',
      },
    });
    expect(sub).toMatchObject({
      status: 'pending',
      webhook_id: null,
      user_id: 11,
      workspace_id: DEFAULT_WORKSPACE,
    });
    await store.activateSubscription(sub.id, 4201);
    const active = {
      status: 'active',
      webhook_id: 4201,
      user_id: 11,
      input: { fields_to_watch: ['stage_id'] },
      credentials: {
        http_auth_user: 'user-0123456789abcdef',
        http_auth_password: 'password-never-in-clear-9876',
      },
    };
    expect(await ws.getSubscription(sub.id)).toMatchObject(active);
    expect(await store.getSubscription(sub.id)).toMatchObject(active);
    expect((await ws.listSubscriptions({ connection_id: 'c1' })).map((s) => s.id)).toEqual([sub.id]);
    expect(await ws.listSubscriptions({ connection_id: 'c1' })).toEqual([
      expect.objectContaining({ id: sub.id, user_id: 11, webhook_id: 4201 }),
    ]);
    expect(await kind.raw()).not.toContain('password-never-in-clear');
    await store.markSubscriptionDeleted(sub.id);
    expect(await ws.getSubscription(sub.id)).toMatchObject({
      status: 'deleted',
      credentials: { http_auth_password: '' },
    });
    expect(await ws.listSubscriptions({ connection_id: 'c1' })).toEqual([]);
    const failed = await ws.createSubscription(newSubscription('c1'));
    await store.discardSubscription(failed.id);
    expect(await store.getSubscription(failed.id)).toBeUndefined();
  });

  it('records deliveries once: accepted, skipped, duplicate (also within one batch)', async () => {
    const outcomes = await store.recordDeliveries([
      delivery('sub-a', 'e1'),
      delivery('sub-a', 'e2', 'filtered'),
      delivery('sub-a', 'e1'),
      delivery('sub-b', 'e1'),
    ]);
    expect(outcomes).toEqual(['accepted', 'skipped', 'duplicate', 'accepted']);
    expect(await store.recordDeliveries([delivery('sub-a', 'e1'), delivery('sub-a', 'e2')])).toEqual([
      'duplicate',
      'duplicate',
    ]);
    expect(await ws.countDeliveries('sub-a')).toEqual({ total: 2, skipped: 1 });
    const { runs } = await ws.listRuns({ subscription_id: 'sub-a', limit: 10 });
    expect(runs.map((r) => [r.event_id, r.status, r.workspace_id])).toEqual([
      ['e1', 'pending', DEFAULT_WORKSPACE],
    ]);
    expect(runs[0]?.event).toMatchObject({ event_id: 'e1', action: 'create' });
  });

  it('polls: one lease holder at a time, taken over at expiry; a lost lease writes nothing', async () => {
    const conn = await ws.createConnection({
      type: 'api_token',
      user: { id: 11, name: 'Mari', email: 'mari@example.com', company_id: 1 },
      api_url: 'https://api.pipedrive.com',
      secret: { api_token: 'poll-token-never-in-clear-0123' },
    });
    const t0 = new Date('2026-12-05T10:00:00.000Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const { credentials: _, ...webhookless } = newSubscription(conn.id);
    const sub = await ws.createSubscription({
      ...webhookless,
      callback_url: null,
      mode: 'polling',
      interval_seconds: 60,
      poll: { state: { v: 1, watermark: 'w0' }, next_poll_at: t0 },
    });
    expect(sub).toMatchObject({
      mode: 'polling',
      interval_seconds: 60,
      status: 'active',
      callback_url: null,
    });
    expect((await store.getSubscription(sub.id))?.credentials).toEqual({
      http_auth_user: '',
      http_auth_password: '',
    });
    // Not due yet: nobody takes it.
    expect(await store.claimPolls('h1', at(-1), 5000, 10)).toEqual([]);
    // Ten claims at once, on two connections of the store (two hosts): one wins.
    const other = await kind.reopen();
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? other : store).claimPolls(`h${i}`, at(0), 5000, 10)),
    );
    const winners = claims.flatMap((ids, i) => ids.map(() => `h${i}`));
    expect(winners).toHaveLength(1);
    const holder = winners[0] as string;
    const loser = holder === 'h1' ? 'h2' : 'h1';
    expect(await store.renewPollLease(sub.id, loser, at(9000))).toBe(false);
    expect(await store.renewPollLease(sub.id, holder, at(9000))).toBe(true);
    // Renewed to t0 + 9 s: still held at t0 + 8 s, free at t0 + 9 s.
    expect(await store.claimPolls(loser, at(8000), 5000, 10)).toEqual([]);
    expect(await store.claimPolls(loser, at(9000), 5000, 10)).toEqual([sub.id]);
    // The first holder finishes late: its lease is gone, so neither its events nor its state are written.
    const events = [delivery(sub.id, 'poll:1'), delivery(sub.id, 'poll:2')];
    const late = {
      deliveries: events,
      state: { v: 1, watermark: 'late' },
      next_poll_at: at(60_000),
      at: at(9500),
    };
    expect(await store.recordPoll(sub.id, holder, late)).toBeUndefined();
    expect(await ws.countDeliveries(sub.id)).toEqual({ total: 0, skipped: 0 });
    expect((await store.getPoll(sub.id))?.state).toEqual({ v: 1, watermark: 'w0' });
    // The new holder records the same events (same IDs) with its state, and lets the lease go.
    const done = {
      deliveries: events,
      state: { v: 1, watermark: 'w1' },
      next_poll_at: at(70_000),
      at: at(10_000),
    };
    expect(await store.recordPoll(sub.id, loser, done)).toEqual(['accepted', 'accepted']);
    expect(await store.getPoll(sub.id)).toMatchObject({
      state: { v: 1, watermark: 'w1' },
      holder: null,
      lease_until: null,
      polls: 1,
      next_poll_at: at(70_000).toISOString(),
      last_polled_at: at(10_000).toISOString(),
    });
    expect((await ws.listRuns({ subscription_id: sub.id, limit: 10 })).runs.map((r) => r.event_id)).toEqual([
      'poll:1',
      'poll:2',
    ]);
    // A poll repeated from an older state makes the same IDs: nothing new.
    expect(await store.claimPolls('h3', at(70_000), 5000, 10)).toEqual([sub.id]);
    expect(await store.recordPoll(sub.id, 'h3', { ...done, next_poll_at: at(130_000) })).toEqual([
      'duplicate',
      'duplicate',
    ]);
    // A failed poll keeps its error and is due again; a stopping host gives its leases back.
    expect(await store.claimPolls('h4', at(130_000), 5000, 10)).toEqual([sub.id]);
    await store.pollFailed(sub.id, 'h4', 'Pipedrive said no', at(190_000));
    expect(await store.getPoll(sub.id)).toMatchObject({ last_error: 'Pipedrive said no', holder: null });
    expect(await store.claimPolls('h5', at(190_000), 5000, 10)).toEqual([sub.id]);
    await store.releasePolls('h5');
    expect((await store.getPoll(sub.id))?.holder).toBeNull();
    // Deleting the subscription removes its poll: a poller in flight then records nothing.
    expect(await store.claimPolls('h6', at(190_000), 5000, 10)).toEqual([sub.id]);
    await store.markSubscriptionDeleted(sub.id);
    expect(await store.getPoll(sub.id)).toBeUndefined();
    expect(await store.recordPoll(sub.id, 'h6', done)).toBeUndefined();
  });

  it('makes one run per event when the same deliveries race in parallel', async () => {
    const batches = Array.from({ length: 8 }, () =>
      store.recordDeliveries(Array.from({ length: 50 }, (_, i) => delivery('sub-race', `r${i}`))),
    );
    const outcomes = (await Promise.all(batches)).flat();
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(50);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(350);
    expect((await ws.listRuns({ subscription_id: 'sub-race', limit: 100 })).runs).toHaveLength(50);
  });

  it('moves runs through retrying, dead, requeue and delivered, and pages them by cursor', async () => {
    await store.recordDeliveries(Array.from({ length: 5 }, (_, i) => delivery('sub-runs', `x${i}`)));
    const due = (await store.dueRuns(100, new Date())).filter((r) => r.subscription_id === 'sub-runs');
    expect(due).toHaveLength(5);
    const [first, second, third] = due;
    await store.markRunFailed(first?.id as string, 'engine down', new Date(Date.now() + 60_000));
    await store.markRunFailed(second?.id as string, 'gave up', null);
    await store.markRunsDelivered([third?.id as string], new Date());
    expect(await store.getRun(first?.id as string)).toMatchObject({
      status: 'retrying',
      attempts: 1,
      last_error: 'engine down',
    });
    expect(await ws.getRun(first?.id as string)).toEqual(await store.getRun(first?.id as string));
    expect(await store.getRun(second?.id as string)).toMatchObject({ status: 'dead', attempts: 1 });
    expect(await store.getRun(third?.id as string)).toMatchObject({ status: 'delivered', last_error: null });
    const stillDue = (await store.dueRuns(100, new Date())).filter((r) => r.subscription_id === 'sub-runs');
    expect(stillDue).toHaveLength(2);
    expect(await store.requeueRun(second?.id as string)).toBe(true);
    expect(await store.requeueRun(third?.id as string)).toBe(false);
    expect((await store.getRun(second?.id as string))?.status).toBe('pending');
    const page1 = await ws.listRuns({ subscription_id: 'sub-runs', limit: 2 });
    const page2 = await ws.listRuns({
      subscription_id: 'sub-runs',
      limit: 2,
      cursor: page1.next_cursor as string,
    });
    const page3 = await ws.listRuns({
      subscription_id: 'sub-runs',
      limit: 2,
      cursor: page2.next_cursor as string,
    });
    expect([...page1.runs, ...page2.runs, ...page3.runs].map((r) => r.event_id)).toEqual([
      'x0',
      'x1',
      'x2',
      'x3',
      'x4',
    ]);
    expect(page3.next_cursor).toBeNull();
    expect((await ws.listRuns({ status: 'dead', limit: 10 })).runs).toEqual([]);
    expect((await ws.listRuns({ status: 'delivered', limit: 10 })).runs.map((r) => r.id)).toEqual([
      third?.id,
    ]);
    // Several runs delivered in one write.
    await store.markRunsDelivered([first?.id as string, second?.id as string], new Date());
    expect(
      (await ws.listRuns({ subscription_id: 'sub-runs', status: 'delivered', limit: 10 })).runs,
    ).toHaveLength(3);
  });

  it('serializes holders of one lock key', async () => {
    const order: string[] = [];
    const hold = (name: string, ms: number) =>
      store.withLock('lock-key', async () => {
        order.push(`${name}+`);
        await working(ms);
        order.push(`${name}-`);
        return name;
      });
    const results = await Promise.all([hold('a', 50), hold('b', 10), hold('c', 10)]);
    expect(results).toEqual(['a', 'b', 'c']);
    for (let i = 0; i < order.length; i += 2) expect(order[i]?.[0]).toBe(order[i + 1]?.[0]);
    await expect(store.withLock('lock-key', async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(await store.withLock('lock-key', async () => 'after an error')).toBe('after an error');
  });

  it(`runs more lock holders at once than the pool has connections (${POOL}), each reading the store, with nested locks`, {
    timeout: 15_000,
  }, async () => {
    const connection = await ws.createConnection({
      type: 'api_token',
      user: { id: 1 },
      api_url: 'https://api.pipedrive.com',
      secret: { api_token: 'lock-test-token-0123456789' },
    });
    const read = async () => (await store.getConnection(connection.id))?.id;
    const holders = Array.from({ length: POOL * 4 }, (_, i) =>
      // A webhook repair under `subscription:<id>` that refreshes OAuth tokens under `oauth-refresh:<id>`.
      store.withLock(`subscription:${i}`, async () => {
        const outer = await read();
        const inner = await store.withLock(`oauth-refresh:${i % 2}`, async () => {
          await working(5);
          // The same key again, from inside: it is held by this call already.
          return store.withLock(`subscription:${i}`, read);
        });
        return [outer, inner, (await ws.listConnections()).length > 0];
      }),
    );
    expect(await Promise.all(holders)).toEqual(
      Array.from({ length: POOL * 4 }, () => [connection.id, connection.id, true]),
    );
    // And the store still answers afterwards.
    expect(await read()).toBe(connection.id);
    await ws.deleteConnection(connection.id);
  });

  it.skipIf(name !== 'postgres')(
    'excludes holders of one key across hosts (another store on the database)',
    {
      timeout: 15_000,
    },
    async () => {
      const other = await kind.reopen();
      const order: string[] = [];
      const hold = (on: Store, label: string) =>
        on.withLock('shared-key', async () => {
          order.push(`${label}+`);
          await working(30);
          order.push(`${label}-`);
        });
      await Promise.all([hold(store, 'a'), hold(other, 'b'), hold(store, 'c'), hold(other, 'd')]);
      expect(order).toHaveLength(8);
      for (let i = 0; i < order.length; i += 2) {
        expect(order[i + 1]).toBe(`${order[i]?.[0]}-`);
      }
    },
  );

  it.skipIf(name !== 'postgres')('takes locks again after its lock session was lost', async () => {
    expect(await store.withLock('before-loss', async () => 'held')).toBe('held');
    const admin = await kind.reopen();
    // Another connection ends this store's lock session, as a restarted server or a proxy would.
    const ended = await (admin as PostgresStore).pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE application_name = 'pipedrive-connector-locks' AND datname = current_database()`,
    );
    expect(ended.rowCount).toBeGreaterThanOrEqual(1);
    await expect
      .poll(() => store.withLock('after-loss', async () => 'held again'), { timeout: 5000 })
      .toBe('held again');
  });

  it("adds up the day's token usage per scope, keeps the latest budget, and purges past days", async () => {
    const budget = (remaining: number | null, at: string) => ({
      limit: 1000,
      remaining,
      requests_left: null,
      seen_at: at,
    });
    const scopes = ['connection:usage-c1', 'company:9001'];
    await store.addUsage(scopes, '2026-12-04', {
      tokens: 5,
      calls: 1,
      unpriced: 0,
      budget: null,
      spent: false,
    });
    await store.addUsage(scopes, '2026-12-05', {
      tokens: 20,
      calls: 1,
      unpriced: 0,
      budget: budget(400, '2026-12-05T10:00:00.000Z'),
      spent: false,
    });
    await store.addUsage(['connection:usage-c2', 'company:9001'], '2026-12-05', {
      tokens: 0,
      calls: 1,
      unpriced: 1,
      budget: null,
      spent: false,
    });
    await store.addUsage(scopes, '2026-12-05', {
      tokens: 0,
      calls: 1,
      unpriced: 0,
      budget: budget(0, '2026-12-05T11:00:00.000Z'),
      spent: true,
    });
    expect(await store.getUsage('connection:usage-c1', '2026-12-05')).toEqual({
      tokens: 20,
      calls: 2,
      unpriced: 0,
      budget: budget(0, '2026-12-05T11:00:00.000Z'),
      spent: true,
    });
    expect(await store.getUsage('company:9001', '2026-12-05')).toMatchObject({
      tokens: 20,
      calls: 3,
      unpriced: 1,
    });
    expect(await store.getUsage('company:9001', '2026-12-04')).toMatchObject({ tokens: 5, budget: null });
    // Tokens left again (the budget was raised): not spent any more.
    await store.addUsage(scopes, '2026-12-05', {
      tokens: 1,
      calls: 1,
      unpriced: 0,
      budget: budget(5000, '2026-12-05T12:00:00.000Z'),
      spent: false,
    });
    expect(await store.getUsage('company:9001', '2026-12-05')).toMatchObject({ tokens: 21, spent: false });
    await store.purge(new Date('2026-12-05T00:00:00Z'));
    expect(await store.getUsage('company:9001', '2026-12-04')).toBeUndefined();
    expect(await store.getUsage('company:9001', '2026-12-05')).toBeDefined();
  });

  it('remembers the record of a find-or-create key for a while, forgets it on request', async () => {
    const at = new Date('2026-12-05T10:00:00Z');
    await store.rememberRecord('key-1', '901', at);
    expect(await store.recallRecord('key-1', new Date('2026-12-05T09:55:00Z'))).toBe('901');
    expect(await store.recallRecord('key-1', new Date('2026-12-05T10:00:01Z'))).toBeUndefined();
    await store.rememberRecord('key-1', '902', new Date('2026-12-05T10:01:00Z'));
    expect(await store.recallRecord('key-1', at)).toBe('902');
    await store.rememberRecord('key-1', null, new Date());
    expect(await store.recallRecord('key-1', at)).toBeUndefined();
  });

  it('keeps two workspaces apart: nothing of one is seen, listed or changed through the other', async () => {
    const [a, b] = [store.workspace('acme'), store.workspace('globex')];
    await store.ensureWorkspace('acme');
    await store.ensureWorkspace('globex');
    const setUp = async (view: WorkspaceStore, tag: string) => {
      const connection = await view.createConnection({
        type: 'api_token',
        user: { id: 7 },
        api_url: 'https://api.pipedrive.com',
        secret: { api_token: `token-of-${tag}-0123456789` },
      });
      const subscription = await view.createSubscription(
        newSubscription(connection.id, `sub-${tag}-${name}`),
      );
      await store.recordDeliveries([
        delivery(subscription.id, `${tag}-1`, null, view.workspace_id),
        delivery(subscription.id, `${tag}-2`, 'filtered', view.workspace_id),
      ]);
      const [run] = (await view.listRuns({ limit: 10 })).runs;
      return { connection, subscription, run: run as NonNullable<typeof run> };
    };
    const ofA = await setUp(a, 'acme');
    const ofB = await setUp(b, 'globex');

    for (const [view, own, foreign] of [
      [a, ofA, ofB],
      [b, ofB, ofA],
    ] as const) {
      expect(own.connection.workspace_id).toBe(view.workspace_id);
      expect(own.subscription.workspace_id).toBe(view.workspace_id);
      expect(own.run.workspace_id).toBe(view.workspace_id);
      expect((await view.listConnections()).map((c) => c.id)).toEqual([own.connection.id]);
      expect((await view.getConnection(own.connection.id))?.secret).toEqual({
        api_token: `token-of-${view.workspace_id}-0123456789`,
      });
      expect(await view.getConnection(foreign.connection.id)).toBeUndefined();
      expect((await view.listSubscriptions()).map((s) => s.id)).toEqual([own.subscription.id]);
      expect(await view.listSubscriptions({ connection_id: foreign.connection.id })).toEqual([]);
      expect(await view.getSubscription(foreign.subscription.id)).toBeUndefined();
      expect((await view.listRuns({ limit: 10 })).runs.map((r) => r.id)).toEqual([own.run.id]);
      expect((await view.listRuns({ subscription_id: foreign.subscription.id, limit: 10 })).runs).toEqual([]);
      expect((await view.listRuns({ status: 'pending', limit: 10 })).runs.map((r) => r.id)).toEqual([
        own.run.id,
      ]);
      expect(await view.getRun(own.run.id)).toMatchObject({
        id: own.run.id,
        event_id: `${view.workspace_id}-1`,
      });
      expect(await view.getRun(foreign.run.id)).toBeUndefined();
      expect(await view.countDeliveries(own.subscription.id)).toEqual({ total: 2, skipped: 1 });
      expect(await view.countDeliveries(foreign.subscription.id)).toEqual({ total: 0, skipped: 0 });
      // Deleting another workspace's connection is refused like deleting one that does not exist.
      expect(await view.deleteConnection(foreign.connection.id)).toBe(false);
      expect(await store.getConnection(foreign.connection.id)).toBeDefined();
    }
    // The default workspace sees neither.
    expect((await ws.listConnections()).map((c) => c.id)).not.toContain(ofA.connection.id);
    expect(await ws.getRun(ofB.run.id)).toBeUndefined();
    // The host's machinery sees both.
    expect((await store.getRun(ofA.run.id))?.workspace_id).toBe('acme');
    expect((await store.getSubscription(ofB.subscription.id))?.workspace_id).toBe('globex');
  });

  it('creates workspaces once and lists them, the default one (made by the migration) included', async () => {
    const first = await store.ensureWorkspace('initech');
    expect(first).toEqual({ id: 'initech', created_at: expect.any(String) });
    expect(await store.ensureWorkspace('initech')).toEqual(first);
    expect(await store.getWorkspace('initech')).toEqual(first);
    expect(await store.getWorkspace('nope')).toBeUndefined();
    const ids = (await store.listWorkspaces()).map((w) => w.id);
    expect(ids).toContain(DEFAULT_WORKSPACE);
    expect(ids).toContain('initech');
  });

  it('keeps API keys hashed: verified, listed per workspace, last use recorded, revoked', async () => {
    expect(await store.hasActiveApiKey()).toBe(false);
    await expect(store.createApiKey(generateKey('no-such-workspace').row)).rejects.toThrow();
    const { key, apiKey } = await issueKey(store, {
      workspace_id: 'keys-a',
      admin: true,
      label: 'ops',
      by: null,
    });
    const other = await issueKey(store, { workspace_id: 'keys-b', by: apiKey.id });
    expect(key).toMatch(/^pdk_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toEqual({
      id: key.slice(4, 16),
      workspace_id: 'keys-a',
      admin: true,
      operator: false,
      label: 'ops',
      created_at: expect.any(String),
      last_used_at: null,
      revoked_at: null,
    });
    expect(other.apiKey).toMatchObject({
      workspace_id: 'keys-b',
      admin: false,
      operator: false,
      label: null,
    });
    expect(await store.hasActiveApiKey()).toBe(true);

    expect(await verifyKey(store, key)).toEqual(apiKey);
    expect(await verifyKey(store, other.key)).toEqual(other.apiKey);
    // Right id, wrong secret; malformed; unknown id.
    expect(await verifyKey(store, `${key.slice(0, 17)}${'A'.repeat(43)}`)).toBeUndefined();
    expect(await verifyKey(store, `${key}x`)).toBeUndefined();
    expect(await verifyKey(store, `pdk_${'a'.repeat(12)}_${key.slice(17)}`)).toBeUndefined();

    expect(await store.listApiKeys({ workspace_id: 'keys-a' })).toEqual([apiKey]);
    expect((await store.listApiKeys()).map((k) => k.id)).toEqual(
      expect.arrayContaining([apiKey.id, other.apiKey.id]),
    );
    expect(JSON.stringify(await store.listApiKeys())).not.toMatch(/hash|pdk_/);
    expect((await store.getApiKey(apiKey.id))?.hash).toMatch(/^[0-9a-f]{64}$/);
    // Only the hash is stored, never the key.
    const raw = await kind.raw();
    expect(raw).not.toContain(key.slice(17));
    expect(raw).not.toContain(other.key.slice(17));

    const used = new Date();
    await store.touchApiKey(apiKey.id, used);
    expect((await store.getApiKey(apiKey.id))?.last_used_at).toBe(used.toISOString());
    // At most once a minute.
    await store.touchApiKey(apiKey.id, new Date(used.getTime() + 1000));
    expect((await store.getApiKey(apiKey.id))?.last_used_at).toBe(used.toISOString());
    const later = new Date(used.getTime() + KEY_TOUCH_INTERVAL_MS + 1000);
    await store.touchApiKey(apiKey.id, later);
    expect((await store.getApiKey(apiKey.id))?.last_used_at).toBe(later.toISOString());

    const revoked = await revokeKey(store, other.apiKey.id, apiKey.id);
    expect(revoked).toMatchObject({
      revoked: true,
      apiKey: { id: other.apiKey.id, revoked_at: expect.any(String) },
    });
    expect(await revokeKey(store, other.apiKey.id, apiKey.id)).toMatchObject({ revoked: false });
    expect(await revokeKey(store, 'nosuchkeyabc', apiKey.id)).toBeUndefined();
    expect(await store.revokeApiKey(other.apiKey.id, new Date())).toBe(false);
    expect(await verifyKey(store, other.key)).toBeUndefined();
    expect(await verifyKey(store, key)).toMatchObject({ id: apiKey.id });

    const audit = await store.listAudit({ limit: 10 });
    expect(
      audit.entries
        .filter((e) => e.action.startsWith('key.'))
        .map((e) => [e.action, e.key_id, e.target_id, e.workspace_id]),
    ).toEqual([
      ['key.revoke', apiKey.id, other.apiKey.id, 'keys-b'],
      ['key.create', apiKey.id, other.apiKey.id, 'keys-b'],
      ['key.create', null, apiKey.id, 'keys-a'],
    ]);
    await store.revokeApiKey(apiKey.id, new Date());
    expect(await store.hasActiveApiKey()).toBe(false);
  });

  it('keeps an audit trail: newest first, paged, per workspace', async () => {
    for (let i = 0; i < 5; i++) {
      await store.recordAudit({
        key_id: `key${i}`,
        workspace_id: i % 2 === 0 ? 'audit-even' : 'audit-odd',
        action: 'connection.create',
        target_id: `c${i}`,
      });
    }
    const even = await store.listAudit({ workspace_id: 'audit-even', limit: 2 });
    expect(even.entries.map((e) => e.target_id)).toEqual(['c4', 'c2']);
    expect(even.entries[0]).toEqual({
      id: expect.any(String),
      at: expect.any(String),
      key_id: 'key4',
      workspace_id: 'audit-even',
      action: 'connection.create',
      target_id: 'c4',
    });
    const rest = await store.listAudit({
      workspace_id: 'audit-even',
      limit: 2,
      cursor: even.next_cursor as string,
    });
    expect(rest.entries.map((e) => e.target_id)).toEqual(['c0']);
    expect(rest.next_cursor).toBeNull();
    expect(
      (await store.listAudit({ workspace_id: 'audit-odd', limit: 10 })).entries.map((e) => e.target_id),
    ).toEqual(['c3', 'c1']);
    const all = await store.listAudit({ limit: 3 });
    expect(all.entries.map((e) => e.target_id)).toEqual(['c4', 'c3', 'c2']);
  });

  it('an OAuth ticket opens one flow and closes it once, only while its key is valid; expired ones are purged', async () => {
    const { apiKey } = await issueKey(store, { workspace_id: 'tickets', by: null });
    const at = new Date();
    const expires = new Date(at.getTime() + 600_000);
    const ticket = (name: string) =>
      store.createOAuthTicket({
        ticket: name,
        workspace_id: 'tickets',
        key_id: apiKey.id,
        expires_at: expires,
      });
    await ticket('ticket-1');
    const opened = await store.redeemOAuthTicket('ticket-1', at);
    expect(opened).toEqual({
      workspace_id: 'tickets',
      key_id: apiKey.id,
      session_id: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(await store.redeemOAuthTicket('ticket-1', at)).toBeUndefined();
    const [first, second] = await Promise.all([
      store.completeOAuthSession(opened?.session_id as string, at),
      store.completeOAuthSession(opened?.session_id as string, at),
    ]);
    expect([first, second].filter(Boolean)).toEqual([opened]);
    expect(await store.completeOAuthSession('0'.repeat(64), at)).toBeUndefined();

    // A revoked key's tickets open nothing and close nothing.
    await ticket('ticket-2');
    await ticket('ticket-3');
    const open2 = await store.redeemOAuthTicket('ticket-2', at);
    await store.revokeApiKey(apiKey.id, at);
    expect(await store.redeemOAuthTicket('ticket-3', at)).toBeUndefined();
    expect(await store.completeOAuthSession(open2?.session_id as string, at)).toBeUndefined();

    // Purged once expired before the given time; the others stay.
    expect(await store.purgeOAuthTickets(at)).toBe(0);
    expect(await store.purgeOAuthTickets(new Date(expires.getTime() + 1))).toBeGreaterThanOrEqual(3);
    expect(await store.purgeOAuthTickets(new Date(expires.getTime() + 1))).toBe(0);
  });

  it('purges the audit trail recorded before a time (AUDIT_RETENTION_DAYS)', async () => {
    const fresh = await open(name);
    try {
      await fresh.store.recordAudit({
        key_id: null,
        workspace_id: 'w',
        action: 'key.create',
        target_id: 'a',
      });
      const cut = new Date(Date.now() + 5);
      // The next row is written after the cut (a condition, not a fixed sleep).
      await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(cut.getTime() + 1), { interval: 2 });
      await fresh.store.recordAudit({
        key_id: null,
        workspace_id: 'w',
        action: 'key.revoke',
        target_id: 'a',
      });
      expect(await fresh.store.purgeAudit(cut)).toBe(1);
      expect((await fresh.store.listAudit({ limit: 10 })).entries.map((e) => e.action)).toEqual([
        'key.revoke',
      ]);
    } finally {
      await fresh.close();
    }
  });

  it(`purges deliveries and finished runs received before a time, in batches of ${PURGE_BATCH}, and keeps the rest`, {
    timeout: 60_000,
  }, async () => {
    const fresh = await open(name);
    try {
      const s = fresh.store;
      const view = s.workspace(DEFAULT_WORKSPACE);
      const many = Array.from({ length: PURGE_BATCH * 2 + 500 }, (_, i) => delivery('sub-old', `old-${i}`));
      await s.recordDeliveries(many);
      await s.recordDeliveries([
        delivery('sub-old', 'old-skipped', 'filtered'),
        delivery('sub-old', 'old-dead'),
        delivery('sub-old', 'old-retrying'),
        delivery('sub-old', 'old-pending'),
      ]);
      const runs = (await s.dueRuns(10_000, new Date())).filter((r) => r.subscription_id === 'sub-old');
      const byEvent = new Map(runs.map((r) => [r.event_id, r.id]));
      await s.markRunsDelivered(
        many.filter((_, i) => i !== 1500).map((d) => byEvent.get(d.event_id) as string),
        new Date(),
      );
      await s.markRunFailed(byEvent.get('old-dead') as string, 'gave up', null);
      await s.markRunFailed(byEvent.get('old-retrying') as string, 'later', new Date(Date.now() + 60_000));
      // The store dates what it receives by the clock: the new ones come a minute after the cut.
      const cut = new Date(Date.now() + 1000);
      vi.setSystemTime(cut.getTime() + 60_000);
      try {
        await s.recordDeliveries([delivery('sub-new', 'new-1'), delivery('sub-new', 'new-2', 'filtered')]);
        const newRun = (await view.listRuns({ subscription_id: 'sub-new', limit: 10 })).runs[0];
        await s.markRunsDelivered([newRun?.id as string], new Date());
      } finally {
        vi.useRealTimers();
      }

      expect(await s.purge(cut)).toEqual({
        // Every delivered one but old-1500 (pending), and old-dead; their deliveries, and the skipped one.
        runs: many.length - 1 + 1,
        deliveries: many.length - 1 + 1 + 1,
      });
      const left = await view.listRuns({ limit: 100 });
      expect(left.runs.map((r) => [r.event_id, r.status])).toEqual([
        ['old-1500', 'pending'],
        ['old-retrying', 'retrying'],
        ['old-pending', 'pending'],
        ['new-1', 'delivered'],
      ]);
      expect(await view.countDeliveries('sub-old')).toEqual({ total: 3, skipped: 0 });
      expect(await view.countDeliveries('sub-new')).toEqual({ total: 2, skipped: 1 });
      // A delivery that stayed is still known.
      expect(await s.recordDeliveries([delivery('sub-old', 'old-1500')])).toEqual(['duplicate']);
      expect(await s.purge(cut)).toEqual({ runs: 0, deliveries: 0 });
    } finally {
      await fresh.close();
    }
  });
});

describe.each(kinds)('%s store upgrade', (name) => {
  it('opens a database written by the previous release (690a54d): every row is in the default workspace', async () => {
    const box = new SecretBox([randomBytes(32)]);
    const old: OldDatabase =
      name === 'sqlite'
        ? await oldSqlite(mkdtempSync(join(tmpdir(), 'pd-upgrade-')), box)
        : await oldPostgres(await createDatabase(inject('postgresUrl'), 'upgrade'), box);
    const store =
      name === 'sqlite' ? new SqliteStore(old.location, box) : await PostgresStore.open(old.location, box);
    try {
      const ws = store.workspace(DEFAULT_WORKSPACE);
      expect((await store.listWorkspaces()).map((w) => w.id)).toEqual([DEFAULT_WORKSPACE]);
      const { expected } = old;
      expect(await ws.listConnections()).toEqual(expected.connections.map(({ secret: _, ...c }) => c));
      for (const connection of expected.connections) {
        expect(await ws.getConnection(connection.id)).toEqual(connection);
      }
      expect(await ws.listSubscriptions()).toEqual(
        expected.subscriptions.filter((s) => s.status !== 'deleted').map(({ credentials: _, ...s }) => s),
      );
      for (const subscription of expected.subscriptions) {
        expect(await ws.getSubscription(subscription.id)).toEqual(subscription);
      }
      for (const [subscription, counts] of Object.entries(expected.deliveries)) {
        expect(await ws.countDeliveries(subscription)).toEqual(counts);
      }
      expect((await ws.listRuns({ limit: 100 })).runs).toEqual(expected.runs);
      // Nothing of it in another workspace.
      const other = store.workspace('other');
      expect(await other.listConnections()).toEqual([]);
      expect((await other.listRuns({ limit: 100 })).runs).toEqual([]);
      // The inbox's key survived: an old event is still a duplicate; a new one makes a run.
      const [first] = expected.runs;
      expect(
        await store.recordDeliveries([
          delivery(first?.subscription_id as string, first?.event_id as string),
          delivery(first?.subscription_id as string, 'after-upgrade'),
        ]),
      ).toEqual(['duplicate', 'accepted']);
      expect((await ws.listRuns({ limit: 100 })).runs.map((r) => r.event_id)).toEqual([
        ...expected.runs.map((r) => r.event_id),
        'after-upgrade',
      ]);
    } finally {
      await store.close();
      await old.cleanUp();
    }
  });
});

describe('sqlite store files', () => {
  const modeOf = (path: string) => statSync(path).mode & 0o7777;

  it('makes its folder 0700 and the database, -wal and -shm 0600, also when they exist with wider modes', async () => {
    const root = mkdtempSync(join(tmpdir(), 'pd-modes-'));
    try {
      const box = new SecretBox([randomBytes(32)]);
      const file = join(root, 'data', 'nested', 'c.db');
      const store = new SqliteStore(file, box);
      await store.workspace(DEFAULT_WORKSPACE).createConnection({
        type: 'api_token',
        user: { id: 1 },
        api_url: 'https://api.pipedrive.com',
        secret: { api_token: 'file-mode-token-0123456789' },
      });
      expect(modeOf(join(root, 'data'))).toBe(0o700);
      expect(modeOf(join(root, 'data', 'nested'))).toBe(0o700);
      for (const path of [file, `${file}-wal`, `${file}-shm`])
        expect([path, modeOf(path)]).toEqual([path, 0o600]);
      await store.close();

      // As an older version left them.
      const old = join(root, 'old');
      mkdirSync(old, { mode: 0o755 });
      chmodSync(old, 0o755);
      const oldFile = join(old, 'c.db');
      new SqliteStore(oldFile, box).sqlite.close();
      for (const path of [oldFile, `${oldFile}-wal`, `${oldFile}-shm`]) {
        if (!existsSync(path)) writeFileSync(path, '');
        chmodSync(path, 0o644);
      }
      const reopened = new SqliteStore(oldFile, box);
      expect(modeOf(old)).toBe(0o700);
      for (const path of [oldFile, `${oldFile}-wal`, `${oldFile}-shm`])
        expect([path, modeOf(path)]).toEqual([path, 0o600]);
      await reopened.close();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('sqlite store checkpoints', () => {
  it('copies the WAL into the database file on its worker while the store is open, and leaves nothing behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-ckpt-'));
    const file = join(dir, 'c.db');
    const box = new SecretBox([randomBytes(32)]);
    try {
      const store = new SqliteStore(file, box);
      const before = statSync(file).size;
      for (let batch = 0; batch < 40; batch++) {
        await store.recordDeliveries(
          Array.from({ length: 50 }, (_, i) => delivery('sub-ckpt', `evt-${batch}-${i}`)),
        );
      }
      // The main connection never checkpoints (wal_autocheckpoint = 0): only the worker can grow the file.
      await expect
        .poll(() => statSync(file).size, { timeout: 5000, interval: 50 })
        .toBeGreaterThan(before + 100_000);
      await store.close();
      expect(existsSync(`${file}-wal`)).toBe(false);
      const reopened = new SqliteStore(file, box);
      const outcomes = await reopened.recordDeliveries([delivery('sub-ckpt', 'evt-39-49')]);
      expect(outcomes).toEqual(['duplicate']);
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('postgres store connections', () => {
  it('fails a store call after the connect timeout when the pool is exhausted, instead of waiting for ever', async () => {
    const url = await createDatabase(inject('postgresUrl'), 'timeout');
    const store = await PostgresStore.open(url, new SecretBox([randomBytes(32)]), {
      max: 1,
      connectTimeoutMs: 300,
    });
    const held = await store.pool.connect();
    try {
      const started = Date.now();
      await expect(store.workspace(DEFAULT_WORKSPACE).listConnections()).rejects.toThrow(/timeout/i);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    } finally {
      held.release();
      await store.close();
    }
  });
});
