/**
 * Return-all: `list_deals` over 100,000 deals in pages of 500 from a stub, consumed as a stream
 * (`connector.stream`). The consumer runs in its own process, which samples its RSS: growth over the
 * baseline taken after start-up must stay under 64 MB, whatever the list's length.
 * Usage: node --import tsx bench/return-all.ts [total]
 */
import { spawn } from 'node:child_process';
import connector from '../index.js';
import { fmt, type Measure, report, stub } from './lib.js';

const TOTAL = Number(process.argv[2] ?? 100_000);

async function consume(base: string) {
  const ctx = {
    auth: { type: 'api_token' as const, apiToken: 'stream-token', apiUrl: base },
    cacheKey: 'stream',
  };
  // Warm up (imports, JIT, the output validator) before the baseline.
  for await (const _ of connector.stream('list_deals', { limit: 500, max_items: 1000 }, ctx)) {
    // nothing
  }
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  let count = 0;
  let sum = 0;
  const started = performance.now();
  for await (const deal of connector.stream('list_deals', { limit: 500 }, ctx)) {
    count += 1;
    sum += (deal as { value: number }).value;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(
    `CONSUMED ${JSON.stringify({ count, sum, seconds, growthMb: (peak - baseline) / 2 ** 20, baselineMb: baseline / 2 ** 20 })}`,
  );
}

async function main() {
  if (process.argv[2] === '--consume') return consume(process.argv[3] as string);
  const server = await stub('fast', TOTAL);
  const base = `http://127.0.0.1:${server.port}`;
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'bench/return-all.ts', '--consume', base],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  await new Promise((resolve) => child.on('exit', resolve));
  server.stop();
  const result = JSON.parse(/CONSUMED (.*)/.exec(out)?.[1] ?? '{}') as {
    count: number;
    seconds: number;
    growthMb: number;
  };
  const measures: Measure[] = [
    {
      measure: `stream ${fmt(TOTAL)} deals in pages of 500: peak RSS growth`,
      value: `${fmt(result.growthMb, 1)} MB`,
      target: '<= 64 MB',
      met: result.count === TOTAL && result.growthMb <= 64,
      details: result,
    },
    {
      measure: 'stream speed',
      value: `${fmt(result.count / result.seconds)} records/s (${fmt(result.seconds, 2)} s)`,
      target: 'reported',
      met: result.count === TOTAL,
    },
  ];
  report('return-all', measures);
}

await main();
