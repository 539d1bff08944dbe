import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import connector from '../../index.js';
import { RateGate, type Ticket } from '../../runtime/ratelimit.js';
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
    // 30 calls at 5 per 500 ms need at least 2.5 s: the callers waited for the window. How close to 2.5 s the pace
    // keeps is a benchmark's question (bench/ratelimit.ts: ≤ 1.15× the ideal), not a unit test's: an upper bound in
    // wall time here failed on a loaded machine (17 s at a load average of 10) with nothing wrong.
    expect(elapsed).toBeGreaterThanOrEqual(2400);
  });

  it('waits for the reset when the window is spent, and frees a place when a request fails without an answer', async () => {
    vi.useFakeTimers();
    try {
      let now = 0;
      const gate = new RateGate(() => now);
      const probe = await gate.acquire();
      gate.observe(
        probe,
        { 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' },
        200,
      );
      let admitted = false;
      const waiting = gate.acquire().then((ticket) => {
        admitted = true;
        return ticket;
      });
      await vi.advanceTimersByTimeAsync(20);
      expect(admitted).toBe(false);
      now = 1001;
      await vi.advanceTimersByTimeAsync(1000);
      const second = await waiting;
      expect(admitted).toBe(true);
      // The reset freed one place, which the waiter took; the next call waits until that request ends.
      let thirdIn = false;
      const third = gate.acquire().then(() => {
        thirdIn = true;
      });
      await vi.advanceTimersByTimeAsync(20);
      expect(thirdIn).toBe(false);
      gate.release(second);
      await third;
      expect(thirdIn).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('a window step whose own answer says nothing', () => {
  it('never leaves callers waiting with nothing under way (a deadlock CI met once)', async () => {
    vi.useFakeTimers();
    try {
      let now = 0;
      const gate = new RateGate(() => now);
      const limited = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '0.001' };
      // A first request, and a second that goes once the first is slow to tell the window.
      const probe = await gate.acquire();
      const second = gate.acquire();
      now = 600;
      await vi.advanceTimersByTimeAsync(600);
      const older = await second;
      // The first answer: the window is full. The second request is still under way.
      gate.observe(probe, limited, 429);
      // The reset time comes: one request goes (a step)...
      now = 700;
      const step = await gate.acquire();
      // ...whose answer carries no rate-limit headers (a proxy's page, a stub): nothing is known any more.
      gate.observe(step, {}, 200);
      // Then the older request's 429 arrives, telling the window is full again; nothing is under way now.
      gate.observe(older, limited, 429);
      let admitted = false;
      const waiting = gate.acquire().then(() => {
        admitted = true;
      });
      now = 800;
      await vi.advanceTimersByTimeAsync(5000);
      // With nothing under way no answer can come to move the window: its reset time must.
      expect(admitted).toBe(true);
      await waiting;
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('answers that overtake each other', () => {
  const limits = (remaining: number) => ({
    'x-ratelimit-limit': '5',
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': '0.5',
  });

  it('an older answer arriving last does not reopen a window that later answers showed full', async () => {
    vi.useFakeTimers();
    try {
      const gate = new RateGate(() => Date.now());
      const probe = await gate.acquire();
      gate.observe(probe, limits(4), 200);
      // Four requests fill the window; Pipedrive counts them in this order: 3, 2, 1, then 0 places left.
      const [a, b, c, d] = await Promise.all([
        gate.acquire(),
        gate.acquire(),
        gate.acquire(),
        gate.acquire(),
      ]);
      let waiterIn = false;
      const waiter = gate.acquire().then(() => {
        waiterIn = true;
      });
      // Their answers come back the other way round: the one counted first (3 left) comes last.
      gate.observe(d as Ticket, limits(0), 200);
      gate.observe(c as Ticket, limits(1), 200);
      gate.observe(b as Ticket, limits(2), 200);
      gate.observe(a as Ticket, limits(3), 200);
      await vi.advanceTimersByTimeAsync(100);
      // Pipedrive has no place left until the reset (500 ms): the waiter must not have gone.
      expect(waiterIn).toBe(false);
      await vi.advanceTimersByTimeAsync(1000);
      await waiter;
    } finally {
      vi.useRealTimers();
    }
  });

  it('takes a place as freed a millisecond after the reset the header gives (the header is rounded)', async () => {
    vi.useFakeTimers();
    try {
      let now = 0;
      const gate = new RateGate(() => now);
      gate.observe(await gate.acquire(), limits(0), 200);
      let admitted = false;
      const waiting = gate.acquire().then(() => {
        admitted = true;
      });
      now = 500;
      await vi.advanceTimersByTimeAsync(500);
      expect(admitted).toBe(false);
      now = 501;
      await vi.advanceTimersByTimeAsync(10);
      await waiting;
      expect(admitted).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  /** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /**
   * `calls` requests from `callers` concurrent callers through one gate, against Pipedrive's burst limit, in
   * simulated time: 1 ms to the server, and back in 1–2 ms, but one answer in six 25 ms late, overtaken by the
   * answers of requests Pipedrive counted after it (as the rate-limit benchmark measured). A 429 is retried after
   * its reset, as the transport's retry policy does.
   */
  async function simulate(seed: number, calls = 200, callers = 20, limit = 10, windowMs = 500) {
    const burst = new BurstLimit(limit, windowMs);
    const gate = new RateGate(() => Date.now());
    const rand = random(seed);
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    let refused = 0;
    let next = 0;
    const call = async () => {
      for (;;) {
        const ticket = await gate.acquire();
        await sleep(1);
        const { allowed, headers } = burst.admit('the token', Date.now());
        await sleep(rand() < 1 / 6 ? 25 : 1 + Math.floor(rand() * 2));
        gate.observe(ticket, headers, allowed ? 200 : 429);
        if (allowed) return;
        refused += 1;
        await sleep(Math.ceil(Number(headers['x-ratelimit-reset']) * 1000));
      }
    };
    const started = Date.now();
    let finished = false;
    const all = Promise.all(
      Array.from({ length: callers }, async () => {
        while (next < calls) {
          next += 1;
          await call();
        }
      }),
    ).then(() => {
      finished = true;
    });
    while (!finished && Date.now() - started < 60_000) await vi.advanceTimersByTimeAsync(5);
    await all;
    return {
      refused,
      seconds: (Date.now() - started) / 1000,
      ideal: ((calls - limit) / limit) * (windowMs / 1000),
    };
  }

  it.each([1, 2, 3, 4, 5])(
    'meets no 429 in 200 calls from 20 callers (seed %i), close to the ideal time',
    async (seed) => {
      vi.useFakeTimers();
      try {
        const { refused, seconds, ideal } = await simulate(seed);
        expect(refused).toBe(0);
        expect(seconds).toBeGreaterThanOrEqual(ideal);
        expect(seconds).toBeLessThan(ideal * 1.25);
      } finally {
        vi.useRealTimers();
      }
    },
  );
});
