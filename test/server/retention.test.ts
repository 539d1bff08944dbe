import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../runtime/context.js';
import type { LocalSink } from '../../server/dispatch.js';
import { RetentionJob } from '../../server/retention.js';
import type { Store } from '../../server/store/types.js';
import { v2Payload } from '../fixtures/webhooks.js';
import { startTestHost } from '../helpers/host.js';
import { connect, deliver, subscribe } from '../helpers/triggers.js';

const DAY = 24 * 60 * 60 * 1000;

describe('retention (RETENTION_DAYS)', () => {
  it('purges at start and then every interval, RETENTION_DAYS before now; a failure is logged, not thrown', async () => {
    const purge = vi.fn(async () => ({ deliveries: 0, runs: 0 }));
    const purgeOAuthTickets = vi.fn(async () => 0);
    const purgeAudit = vi.fn(async () => 0);
    const errors: unknown[] = [];
    const job = new RetentionJob(
      { purge, purgeOAuthTickets, purgeAudit } as unknown as Store,
      { days: 7, auditDays: 90 },
      { ...silentLogger, error: (e) => errors.push(e) },
      30,
    );
    const started = Date.now();
    job.start();
    await vi.waitFor(() => expect(purge.mock.calls.length).toBeGreaterThanOrEqual(2));
    await job.stop();
    const before = (purge.mock.calls[0] as unknown as [Date])[0].getTime();
    expect(Math.abs(before - (started - 7 * DAY))).toBeLessThan(1000);
    // OAuth tickets an hour after they expired.
    const expired = (purgeOAuthTickets.mock.calls[0] as unknown as [Date])[0].getTime();
    expect(Math.abs(expired - (started - 60 * 60 * 1000))).toBeLessThan(1000);
    // The audit trail AUDIT_RETENTION_DAYS back.
    const audited = (purgeAudit.mock.calls[0] as unknown as [Date])[0].getTime();
    expect(Math.abs(audited - (started - 90 * DAY))).toBeLessThan(1000);
    purge.mockRejectedValueOnce(new Error('store down'));
    await job.run();
    expect(errors).toHaveLength(1);
  });

  it('on the host: delivered runs and their deliveries go after RETENTION_DAYS, pending ones stay', async () => {
    const host = await startTestHost(
      { RETENTION_DAYS: '30' },
      { dispatcher: { pollMs: 20, policy: { baseDelayMs: 20 } } },
    );
    try {
      await host.app.ready();
      const connectionId = await connect(host);
      const s = await subscribe(host, connectionId, 'new_deal');
      const send = (id: string) => deliver(host, s, v2Payload({ id, webhookId: s.webhookId }));
      // One run delivered (a listener takes it), then one left pending (no listener any more).
      const stop = (host.app.host.sink as LocalSink).on(() => {});
      await send('evt-old');
      await vi.waitFor(async () =>
        expect((await host.inject({ url: '/runs' })).json().runs[0]?.status).toBe('delivered'),
      );
      stop();
      await send('evt-pending');
      const workspace = host.store.workspace('default');
      expect((await workspace.countDeliveries(s.id)).total).toBe(2);

      // Within the period nothing goes; 31 days on, the delivered run and its delivery go.
      await host.app.host.retention.run(new Date(Date.now() + 29 * DAY));
      expect((await workspace.countDeliveries(s.id)).total).toBe(2);
      await host.app.host.retention.run(new Date(Date.now() + 31 * DAY));
      const left = (await workspace.listRuns({ limit: 10 })).runs;
      expect(left.map((r) => [r.event_id, r.status])).toEqual([['evt-pending', 'pending']]);
      expect((await workspace.countDeliveries(s.id)).total).toBe(1);
    } finally {
      await host.close();
    }
  });
});
