/**
 * Soak: `npm run test:soak`. A real host process on SQLite takes 20,000 webhook deliveries, 200 at a time, 20% of
 * them Pipedrive-style retries of earlier events, with abusive requests mixed in; it is SIGKILLed midway and
 * started again, and what was not acknowledged is sent again, as Pipedrive does. Then: every acknowledged event
 * has exactly one run, every event has one (nothing lost, nothing doubled), and the host's memory (VmRSS,
 * sampled from /proc) levels off instead of growing with the load. Prints the figures (docs/reliability.md quotes
 * them) and exits 1 when a check fails.
 *
 * SOAK_DELIVERIES and SOAK_CONCURRENCY change the load (defaults 20000 and 200).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v2Payload } from '../fixtures/webhooks.js';
import { startPipedriveStub } from '../helpers/pipedrive-stub.js';
import { type HostProcess, pool, startHostProcess } from '../helpers/process.js';
import { SECRETS } from '../helpers/secrets.js';
import { basicAuth } from '../helpers/triggers.js';

const TOTAL = Number(process.env.SOAK_DELIVERIES ?? 20_000);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 200);
/** One abusive request (wrong credentials, not JSON, deep nesting, another webhook's payload) per this many. */
const ABUSE_EVERY = 20;
const WEBHOOK_ID = 6001;
const TOKEN = SECRETS.soakToken;

const failures: string[] = [];
const check = (ok: boolean, what: string) => {
  if (!ok) failures.push(what);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
};

/** The resident memory of a process, in MiB (Linux: /proc/<pid>/status). */
function rssMiB(pid: number | undefined): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples a host's RSS every 200 ms, with how many deliveries had been answered by then. */
function sampleMemory(host: HostProcess, progress: () => number) {
  const samples: { answered: number; rss: number }[] = [];
  const timer = setInterval(() => {
    const rss = rssMiB(host.child.pid);
    if (rss !== undefined) samples.push({ answered: progress(), rss });
  }, 200);
  return { samples, stop: () => clearInterval(timer) };
}

/** 80% distinct events, 20% retries of them (attempt 2–4), shuffled; each retry comes after its first delivery. */
function deliveries(total: number) {
  const distinct = Math.round(total * 0.8);
  const events = Array.from({ length: distinct }, () => randomUUID());
  const list: { id: string; attempt: number }[] = events.map((id) => ({ id, attempt: 1 }));
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j] as (typeof list)[number], list[i] as (typeof list)[number]];
  }
  for (let i = 0; i < total - distinct; i++) {
    // Somewhere after the first delivery of a random event: retries follow failures in time.
    const at = Math.floor(Math.random() * list.length);
    const event = list[Math.floor(Math.random() * (at + 1))] as { id: string };
    list.splice(at + 1, 0, { id: event.id, attempt: 2 + (i % 3) });
  }
  return { events, list };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'pd-soak-'));
  const stub = await startPipedriveStub({
    token: TOKEN,
    routes: [
      { method: 'GET', path: '/v1/webhooks', reply: { success: true, data: [] } },
      { method: 'POST', path: '/v1/webhooks', reply: { success: true, data: { id: WEBHOOK_ID } } },
    ],
  });
  const env = { DATABASE_URL: `sqlite:${join(dir, 'c.db')}`, PIPEDRIVE_API_URL: stub.url };
  let host = await startHostProcess(env);
  const hosts: HostProcess[] = [host];
  try {
    const post = async (path: string, body: unknown) =>
      (await (
        await fetch(`${host.url}${path}`, {
          method: 'POST',
          headers: host.headers,
          body: JSON.stringify(body),
        })
      ).json()) as Record<string, string>;
    const connection = await post('/connections', { type: 'api_token', api_token: TOKEN });
    const subscription = await post('/subscriptions', { connection_id: connection.id, trigger: 'new_deal' });
    const registered = stub.requests.find((r) => r.method === 'POST' && r.path === '/v1/webhooks')?.body as {
      http_auth_user: string;
      http_auth_password: string;
    };
    const auth = basicAuth({ user: registered.http_auth_user, password: registered.http_auth_password });
    const { events, list } = deliveries(TOTAL);

    const acked = new Map<string, number>();
    const statuses = new Map<number, number>();
    const abuse = { sent: 0, refused: 0, wrong: 0 };
    const latencies: number[] = [];
    let answered = 0;
    let sent = 0;
    let killedAt = -1;
    const unacknowledged: typeof list = [];

    const abusive = (i: number): [Record<string, string>, string, number] => {
      const body = JSON.stringify(v2Payload({ webhookId: WEBHOOK_ID }));
      switch (i % 4) {
        case 0:
          return [
            { authorization: basicAuth({ user: registered.http_auth_user, password: 'wrong' }) },
            body,
            401,
          ];
        case 1:
          return [{ authorization: auth }, 'not json {', 400];
        case 2:
          return [{ authorization: auth }, `${'['.repeat(50_000)}${']'.repeat(50_000)}`, 400];
        default:
          return [{ authorization: auth }, JSON.stringify(v2Payload({ webhookId: WEBHOOK_ID + 1 })), 400];
      }
    };

    const send = async (delivery: (typeof list)[number], target: HostProcess, killAt?: number) => {
      sent += 1;
      if (killAt !== undefined && sent === killAt && killedAt < 0) {
        killedAt = answered;
        target.child.kill('SIGKILL');
      }
      if (sent % ABUSE_EVERY === 0) {
        const [headers, body, expected] = abusive(sent / ABUSE_EVERY);
        abuse.sent += 1;
        try {
          const response = await fetch(`${target.url}/webhooks/pipedrive/${subscription.id}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...headers },
            body,
          });
          await response.arrayBuffer();
          if (response.status === expected) abuse.refused += 1;
          else abuse.wrong += 1;
        } catch {
          // the host is gone
        }
      }
      const started = performance.now();
      try {
        const response = await fetch(`${target.url}/webhooks/pipedrive/${subscription.id}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: auth },
          body: JSON.stringify(
            v2Payload({ id: delivery.id, attempt: delivery.attempt, webhookId: WEBHOOK_ID }),
          ),
        });
        const answer = (await response.json()) as { event_id?: string; status?: string };
        latencies.push(performance.now() - started);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        answered += 1;
        if (response.status === 200 && answer.event_id === delivery.id) {
          acked.set(delivery.id, (acked.get(delivery.id) ?? 0) + 1);
        } else unacknowledged.push(delivery);
      } catch {
        // Not acknowledged: Pipedrive would send it again later.
        unacknowledged.push(delivery);
      }
    };

    console.log(
      `soak: ${TOTAL} deliveries (${events.length} events, ${TOTAL - events.length} retries), ${CONCURRENCY} at a time, SIGKILL after ${TOTAL / 2} sent`,
    );
    const began = Date.now();
    const firstMemory = sampleMemory(host, () => answered);
    const half = list.slice(0, TOTAL / 2);
    await pool(half, CONCURRENCY, (d) => send(d, host, TOTAL / 2));
    firstMemory.stop();
    const exit = await host.exited;
    check(exit === null, `the first host died of SIGKILL (exit code ${exit}) after ${killedAt} answers`);

    // Restart on the same port and database; send the rest, and everything that was not acknowledged.
    host = await startHostProcess(env, host.port, { key: host.key });
    hosts.push(host);
    const retried = unacknowledged.splice(0);
    const secondMemory = sampleMemory(host, () => answered);
    await pool([...retried, ...list.slice(TOTAL / 2)], CONCURRENCY, (d) => send(d, host));
    // Pipedrive keeps retrying what still was not acknowledged (nothing, unless the second host failed too).
    for (let round = 0; round < 3 && unacknowledged.length > 0; round++) {
      await pool(unacknowledged.splice(0), CONCURRENCY, (d) => send(d, host));
    }
    secondMemory.stop();
    const seconds = (Date.now() - began) / 1000;

    // Every run, read back through the API of the restarted host.
    const runs: { event_id: string; status: string }[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (
        await fetch(
          `${host.url}/runs?subscription_id=${subscription.id}&limit=1000${cursor ? `&cursor=${cursor}` : ''}`,
          { headers: host.headers },
        )
      ).json()) as { runs: { event_id: string; status: string }[]; next_cursor: string | null };
      runs.push(...page.runs);
      cursor = page.next_cursor;
    } while (cursor);
    const perEvent = new Map<string, number>();
    for (const run of runs) perEvent.set(run.event_id, (perEvent.get(run.event_id) ?? 0) + 1);
    const doubled = [...perEvent.values()].filter((n) => n > 1).length;
    const lostAcked = [...acked.keys()].filter((id) => !perEvent.has(id)).length;
    const lost = events.filter((id) => !perEvent.has(id)).length;

    const memory = secondMemory.samples;
    const quarter = Math.max(1, Math.floor(memory.length / 4));
    const average = (s: { rss: number }[]) => s.reduce((sum, x) => sum + x.rss, 0) / Math.max(1, s.length);
    const settled = average(memory.slice(quarter, 2 * quarter));
    const end = average(memory.slice(-quarter));
    const peak = Math.max(...firstMemory.samples.map((s) => s.rss), ...memory.map((s) => s.rss));

    console.log('');
    console.log(
      `deliveries answered:  ${answered} in ${seconds.toFixed(1)} s (${Math.round(answered / seconds)}/s), statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    console.log(
      `latency:              p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
    );
    console.log(`sent again:           ${retried.length} not acknowledged when the host was killed`);
    console.log(
      `abusive requests:     ${abuse.sent} (${abuse.refused} refused as expected, ${abuse.wrong} otherwise)`,
    );
    console.log(`events acknowledged:  ${acked.size} of ${events.length}; runs ${runs.length}`);
    console.log(
      `lost runs:            ${lost} (of acknowledged events: ${lostAcked}); doubled runs: ${doubled}`,
    );
    console.log(
      `host memory (RSS):    peak ${peak.toFixed(0)} MiB; second host ${settled.toFixed(0)} MiB after warm-up, ${end.toFixed(0)} MiB at the end (${memory.length} samples)`,
    );
    console.log('');
    check(lostAcked === 0, 'every acknowledged event has a run');
    check(doubled === 0, 'no event has two runs');
    check(lost === 0, 'every event has a run once what was not acknowledged was sent again');
    check(runs.length === events.length, `runs (${runs.length}) = distinct events (${events.length})`);
    check(abuse.wrong === 0, 'every abusive request was refused with its status');
    check(![...statuses.keys()].some((s) => s >= 500), 'no 5xx answer');
    check(
      memory.length < 8 || end - settled < 64,
      `the host's memory levels off (+${(end - settled).toFixed(0)} MiB from warm-up to the end, bound 64)`,
    );
  } finally {
    for (const h of hosts) h.child.kill('SIGKILL');
    await stub.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (failures.length > 0) {
    console.log(`\nsoak FAILED: ${failures.join('; ')}`);
    process.exit(1);
  }
  console.log('soak passed');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
