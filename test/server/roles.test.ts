/**
 * Roles of API keys (issue 21, item 8; docs/decisions.md, "Roles"): a workspace admin's key manages its own
 * workspace only, whatever it asks for; a host operator's key manages every workspace, and only it creates
 * workspaces and operator keys. Before, an admin key of workspace B could mint an admin key of workspace A and so
 * read A's connections.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKey, verifyKey } from '../../server/keys.js';
import { SecretBox } from '../../server/secrets.js';
import { SqliteStore } from '../../server/store/sqlite.js';
import { startTestHost, type TestHost } from '../helpers/host.js';
import { connect } from '../helpers/triggers.js';

const idOf = (key: string) => key.split('_')[1] as string;

describe('a workspace admin key manages its own workspace only', () => {
  let host: TestHost;
  let adminB: string;
  let memberA: string;
  let connectionA: string;

  beforeAll(async () => {
    host = await startTestHost();
    adminB = await host.newKey('ws-b', true);
    memberA = await host.newKey('ws-a');
    // A connection of workspace A (made with A's key).
    const asA = {
      ...host,
      inject: (o: Parameters<TestHost['inject']>[0]) => host.inject({ ...o, key: memberA }),
    };
    connectionA = await connect(asA as TestHost);
  });
  afterAll(() => host.close());

  it('cannot mint keys for another workspace, nor operator keys; can for its own', async () => {
    for (const body of [
      { workspace_id: 'ws-a', admin: true },
      { workspace_id: 'ws-a' },
      { workspace_id: 'ws-new' },
      { workspace_id: 'ws-b', operator: true },
    ]) {
      const refused = await host.inject({ method: 'POST', url: '/keys', key: adminB, payload: body });
      expect(refused.statusCode, JSON.stringify(body)).toBe(403);
      expect(refused.json().error.code).toBe('forbidden');
    }
    expect(await host.store.listApiKeys({ workspace_id: 'ws-a' })).toHaveLength(1);
    expect(await host.store.getWorkspace('ws-new')).toBeUndefined();
    const own = await host.inject({
      method: 'POST',
      url: '/keys',
      key: adminB,
      payload: { workspace_id: 'ws-b', admin: true, label: 'b ops' },
    });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ workspace_id: 'ws-b', admin: true, operator: false });
    // What an admin key of B reaches with its keys: B's connections only, never A's.
    const made = own.json().key as string;
    expect((await host.inject({ url: `/connections/${connectionA}`, key: made })).statusCode).toBe(404);
    expect((await host.inject({ url: `/connections/${connectionA}`, key: adminB })).statusCode).toBe(404);
  });

  it("lists and revokes its own workspace's keys only; another's is forbidden or not found", async () => {
    const listed = await host.inject({ url: '/keys', key: adminB });
    expect(listed.statusCode).toBe(200);
    expect(new Set(listed.json().keys.map((k: { workspace_id: string }) => k.workspace_id))).toEqual(
      new Set(['ws-b']),
    );
    expect((await host.inject({ url: '/keys?workspace_id=ws-a', key: adminB })).statusCode).toBe(403);
    const revoke = await host.inject({ method: 'DELETE', url: `/keys/${idOf(memberA)}`, key: adminB });
    expect(revoke.statusCode).toBe(404);
    expect(await verifyKey(host.store, memberA)).toBeDefined();
  });

  it("reads its own workspace's audit trail and workspace only; creates no workspace", async () => {
    const trail = await host.inject({ url: '/audit', key: adminB });
    expect(trail.statusCode).toBe(200);
    const workspaces = trail.json().entries.map((e: { workspace_id: string }) => e.workspace_id);
    expect(workspaces.length).toBeGreaterThan(0);
    expect(new Set(workspaces)).toEqual(new Set(['ws-b']));
    expect((await host.inject({ url: '/audit?workspace_id=ws-a', key: adminB })).statusCode).toBe(403);
    const listed = await host.inject({ url: '/workspaces', key: adminB });
    expect(listed.json().workspaces.map((w: { id: string }) => w.id)).toEqual(['ws-b']);
    const created = await host.inject({
      method: 'POST',
      url: '/workspaces',
      key: adminB,
      payload: { id: 'x' },
    });
    expect(created.statusCode).toBe(403);
  });

  it("cannot revoke its workspace's operator key", async () => {
    const operatorB = await host.newKey('ws-b', true, true);
    const refused = await host.inject({ method: 'DELETE', url: `/keys/${idOf(operatorB)}`, key: adminB });
    expect(refused.statusCode).toBe(403);
    expect(await verifyKey(host.store, operatorB)).toMatchObject({ operator: true });
  });
});

describe("a host operator's key manages every workspace", () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost();
  });
  afterAll(() => host.close());

  it('creates workspaces, keys of any workspace (operator keys included), lists and revokes them, reads every trail', async () => {
    expect(
      (await host.inject({ method: 'POST', url: '/workspaces', payload: { id: 'ws-c' } })).statusCode,
    ).toBe(201);
    const admin = await host.inject({
      method: 'POST',
      url: '/keys',
      payload: { workspace_id: 'ws-c', admin: true },
    });
    expect(admin.statusCode).toBe(201);
    const operator = await host.inject({
      method: 'POST',
      url: '/keys',
      payload: { workspace_id: 'ws-d', operator: true },
    });
    expect(operator.statusCode).toBe(201);
    expect(operator.json()).toMatchObject({ workspace_id: 'ws-d', admin: true, operator: true });
    const keys = (await host.inject({ url: '/keys' })).json().keys as { workspace_id: string }[];
    expect(new Set(keys.map((k) => k.workspace_id))).toEqual(new Set(['default', 'ws-c', 'ws-d']));
    expect((await host.inject({ method: 'DELETE', url: `/keys/${admin.json().id}` })).statusCode).toBe(204);
    const trail = (await host.inject({ url: '/audit' })).json().entries as { workspace_id: string }[];
    expect(new Set(trail.map((e) => e.workspace_id))).toEqual(new Set(['ws-c', 'ws-d']));
    expect((await host.inject({ url: '/workspaces' })).json().workspaces).toHaveLength(3);
  });
});

describe('upgrading a database from before roles', () => {
  it('its admin keys become admins of their own workspace, not host operators', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-roles-'));
    const box = new SecretBox([Buffer.alloc(32, 7)]);
    try {
      const file = join(dir, 'c.db');
      const before = new SqliteStore(file, box);
      await before.ensureWorkspace('tenant');
      const { key, row } = generateKey('tenant', { admin: true, operator: true });
      await before.createApiKey(row);
      // As the release before roles left it: no operator column, and none of the later migrations
      // (USAGE_AND_RECORD_KEYS, POLLING_SUBSCRIPTIONS) either.
      before.sqlite.exec(`DROP TABLE polls;
        ALTER TABLE subscriptions DROP COLUMN mode;
        ALTER TABLE subscriptions DROP COLUMN interval_seconds;
        DROP TABLE record_keys;
        DROP TABLE token_usage;
        ALTER TABLE api_keys DROP COLUMN operator;
        UPDATE schema_version SET version = version - 3`);
      await before.close();
      const after = new SqliteStore(file, box);
      try {
        expect(await verifyKey(after, key)).toMatchObject({
          workspace_id: 'tenant',
          admin: true,
          operator: false,
        });
      } finally {
        await after.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
