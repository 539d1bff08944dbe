/**
 * What each surface costs as the operations grow (issue 23, ~330 operations): the MCP server's `tools/list`
 * (bytes and tools, by default, read-only and with every tool; the schema portability findings over every tool
 * of every toolset), the n8n node's descriptions (bytes, and the time n8n's engine takes to load the package and
 * resolve every operation's parameters, as the editor does when an operation is picked), and the playground's
 * bundle. Sizes are exact; times are CPU times (user + system), medians of 5 fresh processes. The manifest tripled (every operation and
 * resource copied twice under other names, 321 operations) stands in for issue 23's ~330, to project the n8n
 * node and the full MCP list before those operations exist.
 *
 *   node --import tsx bench/surfaces.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { buildTools, createMcpServer, type McpServerOptions } from '../adapters/mcp/index.js';
import { buildN8nPackage } from '../adapters/n8n/build.js';
import { n8nDescriptions } from '../adapters/n8n/describe.js';
import type { INodeType } from '../adapters/n8n/engine-types.js';
import connector, { type Manifest } from '../index.js';
import { buildPlayground } from '../scripts/build-playground.js';
import { lintTools } from '../test/helpers/schema-lint.js';
import { engineFrom, loadPackage } from '../test/n8n/harness.js';
import { fmt, type Measure, report } from './lib.js';

const RUNS = 5;
const MAX_TOOLS = 40;
const MAX_LIST_BYTES = 64 * 1024;
const NODE = 'n8n-nodes-pipedrive-connector.pipedriveConnector';

const kB = (bytes: number) => `${fmt(bytes / 1024, 1)} kB`;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** `tools/list` of a server with these choices, through the SDK's client. */
async function toolsList(choices: Partial<McpServerOptions>) {
  const server = createMcpServer({
    context: () => ({ auth: { type: 'api_token', apiToken: 'unused' } }),
    ...choices,
  });
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(clientSide);
  const answer = await client.listTools();
  await client.close();
  return { tools: answer.tools, bytes: Buffer.byteLength(JSON.stringify(answer)) };
}

/**
 * The CPU time of this process so far, in milliseconds: on a shared machine, wall time mostly measures the other
 * processes; CPU time what this one did.
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The manifest with every operation and resource copied `times - 1` more times, under other names. */
function multiplied(manifest: Manifest, times: number): Manifest {
  const copies = Array.from(
    { length: times },
    (_, i) => (name: string) => (i === 0 ? name : `${name}_x${i}`),
  );
  return {
    ...manifest,
    operations: copies.flatMap((as) =>
      manifest.operations.map((op) => ({ ...op, name: as(op.name), resource: as(op.resource) })),
    ),
  };
}

/** n8n's engine resolves the parameters of each operation of a node's properties; the milliseconds it took. */
function resolveAll(
  engine: ReturnType<typeof engineFrom>,
  description: INodeType['description'],
): { ms: number; operations: number } {
  const { properties } = description;
  const operations = properties
    .filter((p) => p.name === 'operation')
    .flatMap((p) =>
      (p.options ?? []).map((o) => [p.displayOptions?.show?.resource?.[0], (o as { value: string }).value]),
    );
  const resolving = cpuMs();
  for (const [resource, operation] of operations) {
    engine.workflow.NodeHelpers.getNodeParameters(
      properties,
      { resource, operation } as never,
      true,
      false,
      { typeVersion: 1 },
      description,
    );
  }
  return { ms: cpuMs() - resolving, operations: operations.length };
}

/** In a fresh process: n8n's engine loads the package, then resolves each operation's parameters. */
function n8nChild(dir: string): void {
  const engine = engineFrom();
  const started = cpuMs();
  const loaded = loadPackage(dir);
  const load = cpuMs() - started;
  const node = loaded.nodes[NODE] as INodeType;
  const resolved = resolveAll(engine, node.description);
  // The same node with the descriptions of the tripled manifest.
  const tripled = {
    ...node.description,
    properties: n8nDescriptions(multiplied(connector.manifest, 3)).node,
  };
  const projected = resolveAll(engine, tripled);
  console.log(
    JSON.stringify({
      load,
      resolve: resolved.ms,
      operations: resolved.operations,
      projected: projected.ms,
      projectedOperations: projected.operations,
    }),
  );
}

async function main() {
  const measures: Measure[] = [];

  // ---------- MCP ----------
  const defaults = await toolsList({});
  const readOnly = await toolsList({ readOnly: true });
  let all: Awaited<ReturnType<typeof toolsList>> | undefined;
  try {
    all = await toolsList({ toolsets: ['all'] });
  } catch {
    all = undefined; // before the curated core, the default list was every tool
  }
  const every = all ?? defaults;
  const findings = lintTools(every.tools);
  const tripled = multiplied(connector.manifest, 3);
  let everyTool: ReturnType<typeof buildTools>;
  try {
    everyTool = buildTools({ toolsets: ['all'] }, tripled);
  } catch {
    everyTool = buildTools({}, tripled); // before the curated core
  }
  const projectedAll = Buffer.byteLength(JSON.stringify({ tools: everyTool.map((t) => t.definition) }));
  const projectedCore = Buffer.byteLength(
    JSON.stringify({ tools: buildTools({}, tripled).map((t) => t.definition) }),
  );
  measures.push(
    {
      measure: 'MCP tools/list, default',
      value: `${kB(defaults.bytes)}, ${defaults.tools.length} tools`,
      target: `≤ ${kB(MAX_LIST_BYTES)}, ≤ ${MAX_TOOLS} tools`,
      met: defaults.bytes <= MAX_LIST_BYTES && defaults.tools.length <= MAX_TOOLS,
      details: { bytes: defaults.bytes, tools: defaults.tools.map((t) => t.name) },
    },
    {
      measure: 'MCP tools/list, default read-only',
      value: `${kB(readOnly.bytes)}, ${readOnly.tools.length} tools`,
      target: `≤ ${kB(MAX_LIST_BYTES)}, ≤ ${MAX_TOOLS} tools`,
      met: readOnly.bytes <= MAX_LIST_BYTES && readOnly.tools.length <= MAX_TOOLS,
    },
    {
      measure: 'MCP tools/list, every tool (`--toolsets all`)',
      value: `${kB(every.bytes)}, ${every.tools.length} tools`,
      target: 'reported',
      met: true,
    },
    {
      measure: `MCP tools/list at ${tripled.operations.length} operations (the manifest tripled): default; every tool`,
      value: `${kB(projectedCore)}; ${kB(projectedAll)}`,
      target: `default ≤ ${kB(MAX_LIST_BYTES)}`,
      met: projectedCore <= MAX_LIST_BYTES,
    },
    {
      measure: 'MCP schema portability findings, every tool',
      value: `${findings.filter((f) => f.severity === 'error').length} errors, ${findings.filter((f) => f.severity === 'warning').length} warnings`,
      target: '0 and 0',
      met: findings.length === 0,
    },
  );

  // ---------- n8n ----------
  const dir = mkdtempSync(join(tmpdir(), 'n8n-surfaces-'));
  try {
    await buildN8nPackage(dir);
    engineFrom();
    const loaded = loadPackage(dir);
    const descriptions = readFileSync(
      resolve(import.meta.dirname, '../adapters/n8n/generated/descriptions.json'),
    );
    const node = JSON.stringify((loaded.nodes[NODE] as INodeType).description);
    const projected = JSON.stringify(n8nDescriptions(multiplied(connector.manifest, 3)).node);
    measures.push({
      measure: 'n8n node description (the JSON the editor receives)',
      value: `${kB(Buffer.byteLength(node))} (${kB(gzipSync(node).length)} gzipped), ${(loaded.nodes[NODE] as INodeType).description.properties.length} parameters; descriptions.json ${kB(descriptions.length)}`,
      target: 'reported',
      met: true,
    });
    measures.push({
      measure: 'n8n node parameters at 321 operations (the manifest tripled)',
      value: `${kB(Buffer.byteLength(projected))} (${kB(gzipSync(projected).length)} gzipped)`,
      target: 'reported',
      met: true,
    });
    const runs = Array.from({ length: RUNS }, () => {
      const out = execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', dir], {
        encoding: 'utf8',
      });
      return JSON.parse(out.trim().split('\n').pop() as string) as {
        load: number;
        resolve: number;
        operations: number;
        projected: number;
        projectedOperations: number;
      };
    });
    measures.push({
      measure: `n8n engine, CPU time: load the package; resolve the parameters of each of the ${runs[0]?.operations} operations`,
      value: `${fmt(median(runs.map((r) => r.load)), 1)} ms; ${fmt(median(runs.map((r) => r.resolve)), 1)} ms (${fmt(median(runs.map((r) => r.resolve)) / (runs[0]?.operations ?? 1), 2)} ms each)`,
      target: 'reported',
      met: true,
    });
    const projectedMs = median(runs.map((r) => r.projected));
    const projectedOps = runs[0]?.projectedOperations ?? 1;
    measures.push({
      measure: `n8n engine, CPU time: resolve the parameters of each of ${projectedOps} operations (the manifest tripled)`,
      value: `${fmt(projectedMs, 1)} ms (${fmt(projectedMs / projectedOps, 2)} ms each)`,
      target: 'reported',
      met: true,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // ---------- playground ----------
  const out = mkdtempSync(join(tmpdir(), 'playground-surfaces-'));
  try {
    await buildPlayground(out);
    const app = readFileSync(join(out, 'app.js'));
    measures.push({
      measure: 'playground bundle (app.js, production)',
      value: `${kB(statSync(join(out, 'app.js')).size)} (${kB(gzipSync(app).length)} gzipped)`,
      target: 'reported',
      met: true,
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }

  report('surfaces', measures);
}

if (process.argv[2] === '--child') n8nChild(process.argv[3] as string);
else await main();
