/**
 * n8n: the Pipedrive Connector node against n8n's own Pipedrive node (n8n-nodes-base, PipedriveV2), in the same
 * n8n engine (n8n-core 2.41.1's WorkflowExecute, from the real n8n that scripts/ensure-n8n.sh installs, on
 * Node 24) and against the same stub: workflow executions per second of a one-node workflow, get deal and list
 * deals (100 a page), at 8 executions at once; rounds alternate and the best round counts.
 *
 * Both nodes run as they come (the target): n8n's reads the deal fields at every execution (to name custom
 * fields), ours keeps them per connection. Its "raw custom field output" option turns that off; that variant is
 * reported beside, for scale. n8n's
 * node calls https://api.pipedrive.com (not configurable): its requests are pointed at the stub by a
 * rewrite of the address in n8n's request helper; ours reads PIPEDRIVE_API_URL.
 *
 * Runs under Node 24 (n8n 2.41 needs it): started with an older Node, it starts itself again with Node 24.
 */
import { type NodeSpec, runWorkflow } from '../test/n8n/harness.js';
import { fmt, type Measure, report, stub } from './lib.js';
import { n8nWithBothNodes, onNode24 } from './n8n-engine.js';

onNode24(import.meta.filename);

const ROUNDS = 5;
const EXECUTIONS = 400;
const CONCURRENCY = 8;
const TOKEN = 'bench-token';

async function throughput(run: () => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < EXECUTIONS) await run();
    }),
  );
  return EXECUTIONS / ((performance.now() - started) / 1000);
}

async function main() {
  const server = await stub('fast');
  const url = `http://127.0.0.1:${server.port}`;
  const bench = await n8nWithBothNodes(url, TOKEN);
  const { harness } = bench;
  const connector = bench.ours;
  const n8nNode = bench.theirs;
  const runs = (spec: NodeSpec, expected: number) => async () => {
    const result = await runWorkflow(harness, [spec]);
    const items = Object.values(result.output)[0] ?? [];
    if (result.error || items.length !== expected) {
      console.error((result.error as { cause?: unknown })?.cause ?? result.error);
      throw new Error(
        `${spec.type}: ${result.error?.message ?? `${items.length} items instead of ${expected}`}`,
      );
    }
  };

  const contenders = {
    'get deal': {
      ours: runs(connector({ resource: 'deals', operation: 'get_deal', id: 1 }), 1),
      n8n: runs(n8nNode({ resource: 'deal', operation: 'get', dealId: 1 }), 1),
      'n8n, raw custom fields': runs(
        n8nNode({ resource: 'deal', operation: 'get', dealId: 1, rawCustomFieldOutput: true }),
        1,
      ),
    },
    'list deals (100)': {
      ours: runs(
        connector({ resource: 'deals', operation: 'list_deals', returnAll: false, limit: 100 }),
        100,
      ),
      n8n: runs(n8nNode({ resource: 'deal', operation: 'getAll', returnAll: false, limit: 100 }), 100),
      'n8n, raw custom fields': runs(
        n8nNode({
          resource: 'deal',
          operation: 'getAll',
          returnAll: false,
          limit: 100,
          rawCustomFieldOutput: true,
        }),
        100,
      ),
    },
  };

  const measures: Measure[] = [];
  try {
    for (const [operation, calls] of Object.entries(contenders)) {
      const best: Record<string, number> = {};
      // Warm up (JIT, keep-alive sockets, our field definitions cache).
      for (const call of Object.values(calls)) await throughput(call);
      for (let round = 0; round < ROUNDS; round++) {
        for (const [who, call] of Object.entries(calls))
          best[who] = Math.max(best[who] ?? 0, await throughput(call));
      }
      const ours = best.ours as number;
      const n8n = best.n8n as number;
      const raw = best['n8n, raw custom fields'] as number;
      measures.push(
        {
          measure: `${operation}: executions/s, ours vs n8n's Pipedrive node`,
          value: `${fmt(ours)} vs ${fmt(n8n)}`,
          ratio: `${(ours / n8n).toFixed(2)}×`,
          target: '≥ 1.0× (at least their throughput)',
          met: ours >= n8n,
          details: { best },
        },
        {
          // Their node with its custom field names off (one request an execution, no output check): for scale.
          measure: `${operation}: ours vs n8n's node with "raw custom field output" on`,
          value: `${fmt(ours)} vs ${fmt(raw)}`,
          ratio: `${(ours / raw).toFixed(2)}×`,
          target: 'reported',
          met: true,
        },
      );
    }
  } finally {
    server.stop();
    bench.close();
  }
  report('n8n', measures);
}

await main();
