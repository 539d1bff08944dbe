/**
 * Operation overhead: `connector.execute('get_deal')` and `execute('list_deals')` (100 deals a page) against a
 * stub that answers at once, beside the official `pipedrive` SDK's equivalent calls and a raw got call (+ JSON
 * parse) on the same stub. Throughput at 8 concurrent calls; rounds alternate and the best round counts.
 */
import got from 'got';
import { v2 } from 'pipedrive';
import connector from '../index.js';
import { fmt, type Measure, report, stub } from './lib.js';

const ROUNDS = 5;
const CALLS = 2000;
const CONCURRENCY = 8;

async function throughput(call: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < CALLS) await call(next++);
    }),
  );
  return CALLS / ((performance.now() - started) / 1000);
}

async function main() {
  const server = await stub('fast');
  const base = `http://127.0.0.1:${server.port}`;
  const TOKEN = 'bench-token';
  const ctx = { auth: { type: 'api_token' as const, apiToken: TOKEN, apiUrl: base }, cacheKey: 'bench' };
  const sdk = new v2.DealsApi(new v2.Configuration({ apiKey: TOKEN, basePath: `${base}/api/v2` }));
  const raw = got.extend({
    prefixUrl: `${base}/api/v2`,
    headers: { 'x-api-token': TOKEN },
    retry: { limit: 0 },
  });

  const contenders = {
    get_deal: {
      connector: () => connector.execute('get_deal', { id: 1 }, ctx),
      sdk: () => sdk.getDeal({ id: 1 }),
      got: async () => JSON.parse(await raw.get('deals/1').text()),
    },
    list_deals: {
      connector: () => connector.execute('list_deals', { limit: 100 }, ctx),
      sdk: () => sdk.getDeals({ limit: 100 }),
      got: async () => JSON.parse(await raw.get('deals', { searchParams: { limit: 100 } }).text()),
    },
  };

  const measures: Measure[] = [];
  try {
    for (const [operation, calls] of Object.entries(contenders)) {
      const best = { connector: 0, sdk: 0, got: 0 };
      // Warm up every contender (JIT, keep-alive sockets, the field definitions cache).
      for (const call of Object.values(calls)) await throughput(() => call());
      for (let round = 0; round < ROUNDS; round++) {
        for (const [who, call] of Object.entries(calls) as [keyof typeof best, () => Promise<unknown>][]) {
          best[who] = Math.max(best[who], await throughput(() => call()));
        }
      }
      const vsSdk = best.connector / best.sdk;
      const vsGot = best.got / best.connector;
      measures.push({
        measure: `${operation}: throughput vs the official SDK`,
        value: `${fmt(best.connector)} calls/s (SDK ${fmt(best.sdk)}/s)`,
        ratio: `${vsSdk.toFixed(2)}x the SDK`,
        target: '>= 1.0x the SDK',
        met: vsSdk >= 1.0,
        details: best,
      });
      measures.push({
        measure: `${operation}: time per call vs raw got`,
        value: `${fmt(1000 / best.connector, 3)} ms (got ${fmt(1000 / best.got, 3)} ms) at ${CONCURRENCY} concurrent`,
        ratio: `${vsGot.toFixed(2)}x raw got`,
        target: '<= 1.5x raw got',
        met: vsGot <= 1.5,
      });
    }
  } finally {
    server.stop();
  }
  report('operations', measures);
}

await main();
