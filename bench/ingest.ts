/**
 * Webhook ingest: deliveries per second and p50/p99 latency at 50 connections (autocannon on loopback) for the
 * host's real callback route (Basic auth check, durable insert with group commit, dedupe, run creation) beside a
 * bare fastify route that answers 200, in the same run. Every delivery is a distinct event; afterwards the
 * inbox must hold each acknowledged delivery exactly once. The host runs from dist/ (`npm run build`).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import {
  type Child,
  cpuSeconds,
  fmt,
  hostNodeOptions,
  type Measure,
  report,
  startChild,
  stub,
} from './lib.js';

/** Deliveries per measured run: a fixed number, so that every one is answered before the inbox is checked. */
const AMOUNT = Number(process.env.BENCH_DELIVERIES ?? 20_000);
const CONNECTIONS = 50;

function payload(id: string) {
  return JSON.stringify({
    meta: {
      action: 'create',
      entity: 'deal',
      company_id: '7001',
      entity_id: '101',
      id,
      is_bulk_edit: false,
      // Now: the host refuses deliveries dated outside its freshness window.
      timestamp: new Date().toISOString(),
      type: 'general',
      user_id: '11',
      version: '2.0',
      webhook_id: '4201',
      webhook_owner_id: '11',
      change_source: 'app',
      attempt: 1,
      host: 'acme.pipedrive.com',
    },
    data: { id: 101, title: 'Acme renewal 2026', value: 12000, currency: 'EUR', status: 'open', stage_id: 3 },
    previous: null,
  });
}

async function load(url: string, authorization: string | undefined, amount: number) {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    amount,
    // autocannon checks for the end of a run at each sample; its default of 1 s would round the duration up.
    sampleInt: 10,
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    requests: [
      {
        setupRequest: (request: Record<string, unknown>) => ({ ...request, body: payload(randomUUID()) }),
      },
    ],
  });
  const seconds = result.duration;
  return {
    rps: result['2xx'] / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'pd-ingest-'));
  const children: Child[] = [];
  try {
    const pipedrive = await stub('fast');
    children.push(pipedrive);
    const api = `http://127.0.0.1:${pipedrive.port}`;
    const host = await startChild(
      [
        ...hostNodeOptions(),
        ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/hprof'] : []),
        'bench/host.mjs',
      ],
      // The host's default settings (LOG_LEVEL info: one log line per delivery).
      { DATABASE_URL: `sqlite:${join(dir, 'c.db')}`, PIPEDRIVE_API_URL: api },
    );
    children.push(host);
    const base = `http://127.0.0.1:${host.port}`;
    const post = async (path: string, body: unknown) =>
      (await (
        await fetch(`${base}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${host.key}` },
          body: JSON.stringify(body),
        })
      ).json()) as Record<string, string>;
    const connection = await post('/connections', { type: 'api_token', api_token: 'ingest-token' });
    const subscription = await post('/subscriptions', { connection_id: connection.id, trigger: 'new_deal' });
    const webhook = (await (await fetch(`${api}/last-webhook`)).json()) as Record<string, string>;
    const authorization = `Basic ${Buffer.from(`${webhook.http_auth_user}:${webhook.http_auth_password}`).toString('base64')}`;
    const bare = await startChild(['--import', 'tsx', 'bench/bare.ts']);
    children.push(bare);
    const realUrl = `${base}/webhooks/pipedrive/${subscription.id}`;
    const bareUrl = `http://127.0.0.1:${bare.port}/webhooks/pipedrive/x`;

    // Warm both, then measure: bare, real.
    await load(bareUrl, undefined, 5000);
    const warm = await load(realUrl, authorization, 5000);
    const bareRun = await load(bareUrl, undefined, AMOUNT);
    const hostCpu = cpuSeconds(host.child.pid as number);
    const realRun = await load(realUrl, authorization, AMOUNT);
    // The host's CPU per 1,000 deliveries: steadier than the rate on a shared machine.
    const cpuPerThousand = ((cpuSeconds(host.child.pid as number) - hostCpu) / AMOUNT) * 1000;

    const inbox = (await (
      await fetch(`${base}/subscriptions/${subscription.id}`, {
        headers: { authorization: `Bearer ${host.key}` },
      })
    ).json()) as {
      deliveries: { total: number };
    };
    const acked = warm.ok + realRun.ok;
    const ratio = realRun.rps / bareRun.rps;
    const measures: Measure[] = [
      {
        measure: `webhook ingest throughput, ${CONNECTIONS} connections, ${fmt(AMOUNT)} deliveries`,
        value: `${fmt(realRun.rps)} deliveries/s (bare route ${fmt(bareRun.rps)}/s)`,
        ratio: `${ratio.toFixed(2)}x the bare route; the host's CPU ${fmt(cpuPerThousand, 2)} s per 1,000`,
        target: '>= 0.5x the bare route',
        met: ratio >= 0.5,
        details: { real: realRun, bare: bareRun, host_cpu_seconds_per_1000: cpuPerThousand },
      },
      {
        measure: 'webhook ingest latency',
        value: `p50 ${realRun.p50} ms, p99 ${realRun.p99} ms (bare p50 ${bareRun.p50} ms, p99 ${bareRun.p99} ms)`,
        target: 'p99 <= 20 ms',
        met: realRun.p99 <= 20,
      },
      {
        measure: 'inbox after the run',
        value: `${fmt(inbox.deliveries.total)} stored for ${fmt(acked)} acknowledged (warm-up included), ${realRun.errors} errors`,
        target: 'every acknowledged delivery exactly once',
        met: inbox.deliveries.total === acked && realRun.errors === 0,
      },
    ];
    report('ingest', measures);
  } finally {
    for (const child of children) child.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
