/**
 * One suite, two stores: the embedded SQLite store and PostgreSQL (a real server started for the run) must
 * behave the same. No mocks of the database.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SecretBox } from '../../server/secrets.js';
import { PostgresStore } from '../../server/store/postgres.js';
import { SqliteStore } from '../../server/store/sqlite.js';
import type { Delivery, Store } from '../../server/store/types.js';
import { createDatabase, dumpDatabase } from '../helpers/postgres.js';

interface Kind {
  store: Store;
  /** Everything the store wrote, as text, to look for secrets in clear. */
  raw(): Promise<string>;
  close(): Promise<void>;
}

async function sqlite(): Promise<Kind> {
  const dir = mkdtempSync(join(tmpdir(), 'pd-store-'));
  const file = join(dir, 'c.db');
  const store = new SqliteStore(file, new SecretBox([randomBytes(32)]));
  return {
    store,
    raw: async () =>
      [file, `${file}-wal`].map((f) => readFileSync(f, { flag: 'a+' }).toString('latin1')).join('\n'),
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgres(): Promise<Kind> {
  const url = await createDatabase(inject('postgresUrl'), 'store');
  const store = await PostgresStore.open(url, new SecretBox([randomBytes(32)]));
  return {
    store,
    raw: () => dumpDatabase(url),
    close: () => store.close(),
  };
}

const delivery = (subscription: string, event: string, skip: string | null = null): Delivery => ({
  subscription_id: subscription,
  trigger: 'new_deal',
  event_id: event,
  attempt: 1,
  skip,
  event: { event_id: event, action: 'create', object: 'deal', data: { id: 1 } },
});

describe.each([
  ['sqlite', sqlite],
  ['postgres', postgres],
] as const)('%s store', (_name, open) => {
  let kind: Kind;
  let store: Store;

  beforeAll(async () => {
    kind = await open();
    store = kind.store;
  });

  afterAll(async () => {
    await kind.close();
  });

  it('keeps connections, with secrets sealed at rest', async () => {
    const created = await store.createConnection({
      type: 'api_token',
      user: { id: 11, name: 'Mari' },
      api_url: 'https://api.pipedrive.com',
      secret: { api_token: 'clear-token-should-never-be-stored-0123' },
    });
    expect(await store.getConnection(created.id)).toMatchObject({
      type: 'api_token',
      user: { id: 11, name: 'Mari' },
      status: 'active',
      secret: { api_token: 'clear-token-should-never-be-stored-0123' },
    });
    expect((await store.listConnections()).map((c) => c.id)).toContain(created.id);
    await store.updateConnectionSecret(
      created.id,
      { access_token: 'new-access-token-abcdef', expires_at: 5 },
      'https://x.pipedrive.com',
    );
    expect(await store.getConnection(created.id)).toMatchObject({
      api_url: 'https://x.pipedrive.com',
      secret: { access_token: 'new-access-token-abcdef', expires_at: 5 },
    });
    const oauth = await store.createConnection({
      type: 'oauth2',
      user: { id: 12 },
      api_url: 'https://acme.pipedrive.com',
      secret: {
        access_token: 'oauth-access-never-in-clear-0123',
        refresh_token: 'oauth-refresh-never-in-clear-4567',
        expires_at: 5,
      },
    });
    expect((await store.getConnection(oauth.id))?.secret).toMatchObject({
      refresh_token: 'oauth-refresh-never-in-clear-4567',
    });
    await store.setConnectionStatus(created.id, 'reauthorization_required');
    expect((await store.getConnection(created.id))?.status).toBe('reauthorization_required');
    const raw = await kind.raw();
    expect(raw).not.toContain('clear-token-should-never-be-stored');
    expect(raw).not.toContain('new-access-token-abcdef');
    expect(raw).not.toContain('oauth-access-never-in-clear');
    expect(raw).not.toContain('oauth-refresh-never-in-clear');
    expect(await store.deleteConnection(oauth.id)).toBe(true);
    expect(await store.deleteConnection(created.id)).toBe(true);
    expect(await store.getConnection(created.id)).toBeUndefined();
    expect(await store.deleteConnection(created.id)).toBe(false);
  });

  it('keeps subscriptions: pending, active, deleted with the secret wiped', async () => {
    const sub = await store.createSubscription({
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
    expect(sub).toMatchObject({ status: 'pending', webhook_id: null, user_id: 11 });
    await store.activateSubscription(sub.id, 4201);
    expect(await store.getSubscription(sub.id)).toMatchObject({
      status: 'active',
      webhook_id: 4201,
      user_id: 11,
      input: { fields_to_watch: ['stage_id'] },
      credentials: {
        http_auth_user: 'user-0123456789abcdef',
        http_auth_password: 'password-never-in-clear-9876',
      },
    });
    expect((await store.listSubscriptions({ connection_id: 'c1' })).map((s) => s.id)).toEqual([sub.id]);
    expect(await kind.raw()).not.toContain('password-never-in-clear');
    await store.markSubscriptionDeleted(sub.id);
    expect(await store.getSubscription(sub.id)).toMatchObject({
      status: 'deleted',
      credentials: { http_auth_password: '' },
    });
    expect(await store.listSubscriptions({ connection_id: 'c1' })).toEqual([]);
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
    expect(await store.countDeliveries('sub-a')).toEqual({ total: 2, skipped: 1 });
    const { runs } = await store.listRuns({ subscription_id: 'sub-a', limit: 10 });
    expect(runs.map((r) => [r.event_id, r.status])).toEqual([['e1', 'pending']]);
    expect(runs[0]?.event).toMatchObject({ event_id: 'e1', action: 'create' });
  });

  it('makes one run per event when the same deliveries race in parallel', async () => {
    const batches = Array.from({ length: 8 }, () =>
      store.recordDeliveries(Array.from({ length: 50 }, (_, i) => delivery('sub-race', `r${i}`))),
    );
    const outcomes = (await Promise.all(batches)).flat();
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(50);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(350);
    expect((await store.listRuns({ subscription_id: 'sub-race', limit: 100 })).runs).toHaveLength(50);
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
    expect(await store.getRun(second?.id as string)).toMatchObject({ status: 'dead', attempts: 1 });
    expect(await store.getRun(third?.id as string)).toMatchObject({ status: 'delivered', last_error: null });
    const stillDue = (await store.dueRuns(100, new Date())).filter((r) => r.subscription_id === 'sub-runs');
    expect(stillDue).toHaveLength(2);
    expect(await store.requeueRun(second?.id as string)).toBe(true);
    expect(await store.requeueRun(third?.id as string)).toBe(false);
    expect((await store.getRun(second?.id as string))?.status).toBe('pending');
    const page1 = await store.listRuns({ subscription_id: 'sub-runs', limit: 2 });
    const page2 = await store.listRuns({
      subscription_id: 'sub-runs',
      limit: 2,
      cursor: page1.next_cursor as string,
    });
    const page3 = await store.listRuns({
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
    expect((await store.listRuns({ status: 'dead', limit: 10 })).runs).toEqual([]);
  });

  it('serializes holders of one lock key', async () => {
    const order: string[] = [];
    const hold = (name: string, ms: number) =>
      store.withLock('lock-key', async () => {
        order.push(`${name}+`);
        await new Promise((r) => setTimeout(r, ms));
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
