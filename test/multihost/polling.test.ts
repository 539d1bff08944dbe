/**
 * One polling subscription, two hosts on one PostgreSQL: the host polling it is SIGKILLed while a poll is in
 * flight, the other takes the poll over once the lease expires. Real processes, a real database and a local
 * Pipedrive stub whose deals change throughout; no mocks.
 */
import pg from 'pg';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { DealBook } from '../helpers/deal-book.js';
import { type PipedriveStub, startPipedriveStub } from '../helpers/pipedrive-stub.js';
import { createDatabase } from '../helpers/postgres.js';
import { type HostProcess, startHostPair } from '../helpers/process.js';
import { newSecretKey, SECRETS } from '../helpers/secrets.js';

const TOKEN = SECRETS.killToken;

describe('a polling subscription on two hosts', () => {
  const hosts: HostProcess[] = [];
  let stub: PipedriveStub | undefined;
  let db: pg.Client | undefined;

  afterAll(async () => {
    for (const host of hosts) host.child.kill('SIGKILL');
    await stub?.close();
    await db?.end();
  });

  it('one host SIGKILLed mid-poll, the other takes over after the lease: every change is exactly one run', async () => {
    const databaseUrl = await createDatabase(inject('postgresUrl'), 'polling');
    const book = new DealBook(3);
    book.fill(2000, Date.now() - 10 * 86_400_000, Date.now() - 10 * 60_000);
    const route = book.route();
    stub = await startPipedriveStub({ token: TOKEN, routes: [route] });
    const env = {
      DATABASE_URL: databaseUrl,
      CONNECTOR_SECRET_KEY: newSecretKey(),
      PIPEDRIVE_API_URL: stub.url,
      PUBLIC_URL: 'https://hooks.example.com',
      POLL_MIN_INTERVAL_SECONDS: '1',
      POLL_LEASE_SECONDS: '3',
    };
    const [a, b] = await startHostPair(env);
    hosts.push(a, b);
    const post = async (host: HostProcess, path: string, body: unknown) => {
      const response = await fetch(`${host.url}${path}`, {
        method: 'POST',
        headers: host.headers,
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(201);
      return (await response.json()) as Record<string, string>;
    };
    const connection = await post(a, '/connections', { type: 'api_token', api_token: TOKEN });
    const subscription = await post(b, '/subscriptions', {
      connection_id: connection.id,
      trigger: 'updated_deal',
      mode: 'polling',
      interval: 1,
    });
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const client = db;
    const runCount = async () =>
      Number(
        (
          await client.query<{ n: string }>('SELECT COUNT(*) AS n FROM runs WHERE subscription_id = $1', [
            subscription.id,
          ])
        ).rows[0]?.n,
      );
    const polls = async () =>
      (
        await client.query<{ polls: number; holder: string | null }>(
          'SELECT polls, holder FROM polls WHERE subscription_id = $1',
          [subscription.id],
        )
      ).rows[0] as { polls: number; holder: string | null };

    // Polling has started (nothing old fired), then deals change while the hosts poll.
    await vi.waitFor(async () => expect((await polls()).polls).toBeGreaterThanOrEqual(2), {
      timeout: 30_000,
    });
    for (let id = 1; id <= 10; id++) book.touch(id);
    await vi.waitFor(async () => expect(await runCount()).toBe(10), { timeout: 30_000 });

    // A slow Pipedrive holds the next poll in flight; more deals change meanwhile; its host is killed.
    route.delayMs = 60_000;
    const listed = stub.requests.length;
    for (let id = 11; id <= 20; id++) book.touch(id);
    await vi.waitFor(
      async () => {
        expect(stub?.requests.length).toBeGreaterThan(listed);
        expect((await polls()).holder).not.toBeNull();
      },
      { timeout: 30_000 },
    );
    const holder = (await polls()).holder as string;
    const pid = Number(holder.split('@')[0]);
    const victim = hosts.find((host) => host.child.pid === pid);
    expect(victim, `the holder ${holder} is one of the hosts`).toBeDefined();
    const survivor = victim === a ? b : a;
    victim?.child.kill('SIGKILL');
    expect(await victim?.exited).toBeNull();
    route.delayMs = 0;
    for (let id = 21; id <= 30; id++) book.touch(id);

    // The survivor takes the poll over after the lease (3 s) and polls from the saved state.
    await vi.waitFor(async () => expect(await runCount()).toBe(30), { timeout: 60_000, interval: 250 });
    const before = (await polls()).polls;
    await vi.waitFor(async () => expect((await polls()).polls).toBeGreaterThanOrEqual(before + 2), {
      timeout: 30_000,
    });
    expect((await polls()).holder ?? '').not.toContain(`${pid}@`);
    const counts = await client.query<{ event_id: string; n: string }>(
      'SELECT event_id, COUNT(*) AS n FROM runs WHERE subscription_id = $1 GROUP BY event_id',
      [subscription.id],
    );
    expect(counts.rows.filter((r) => r.n !== '1')).toEqual([]);
    expect(counts.rows.map((r) => r.event_id).sort()).toEqual([...book.changes].sort());
    // The survivor is still serving.
    expect((await fetch(`${survivor.url}/health`)).status).toBe(200);
  }, 180_000);
});
