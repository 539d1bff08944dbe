/**
 * Rate limits: a stub enforcing Pipedrive's burst limit (40 requests per rolling 2 s per token, 429 with
 * x-ratelimit-* headers past it). 400 `get_deal` calls from 20 concurrent callers on one connection: the ideal
 * is 20 s (400 / 40 × 2 s), and no call may meet a 429 (one Pipedrive counted and refused). The official SDK on the
 * same stub for comparison (it does not wait on 429s).
 */
import { v2 } from 'pipedrive';
import connector from '../index.js';
import { fmt, type Measure, report, stub } from './lib.js';

const CALLS = 400;
const CALLERS = 20;
const IDEAL_S = (CALLS / 40) * 2;

async function run(call: (i: number) => Promise<unknown>) {
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CALLERS }, async () => {
      while (next < CALLS) {
        const i = next++;
        try {
          await call(i);
        } catch {
          failures += 1;
        }
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, failures };
}

async function main() {
  const measures: Measure[] = [];
  {
    const server = await stub('limited');
    const base = `http://127.0.0.1:${server.port}`;
    const ctx = {
      auth: { type: 'api_token' as const, apiToken: 'rate-token', apiUrl: base },
      cacheKey: 'rate',
    };
    const ours = await run((i) =>
      connector.execute('get_deal', { id: i + 1, custom_fields_by_name: false }, ctx),
    );
    const stats = (await (await fetch(`${base}/stats`)).json()) as { refused: number };
    server.stop();
    const ratio = ours.seconds / IDEAL_S;
    measures.push({
      measure: `${CALLS} calls, ${CALLERS} concurrent, limit 40 per 2 s`,
      value: `${fmt(ours.seconds, 2)} s, ${ours.failures} failures, ${stats.refused} × 429 met`,
      ratio: `${ratio.toFixed(3)}x the ideal ${IDEAL_S} s`,
      target: '0 failures, no 429 met, <= 1.15x the ideal',
      met: ours.failures === 0 && stats.refused === 0 && ratio <= 1.15,
      details: { ...ours, refused: stats.refused },
    });
  }
  {
    const server = await stub('limited');
    const base = `http://127.0.0.1:${server.port}`;
    const sdk = new v2.DealsApi(new v2.Configuration({ apiKey: 'sdk-token', basePath: `${base}/api/v2` }));
    const theirs = await run((i) => sdk.getDeal({ id: i + 1 }));
    server.stop();
    measures.push({
      measure: 'the official SDK on the same stub (comparison)',
      value: `${fmt(theirs.seconds, 2)} s, ${theirs.failures} failures (429s thrown to the caller)`,
      target: '—',
      met: true,
      details: theirs,
    });
  }
  report('ratelimit', measures);
}

await main();
