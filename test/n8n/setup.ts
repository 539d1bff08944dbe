import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { buildN8nPackage } from '../../adapters/n8n/build.js';
import type { IBinaryData, INodeExecutionData, INodeParameters } from '../../adapters/n8n/engine-types.js';
import { classify, fieldsOf, type JsonSchema } from '../../adapters/n8n/fields.js';
import type connector from '../../index.js';
import { type PipedriveStub, type StubRoute, startPipedriveStub } from '../helpers/pipedrive-stub.js';
import { registerSecret } from '../helpers/secrets.js';
import { createHarness, engineFrom, type Harness, loadPackage } from './harness.js';

export const N8N_TOKEN = 'n8n-token-3c2b1a09f8e7d6c5b4a3928170f6e5d4';
export const N8N_ACCESS_TOKEN = 'n8n-access-token-expired-0a1b2c3d4e5f';
export const N8N_FRESH_TOKEN = 'n8n-access-token-fresh-9f8e7d6c5b4a';
export const N8N_REFRESH_TOKEN = 'n8n-refresh-token-77aa66bb55cc44dd';
export const N8N_CLIENT_SECRET = 'n8n-client-secret-1234567890abcdef';
for (const secret of [N8N_TOKEN, N8N_ACCESS_TOKEN, N8N_FRESH_TOKEN, N8N_REFRESH_TOKEN, N8N_CLIENT_SECRET]) {
  registerSecret(secret);
}

export const NODE = 'n8n-nodes-pipedrive-connector.pipedriveConnector';
export const TRIGGER = 'n8n-nodes-pipedrive-connector.pipedriveConnectorTrigger';
export const POLL_TRIGGER = 'n8n-nodes-pipedrive-connector.pipedriveConnectorPollTrigger';
export const API_CREDENTIAL = { pipedriveConnectorApi: { id: 'cred-1', name: 'Pipedrive token' } };

/** The package built into a directory of its own, loaded into n8n's engine. */
async function setUpHarness(): Promise<{ harness: Harness; close(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'n8n-package-'));
  await buildN8nPackage(dir);
  const engine = engineFrom();
  const harness = createHarness(engine, [loadPackage(dir)]);
  return { harness, close: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * For the tests of a file (or of the describe block it is called in): a stand-in for Pipedrive answering `routes`
 * and the package loaded into n8n's engine, started before them and closed after them; PIPEDRIVE_API_URL names
 * the stand-in meanwhile (the node reads it). Before each test the token credential is stored again and the
 * stand-in's requests are cleared. `stub` and `harness` are read once the tests run.
 */
export function setUpN8nTests(routes: () => StubRoute[]): {
  readonly stub: PipedriveStub;
  readonly harness: Harness;
} {
  let stub: PipedriveStub | undefined;
  let setup: Awaited<ReturnType<typeof setUpHarness>> | undefined;
  beforeAll(async () => {
    stub = await startPipedriveStub({ token: N8N_TOKEN, routes: routes() });
    process.env.PIPEDRIVE_API_URL = stub.url;
    setup = await setUpHarness();
  });
  beforeEach(() => {
    setup?.harness.credentials.store.set('pipedriveConnectorApi', { apiToken: N8N_TOKEN });
    if (stub) stub.requests.length = 0;
  });
  afterAll(async () => {
    delete process.env.PIPEDRIVE_API_URL;
    setup?.close();
    await stub?.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the n8n harness's ${what} is read before it started`);
    return value;
  };
  return {
    get stub() {
      return started(stub, 'stub');
    },
    get harness() {
      return started(setup, 'engine').harness;
    },
  };
}

/** n8n's Limit for a list operation whose sample gives no page size. */
export const LIMIT = 100;

type ManifestOperation = (typeof connector.manifest.operations)[number];

/** A value as a person (or an expression) puts it into the n8n parameter describe.ts made for the field. */
function parameterValue(name: string, schema: JsonSchema, value: unknown): unknown {
  switch (classify(name, schema, false).kind) {
    case 'lookup':
      return { __rl: true, mode: 'id', value: String(value) };
    case 'json':
      return JSON.stringify(value);
    case 'list':
      return Array.isArray(value) ? value.join(', ') : value;
    case 'binary':
      // The binary property of the input item that holds the file (itemFor puts it there).
      return name;
    default:
      return value;
  }
}

/**
 * The input item of a workflow for an input: each file (`{ base64, name, type }`) as a binary property named
 * after its field, as an earlier node (Read Files from Disk, HTTP Request) would give it.
 */
export function itemFor(op: ManifestOperation, input: Record<string, unknown>): INodeExecutionData {
  const binary: Record<string, IBinaryData> = {};
  for (const field of fieldsOf(op).filter((f) => f.kind === 'binary')) {
    const file = input[field.name] as { base64: string; name?: string; type?: string } | undefined;
    if (!file) continue;
    binary[field.name] = {
      data: file.base64,
      mimeType: file.type ?? 'application/octet-stream',
      ...(file.name ? { fileName: file.name } : {}),
    };
  }
  return Object.keys(binary).length > 0 ? { json: {}, binary } : { json: {} };
}

/** The node's parameters for an input: required fields at the top, the others in Additional Fields. */
export function parametersFor(op: ManifestOperation, input: Record<string, unknown>): INodeParameters {
  const parameters: INodeParameters = { resource: op.resource, operation: op.name };
  const additional: Record<string, unknown> = {};
  for (const field of fieldsOf(op)) {
    if (!(field.name in input)) continue;
    const value = parameterValue(field.name, field.schema, input[field.name]);
    if (field.required) parameters[field.name] = value as never;
    else additional[field.name] = value;
  }
  if (Object.keys(additional).length > 0) parameters.additionalFields = additional as never;
  if (op.pagination) {
    parameters.returnAll = false;
    parameters.limit = (input.limit as number | undefined) ?? LIMIT;
  }
  return parameters;
}
