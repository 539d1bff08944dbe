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
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { buildN8nPackage } from '../adapters/n8n/build.js';
import type { ICredentialType, INodeType } from '../adapters/n8n/engine-types.js';
import { createHarness, engineFrom, loadPackage, type NodeSpec, runWorkflow } from '../test/n8n/harness.js';
import { fmt, type Measure, report, stub } from './lib.js';

const root = resolve(import.meta.dirname, '..');
const ensure = (script: string, ...args: string[]) =>
  execFileSync('bash', [join(root, 'scripts', script), ...args], { encoding: 'utf8' }).trim();

if (Number(process.versions.node.split('.')[0]) < 24) {
  const node24 = join(ensure('ensure-node.sh', '24'), 'bin/node');
  const run = spawnSync(node24, ['--import', 'tsx', import.meta.filename], { stdio: 'inherit', cwd: root });
  process.exit(run.status ?? 1);
}

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
  const n8nDir = ensure('ensure-n8n.sh');
  const engine = engineFrom(join(n8nDir, 'package.json'));
  const packageDir = mkdtempSync(join(tmpdir(), 'n8n-bench-'));
  await buildN8nPackage(packageDir);
  const ours = loadPackage(packageDir);

  // n8n's own node and credential, from the n8n-nodes-base of the same install.
  const base = createRequire(join(n8nDir, 'package.json'));
  const nodesBase = dirname(base.resolve('n8n-nodes-base/package.json'));
  const { Pipedrive } = base(join(nodesBase, 'dist/nodes/Pipedrive/Pipedrive.node.js')) as {
    Pipedrive: new () => INodeType;
  };
  const { PipedriveApi } = base(join(nodesBase, 'dist/credentials/PipedriveApi.credentials.js')) as {
    PipedriveApi: new () => ICredentialType;
  };
  const theirs = {
    name: 'n8n-nodes-base',
    nodes: { 'n8n-nodes-base.pipedrive': new Pipedrive() },
    credentials: { pipedriveApi: new PipedriveApi() },
  };

  const server = await stub('fast');
  const url = `http://127.0.0.1:${server.port}`;
  process.env.PIPEDRIVE_API_URL = url;
  // n8n's Pipedrive node has Pipedrive's address built in: its requests (n8n's legacy request helper, in
  // @n8n/backend-network) are pointed at the stub before they are made.
  const legacyRequest = base(
    join(dirname(base.resolve('@n8n/backend-network')), 'http/legacy-request.js'),
  ) as {
    executeLegacyRequest: (request: { uri?: string; url?: string }, ...rest: unknown[]) => Promise<unknown>;
  };
  const original = legacyRequest.executeLegacyRequest;
  const PIPEDRIVE = 'https://api.pipedrive.com';
  const toStub = (address?: string) =>
    address?.startsWith(PIPEDRIVE) ? url + address.slice(PIPEDRIVE.length) : address;
  legacyRequest.executeLegacyRequest = (request, ...rest) =>
    original({ ...request, uri: toStub(request.uri), url: toStub(request.url) }, ...rest);

  const harness = createHarness(engine, [ours, theirs]);
  harness.credentials.store.set('pipedriveConnectorApi', { apiToken: TOKEN });
  harness.credentials.store.set('pipedriveApi', { apiToken: TOKEN });
  const connector = (parameters: Record<string, unknown>): NodeSpec => ({
    type: 'n8n-nodes-pipedrive-connector.pipedriveConnector',
    credentials: { pipedriveConnectorApi: { id: 'bench-1', name: 'bench' } },
    parameters: parameters as NodeSpec['parameters'],
  });
  const n8nNode = (parameters: Record<string, unknown>): NodeSpec => ({
    type: 'n8n-nodes-base.pipedrive',
    typeVersion: 2,
    credentials: { pipedriveApi: { id: 'bench-2', name: 'bench' } },
    parameters: { authentication: 'apiToken', ...parameters } as NodeSpec['parameters'],
  });
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
    rmSync(packageDir, { recursive: true, force: true });
  }
  report('n8n', measures);
}

await main();
