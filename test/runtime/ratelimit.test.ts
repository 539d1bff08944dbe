import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import connector from '../../index.js';
import { RateGate } from '../../runtime/ratelimit.js';
import { BurstLimit, OVER_LIMIT } from '../helpers/burst-limit.js';

/** A Pipedrive-like API with the burst limit of `limit` requests per rolling `windowMs`. */
function limitedServer(limit: number, windowMs: number) {
  const burst = new BurstLimit(limit, windowMs);
  let refused = 0;
  let served = 0;
  const server = createServer((req, res) => {
    const { allowed, headers } = burst.admit('the token');
    if (!allowed) {
      refused += 1;
      res.writeHead(429, { 'content-type': 'application/json', ...headers });
      return res.end(OVER_LIMIT);
    }
    served += 1;
    res.writeHead(200, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify({ success: true, data: { id: Number(req.url?.split('/').pop()) } }));
  });
  return { server, stats: () => ({ refused, served }) };
}

describe('the per-connection rate gate', () => {
  const { server, stats } = limitedServer(5, 500);
  let url = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => {
    server.close();
  });

  it('paces 30 calls from 10 concurrent callers to the window, without running into 429s', async () => {
    const ctx = {
      auth: { type: 'api_token' as const, apiToken: 'gate-token', apiUrl: url },
      cacheKey: 'gate-test',
    };
    // Load the engine first (an invalid input sends nothing): its import is not what the timing below is about.
    await expect(connector.execute('get_deal', { id: 'not a number' }, ctx)).rejects.toThrow(/id/);
    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (next < 30) {
          const id = ++next;
          await connector.execute('get_deal', { id, custom_fields_by_name: false }, ctx);
        }
      }),
    );
    const elapsed = Date.now() - started;
    expect(stats().served).toBe(30);
    // The first call learns the window; the others wait for room instead of meeting the limit.
    expect(stats().refused).toBe(0);
    // 30 calls at 5 per 500 ms need at least 2.5 s; pacing by the headers keeps it close to that.
    expect(elapsed).toBeGreaterThanOrEqual(2400);
    expect(elapsed).toBeLessThan(4500);
  });

  it('waits for the reset when the window is spent, and frees a place when a request fails without an answer', async () => {
    let now = 0;
    const gate = new RateGate(() => now);
    await gate.acquire();
    gate.observe({ 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' }, 200);
    let admitted = false;
    const waiting = gate.acquire().then(() => {
      admitted = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(admitted).toBe(false);
    now = 1001;
    gate.release();
    await waiting;
    expect(admitted).toBe(true);
  });
});

describe('a call waiting at the gate', () => {
  it('keeps a process alive until it goes (a CLI whose calls all wait must not exit half done)', () => {
    // Nothing but the gate's timer is left in this child's event loop while the call waits.
    const code = `
      import { RateGate } from './runtime/ratelimit.ts';
      const gate = new RateGate();
      gate.observe({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '0.3' }, 200);
      const started = Date.now();
      await gate.acquire();
      console.log('went after', Date.now() - started, 'ms');
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const waited = Number(/went after (\d+) ms/.exec(child.stdout)?.[1]);
    expect(waited).toBeGreaterThanOrEqual(250);
  });
});
