/**
 * The set-up the n8n benchmarks share (bench/n8n.ts, bench/tokens.ts): Node 24 (n8n 2.41 needs it: a script
 * started with an older Node starts itself again with it), the real n8n of `scripts/ensure-n8n.sh`, our node (the
 * built package) and n8n's own Pipedrive node (n8n-nodes-base, PipedriveV2) in one harness of n8n-core's
 * `WorkflowExecute`, both calling `stubUrl`. n8n's node calls https://api.pipedrive.com (not configurable): its
 * requests are pointed at the stub by a rewrite of the address in n8n's request helper; ours reads
 * PIPEDRIVE_API_URL.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { buildN8nPackage } from '../adapters/n8n/build.js';
import type { ICredentialType, INodeType } from '../adapters/n8n/engine-types.js';
import { createHarness, engineFrom, type Harness, loadPackage, type NodeSpec } from '../test/n8n/harness.js';

const root = resolve(import.meta.dirname, '..');
const ensure = (script: string, ...args: string[]) =>
  execFileSync('bash', [join(root, 'scripts', script), ...args], { encoding: 'utf8' }).trim();

/** Run `script` again under Node 24 when this Node is older (and exit with its status). */
export function onNode24(script: string): void {
  if (Number(process.versions.node.split('.')[0]) >= 24) return;
  const node24 = join(ensure('ensure-node.sh', '24'), 'bin/node');
  const run = spawnSync(node24, ['--import', 'tsx', script], { stdio: 'inherit', cwd: root });
  process.exit(run.status ?? 1);
}

export interface N8nBench {
  harness: Harness;
  /** A node of ours (`pipedriveConnectorApi` credential). */
  ours(parameters: Record<string, unknown>): NodeSpec;
  /** A node of n8n's own Pipedrive node, version 2 (`pipedriveApi` credential). */
  theirs(parameters: Record<string, unknown>): NodeSpec;
  close(): void;
}

export async function n8nWithBothNodes(stubUrl: string, token: string): Promise<N8nBench> {
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

  process.env.PIPEDRIVE_API_URL = stubUrl;
  // n8n's legacy request helper (in @n8n/backend-network): requests to Pipedrive's address go to the stub.
  const legacyRequest = base(
    join(dirname(base.resolve('@n8n/backend-network')), 'http/legacy-request.js'),
  ) as {
    executeLegacyRequest: (request: { uri?: string; url?: string }, ...rest: unknown[]) => Promise<unknown>;
  };
  const original = legacyRequest.executeLegacyRequest;
  const PIPEDRIVE = 'https://api.pipedrive.com';
  const toStub = (address?: string) =>
    address?.startsWith(PIPEDRIVE) ? stubUrl + address.slice(PIPEDRIVE.length) : address;
  legacyRequest.executeLegacyRequest = (request, ...rest) =>
    original({ ...request, uri: toStub(request.uri), url: toStub(request.url) }, ...rest);

  const harness = createHarness(engine, [ours, theirs]);
  harness.credentials.store.set('pipedriveConnectorApi', { apiToken: token });
  harness.credentials.store.set('pipedriveApi', { apiToken: token });
  return {
    harness,
    ours: (parameters) => ({
      type: 'n8n-nodes-pipedrive-connector.pipedriveConnector',
      credentials: { pipedriveConnectorApi: { id: 'bench-1', name: 'bench' } },
      parameters: parameters as NodeSpec['parameters'],
    }),
    theirs: (parameters) => ({
      type: 'n8n-nodes-base.pipedrive',
      typeVersion: 2,
      credentials: { pipedriveApi: { id: 'bench-2', name: 'bench' } },
      parameters: { authentication: 'apiToken', ...parameters } as NodeSpec['parameters'],
    }),
    close: () => {
      legacyRequest.executeLegacyRequest = original;
      rmSync(packageDir, { recursive: true, force: true });
    },
  };
}
