/**
 * `npm run test:n8n`: the built package in the real n8n (2.41.1 on Node 24, installed by scripts/ensure-n8n.sh),
 * as a community node, everything on 127.0.0.1 against a local stand-in for Pipedrive:
 *
 * 1. credentials and workflows imported with n8n's CLI; `n8n execute --id` runs a workflow of several
 *    operations (the requests the stand-in got are checked exactly);
 *    - a workflow with one operation of each newer family: a project, a task on it, a goal, a merge of deals
 *      (the requests checked exactly);
 *    - a workflow of files: n8n's Read/Write Files from Disk node reads a file (in the folder
 *      N8N_RESTRICT_FILE_ACCESS_TO allows), `add_file` attaches it to a deal, `download_file` gets it back (the
 *      stand-in serves the bytes it got), the same n8n node writes it to disk: the multipart upload (name, type)
 *      is checked, and the bytes uploaded and written back have the SHA-256 of the original (1 MiB; n8n keeps
 *      binary data on disk, its default mode, so the upload is read as a stream);
 * 2. `n8n start` with a published trigger workflow: the webhook is registered with n8n's webhook URL;
 *    Pipedrive-style deliveries (two events, a retried duplicate, one with bad credentials) make exactly one
 *    execution per event, the bad one is answered 401;
 *    with it, a published polling-trigger workflow (new deals, every minute): its first poll, when n8n starts,
 *    fires nothing (not even a deal added just before); two new deals then come out once each, and a further poll
 *    with nothing new adds no execution;
 * 3. the node's form in n8n's editor, in Chromium, saved as docs/n8n-node-form.png;
 * 4. the running n8n deactivates the trigger workflow: the webhook is deleted at the stand-in;
 * 5. no token or webhook password in n8n's log or in its execution data.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildN8nPackage, N8N_PACKAGE } from '../../adapters/n8n/build.js';
import { deal, ok, page } from '../fixtures/entities.js';
import { fileRecord } from '../fixtures/files.js';
import { note } from '../fixtures/notes.js';
import { project, projectField, task } from '../fixtures/projects.js';
import { dealV1, GOAL_ID, goal, goalsOk } from '../fixtures/records.js';
import { basic, v2Payload } from '../fixtures/webhooks.js';
import { launchChromium } from '../helpers/chromium.js';
import { type PipedriveStub, type StubRequest, startPipedriveStub } from '../helpers/pipedrive-stub.js';
import { type StubWebhook, webhookRoutes } from '../helpers/pipedrive-webhooks.js';
import { installFromEnv, installPackage, jsonOf, type N8n, prepareN8n, RestClient } from './n8n.js';

const TOKEN = 'n8n-e2e-token-5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d';
const OWNER = { email: 'owner@example.com', password: 'Owner-password-1' };
const NODE = `${N8N_PACKAGE}.pipedriveConnector`;
const TRIGGER = `${N8N_PACKAGE}.pipedriveConnectorTrigger`;
const POLL_TRIGGER = `${N8N_PACKAGE}.pipedriveConnectorPollTrigger`;
const CREDENTIAL = { pipedriveConnectorApi: { id: 'pdtoken00000001', name: 'Pipedrive token' } };
const WEBHOOK_ID = '3f2c1d0e-8b7a-4c6d-9e5f-1a2b3c4d5e6f';
const SCREENSHOT = fileURLToPath(new URL('../../docs/n8n-node-form.png', import.meta.url));

let stub: PipedriveStub;
let n8n: N8n;
let packageDir: string;
/** The one folder n8n's file nodes may read and write (N8N_RESTRICT_FILE_ACCESS_TO). */
let filesDir: string;
const pipedrive = webhookRoutes();

/** The file the files workflow reads from disk: a PDF header, then 1 MiB of random bytes. */
const CONTRACT = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(1024 * 1024)]);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** The bytes the stand-in got in the (last) upload: what it serves back as the file's download. */
const uploaded = () =>
  stub.requests.findLast((r) => r.method === 'POST' && r.path === '/v1/files')?.files?.file?.content;

/** Pipedrive's time format: RFC 3339, whole seconds. */
const secondsAgo = (seconds: number) =>
  new Date(Date.now() - seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The stand-in's deals: what `GET /api/v2/deals` lists (changed since `updated_since`, when given). */
const deals = [deal(1), deal(2, { title: 'Beta expansion' })];

function routes() {
  return [
    { method: 'GET', path: '/api/v2/dealFields', reply: page([]) },
    {
      method: 'POST',
      path: '/api/v2/deals',
      reply: (r: StubRequest) => ok(deal(102, r.body as Record<string, unknown>)),
    },
    {
      method: 'GET',
      path: '/api/v2/deals/{id}',
      reply: (r: StubRequest) => ok(deal(Number(r.path.split('/').pop()))),
    },
    {
      method: 'GET',
      path: '/api/v2/deals',
      reply: (r: StubRequest) => {
        const since = r.query.updated_since;
        return page(deals.filter((d) => !since || Date.parse(d.update_time) >= Date.parse(since)));
      },
    },
    {
      method: 'PATCH',
      path: '/api/v2/deals/{id}',
      reply: (r: StubRequest) => ok(deal(Number(r.path.split('/').pop()), r.body as Record<string, unknown>)),
    },
    {
      method: 'POST',
      path: '/v1/notes',
      reply: (r: StubRequest) => ok(note(801, r.body as Record<string, unknown>)),
    },
    { method: 'GET', path: '/api/v2/projectFields', reply: page([projectField()]) },
    {
      method: 'POST',
      path: '/api/v2/projects',
      reply: (r: StubRequest) => ok(project(31, r.body as Record<string, unknown>)),
    },
    {
      method: 'POST',
      path: '/api/v2/tasks',
      reply: (r: StubRequest) => ok(task(41, r.body as Record<string, unknown>), null),
    },
    {
      method: 'POST',
      path: '/v1/goals',
      reply: (r: StubRequest) => goalsOk({ goal: goal(r.body as Record<string, unknown>) }),
    },
    {
      method: 'PUT',
      path: '/v1/deals/{id}/merge',
      reply: (r: StubRequest) =>
        ok({ ...dealV1(101, { notes_count: 5 }), merge_what_id: Number(r.path.split('/')[3]) }),
    },
    {
      method: 'POST',
      path: '/v1/files',
      reply: (r: StubRequest) =>
        ok(
          fileRecord(503, {
            deal_id: Number((r.body as { deal_id: string }).deal_id),
            name: r.files?.file?.name,
            file_size: r.files?.file?.content.length,
          }),
        ),
    },
    {
      method: 'GET',
      path: '/v1/files/503/download',
      reply: () => uploaded(),
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': 'attachment; filename="contract.pdf"',
        'content-length': String(CONTRACT.length),
      },
    },
    ...pipedrive.routes,
  ];
}

const node = (name: string, position: number, parameters: Record<string, unknown>, extra: object = {}) => ({
  id: randomUUID(),
  name,
  type: NODE,
  typeVersion: 1,
  position: [position * 220, 0],
  parameters,
  credentials: CREDENTIAL,
  ...extra,
});

const chain = (names: string[]) =>
  Object.fromEntries(
    names.slice(0, -1).map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
  );

const manualTrigger = () => ({
  id: randomUUID(),
  name: 'Start',
  type: 'n8n-nodes-base.manualTrigger',
  typeVersion: 1,
  position: [0, 0],
  parameters: {},
});

const ADD_DEAL_NODE = randomUUID();

/** Several operations in a row: add a deal, read it back, list open deals, mark each of them won. */
const operationsWorkflow = {
  id: 'wfops0000000001',
  name: 'Pipedrive operations',
  active: false,
  settings: { executionOrder: 'v1' },
  nodes: [
    manualTrigger(),
    node(
      'Add deal',
      1,
      {
        resource: 'deals',
        operation: 'add_deal',
        title: 'Acme renewal 2026',
        additionalFields: {
          value: 12000,
          currency: { __rl: true, mode: 'id', value: 'EUR' },
          expected_close_date: '2026-12-31T00:00:00',
          visible_to: 3,
        },
      },
      { id: ADD_DEAL_NODE },
    ),
    node('Get deal', 2, { resource: 'deals', operation: 'get_deal', id: '={{ $json.id }}' }),
    node('List deals', 3, {
      resource: 'deals',
      operation: 'list_deals',
      limit: 2,
      additionalFields: { status: ['open'], sort_by: 'update_time' },
    }),
    node('Mark won', 4, {
      resource: 'deals',
      operation: 'update_deal',
      id: '={{ $json.id }}',
      additionalFields: { status: 'won' },
    }),
  ],
  connections: chain(['Start', 'Add deal', 'Get deal', 'List deals', 'Mark won']),
};

/** One operation of each newer family: a project, a task on it, a goal, a merge of two deals. */
const familiesWorkflow = {
  id: 'wffam0000000001',
  name: 'Pipedrive projects, tasks, goals and merges',
  active: false,
  settings: { executionOrder: 'v1' },
  nodes: [
    manualTrigger(),
    node('Add project', 1, {
      resource: 'projects',
      operation: 'add_project',
      title: 'Acme onboarding',
      additionalFields: {
        board_id: { __rl: true, mode: 'id', value: '1' },
        phase_id: { __rl: true, mode: 'id', value: '11' },
        start_date: '2026-12-07T00:00:00',
      },
    }),
    node('Add task', 2, {
      resource: 'tasks',
      operation: 'add_task',
      title: 'Send the welcome pack',
      project_id: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
      additionalFields: { due_date: '2026-12-14T00:00:00' },
    }),
    node('Add goal', 3, {
      resource: 'goals',
      operation: 'add_goal',
      type: JSON.stringify({ name: 'deals_won', params: { pipeline_id: [1] } }),
      assignee: JSON.stringify({ id: 11, type: 'person' }),
      expected_outcome: JSON.stringify({ target: 10, tracking_metric: 'quantity' }),
      duration: JSON.stringify({ start: '2027-01-01', end: '2027-03-31' }),
      interval: 'monthly',
      additionalFields: { title: 'Deals won in Q1' },
    }),
    node('Merge deals', 4, {
      resource: 'deals',
      operation: 'merge_deals',
      id: { __rl: true, mode: 'id', value: '102' },
      merge_with_id: { __rl: true, mode: 'id', value: '101' },
    }),
  ],
  connections: chain(['Start', 'Add project', 'Add task', 'Add goal', 'Merge deals']),
};

/** n8n's Read/Write Files from Disk node (in the folder n8n may use). */
const diskNode = (name: string, position: number, parameters: Record<string, unknown>) => ({
  id: randomUUID(),
  name,
  type: 'n8n-nodes-base.readWriteFile',
  typeVersion: 1.1,
  position: [position * 220, 0],
  parameters,
});

/** A file from disk attached to a deal, downloaded back and written to disk again. */
const filesWorkflow = () => ({
  id: 'wffile000000001',
  name: 'Pipedrive files',
  active: false,
  settings: { executionOrder: 'v1' },
  nodes: [
    manualTrigger(),
    diskNode('Read file', 1, {
      operation: 'read',
      fileSelector: join(filesDir, 'contract.pdf'),
      options: {},
    }),
    node('Attach to deal', 2, {
      resource: 'files',
      operation: 'add_file',
      file: 'data',
      additionalFields: { deal_id: { __rl: true, mode: 'id', value: '101' } },
    }),
    node('Download', 3, {
      resource: 'files',
      operation: 'download_file',
      id: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
      binaryPropertyName: 'downloaded',
    }),
    diskNode('Write file', 4, {
      operation: 'write',
      fileName: join(filesDir, 'downloaded.pdf'),
      dataPropertyName: 'downloaded',
      options: {},
    }),
  ],
  connections: chain(['Start', 'Read file', 'Attach to deal', 'Download', 'Write file']),
});

/** A published trigger: every updated deal becomes a note on it (one note per execution). */
const triggerWorkflow = {
  id: 'wftrig000000001',
  name: 'Pipedrive trigger',
  active: false,
  settings: { executionOrder: 'v1' },
  nodes: [
    {
      id: randomUUID(),
      name: 'Deal updated',
      type: TRIGGER,
      typeVersion: 1,
      position: [0, 0],
      webhookId: WEBHOOK_ID,
      parameters: { trigger: 'updated_deal' },
      credentials: CREDENTIAL,
    },
    node('Note it', 1, {
      resource: 'notes',
      operation: 'add_note',
      content: '={{ $json.event_id }}',
      additionalFields: { deal_id: { __rl: true, mode: 'id', value: '={{ $json.entity_id }}' } },
    }),
  ],
  connections: chain(['Deal updated', 'Note it']),
};

/** A published polling trigger: each new deal (polled every minute) is read in full (one read per deal). */
const pollWorkflow = {
  id: 'wfpoll000000001',
  name: 'Pipedrive poll trigger',
  active: false,
  settings: { executionOrder: 'v1' },
  nodes: [
    {
      id: randomUUID(),
      name: 'New deal',
      type: POLL_TRIGGER,
      typeVersion: 1,
      position: [0, 0],
      parameters: { trigger: 'new_deal', pollTimes: { item: [{ mode: 'everyMinute' }] } },
      credentials: CREDENTIAL,
    },
    node('Read it', 1, { resource: 'deals', operation: 'get_deal', id: '={{ $json.entity_id }}' }),
  ],
  connections: chain(['New deal', 'Read it']),
};

async function until<T>(what: string, check: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  try {
    return await vi.waitFor(
      () => {
        const value = check();
        if (value === undefined || value === false) throw new Error(`not yet: ${what}`);
        return value;
      },
      { timeout: timeoutMs, interval: 100 },
    );
  } catch {
    throw new Error(`timed out waiting for ${what}\n${n8n.log().slice(-4000)}`);
  }
}

type RunData = {
  data: {
    resultData: {
      runData: Record<
        string,
        {
          data: {
            main: { json: Record<string, unknown>; binary?: Record<string, Record<string, unknown>> }[][];
          };
        }[]
      >;
    };
  };
};

/** `n8n execute --id`: the JSON, and the binary data's metadata, of the items each node gave, by node name. */
async function execute(workflowId: string) {
  const output = await n8n.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
  const run = jsonOf(output) as RunData;
  const of = (name: string) => run.data.resultData.runData[name]?.[0]?.data.main[0] ?? [];
  return {
    items: (name: string) => of(name).map((i) => i.json),
    binary: (name: string) => of(name).map((i) => i.binary),
  };
}

const requestsTo = (method: string, path: RegExp) =>
  stub.requests.filter((r) => r.method === method && path.test(r.path));
const shape = (r: StubRequest) => ({ method: r.method, path: r.path, query: r.query, body: r.body });

beforeAll(async () => {
  stub = await startPipedriveStub({ token: TOKEN, routes: routes() as never });
  packageDir = mkdtempSync(join(tmpdir(), 'n8n-package-'));
  filesDir = mkdtempSync(join(tmpdir(), 'n8n-files-'));
  writeFileSync(join(filesDir, 'contract.pdf'), CONTRACT);
  await buildN8nPackage(packageDir);
  n8n = await prepareN8n(installFromEnv(), {
    PIPEDRIVE_API_URL: stub.url,
    N8N_RESTRICT_FILE_ACCESS_TO: filesDir,
  });
  installPackage(n8n.userFolder, packageDir, N8N_PACKAGE);
});

afterAll(async () => {
  await n8n?.stop();
  await stub?.close();
  rmSync(packageDir, { recursive: true, force: true });
  if (filesDir) rmSync(filesDir, { recursive: true, force: true });
  if (n8n) rmSync(n8n.userFolder, { recursive: true, force: true });
});

describe('the package in the real n8n', () => {
  it("imports credentials and workflows with n8n's CLI; `n8n execute --id` runs several operations", async () => {
    const files = mkdtempSync(join(tmpdir(), 'n8n-import-'));
    const write = (name: string, data: unknown) => {
      const path = join(files, name);
      writeFileSync(path, JSON.stringify(data));
      return path;
    };
    await n8n.cli([
      'import:credentials',
      `--input=${write('credentials.json', [{ ...CREDENTIAL.pipedriveConnectorApi, type: 'pipedriveConnectorApi', data: { apiToken: TOKEN } }])}`,
    ]);
    await n8n.cli([
      'import:workflow',
      `--input=${write('workflows.json', [operationsWorkflow, familiesWorkflow, filesWorkflow(), triggerWorkflow, pollWorkflow])}`,
    ]);
    rmSync(files, { recursive: true, force: true });

    const { items } = await execute(operationsWorkflow.id);
    expect(items('Add deal')).toMatchObject([{ id: 102, title: 'Acme renewal 2026' }]);
    expect(items('Get deal')).toMatchObject([{ id: 102 }]);
    expect(items('List deals').map((d) => d.id)).toEqual([1, 2]);
    expect(items('Mark won')).toMatchObject([
      { id: 1, status: 'won' },
      { id: 2, status: 'won' },
    ]);

    const sent = stub.requests.filter((r) => r.path !== '/api/v2/dealFields').map(shape);
    expect(sent).toEqual([
      {
        method: 'POST',
        path: '/api/v2/deals',
        query: {},
        body: {
          title: 'Acme renewal 2026',
          value: 12000,
          currency: 'EUR',
          expected_close_date: '2026-12-31',
          visible_to: 3,
        },
      },
      { method: 'GET', path: '/api/v2/deals/102', query: {}, body: undefined },
      {
        method: 'GET',
        path: '/api/v2/deals',
        query: { status: 'open', sort_by: 'update_time', limit: '2' },
        body: undefined,
      },
      { method: 'PATCH', path: '/api/v2/deals/1', query: {}, body: { status: 'won' } },
      { method: 'PATCH', path: '/api/v2/deals/2', query: {}, body: { status: 'won' } },
    ]);
    expect(stub.requests.every((r) => r.headers['x-api-token'] === TOKEN)).toBe(true);
  });

  it('runs one operation of each newer family: a project, a task on it, a goal, a merge', async () => {
    const from = stub.requests.length;
    const { items } = await execute(familiesWorkflow.id);
    expect(items('Add project')).toMatchObject([
      { id: 31, title: 'Acme onboarding', board_id: 1, phase_id: 11 },
    ]);
    expect(items('Add task')).toMatchObject([{ id: 41, title: 'Send the welcome pack', project_id: 31 }]);
    expect(items('Add goal')).toMatchObject([
      { goal: { id: GOAL_ID, title: 'Deals won in Q1', interval: 'monthly' } },
    ]);
    expect(items('Merge deals')).toMatchObject([{ id: 101, merge_what_id: 102 }]);

    const sent = stub.requests.slice(from).filter((r) => r.path !== '/api/v2/projectFields');
    expect(sent.map(shape)).toEqual([
      {
        method: 'POST',
        path: '/api/v2/projects',
        query: {},
        body: { title: 'Acme onboarding', board_id: 1, phase_id: 11, start_date: '2026-12-07' },
      },
      {
        method: 'POST',
        path: '/api/v2/tasks',
        query: {},
        body: { title: 'Send the welcome pack', project_id: 31, due_date: '2026-12-14' },
      },
      {
        method: 'POST',
        path: '/v1/goals',
        query: {},
        body: {
          title: 'Deals won in Q1',
          type: { name: 'deals_won', params: { pipeline_id: [1] } },
          assignee: { id: 11, type: 'person' },
          expected_outcome: { target: 10, tracking_metric: 'quantity' },
          duration: { start: '2027-01-01', end: '2027-03-31' },
          interval: 'monthly',
        },
      },
      { method: 'PUT', path: '/v1/deals/102/merge', query: {}, body: { merge_with_id: 101 } },
    ]);
    expect(sent.every((r) => r.headers['x-api-token'] === TOKEN)).toBe(true);
  });

  it('reads a file from disk, attaches it to a deal, downloads it back: the same bytes (SHA-256)', async () => {
    const from = stub.requests.length;
    const { items, binary } = await execute(filesWorkflow().id);
    // n8n keeps the file on disk (its default binary mode), not in the item: the node reads it as a stream.
    expect(binary('Read file')).toEqual([
      {
        data: expect.objectContaining({
          id: expect.stringMatching(/^filesystem/),
          fileName: 'contract.pdf',
          mimeType: 'application/pdf',
        }),
      },
    ]);
    expect(items('Attach to deal')).toMatchObject([{ id: 503, deal_id: 101, name: 'contract.pdf' }]);
    expect(items('Download')).toEqual([
      { name: 'contract.pdf', type: 'application/pdf', size: CONTRACT.length },
    ]);

    const sent = stub.requests.slice(from);
    expect(sent.map(shape)).toEqual([
      { method: 'POST', path: '/v1/files', query: {}, body: { deal_id: '101' } },
      { method: 'GET', path: '/v1/files/503/download', query: {}, body: undefined },
    ]);
    const file = sent[0]?.files?.file;
    expect({ ...file, content: undefined }).toEqual({
      name: 'contract.pdf',
      type: 'application/pdf',
      content: undefined,
    });
    // What Pipedrive got, and what n8n wrote to disk from the download, are the file read from disk.
    expect(sha256(file?.content ?? Buffer.alloc(0))).toBe(sha256(CONTRACT));
    expect(sha256(readFileSync(join(filesDir, 'downloaded.pdf')))).toBe(sha256(CONTRACT));
  });

  describe('published trigger workflows in the running n8n', () => {
    const url = () => `${n8n.url}/webhook/${WEBHOOK_ID}/webhook`;
    const deliver = (body: unknown, authorization: string) =>
      fetch(url(), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify(body),
      });
    const rest = () => new RestClient(n8n.url);
    let client: RestClient;
    /** The executions of a workflow, newest first, as n8n's REST API lists them. */
    const executionsOf = async (workflowId: string) => {
      const filter = encodeURIComponent(JSON.stringify({ workflowId }));
      const answer = await client.request('GET', `/executions?filter=${filter}`);
      expect(answer.status).toBe(200);
      return (answer.body as { data: { results: { status: string }[] } }).data.results;
    };
    const unfinished = (executions: { status: string }[]) =>
      executions.filter((e) => ['new', 'running'].includes(e.status));
    /** The poll trigger's polls (nothing else lists deals once n8n runs), and the deals its workflow read. */
    const polls = () => requestsTo('GET', /^\/api\/v2\/deals$/);
    const read = () =>
      requestsTo('GET', /^\/api\/v2\/deals\/\d+$/).map((r) => Number(r.path.split('/').pop()));
    const NEW_DEALS = [201, 202];

    beforeAll(async () => {
      await n8n.cli(['publish:workflow', `--id=${triggerWorkflow.id}`]);
      await n8n.cli(['publish:workflow', `--id=${pollWorkflow.id}`]);
      // Added just before the poll trigger is enabled: not new for it.
      deals.push(
        deal(3, { title: 'Added before enabling', add_time: secondsAgo(30), update_time: secondsAgo(30) }),
      );
      stub.requests.length = 0;
      await n8n.start();
      client = rest();
      await client.setUpOwner(OWNER);
    });

    it('polls for new deals once when n8n enables the poll trigger; then two deals are added', async () => {
      const first = await until('the poll at activation', () => polls()[0]);
      expect(first.query).toEqual({
        updated_since: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        sort_by: 'update_time',
        sort_direction: 'asc',
        limit: '500',
      });
      expect(first.headers['x-api-token']).toBe(TOKEN);
      // The stand-in listed deal 3 to that poll; the next poll, a minute later at most, gets these two as well.
      expect(
        deals
          .filter((d) => Date.parse(d.update_time) >= Date.parse(first.query.updated_since ?? ''))
          .map((d) => d.id),
      ).toEqual([3]);
      const now = secondsAgo(0);
      deals.push(
        ...NEW_DEALS.map((id) => deal(id, { title: `New deal ${id}`, add_time: now, update_time: now })),
      );
    });

    it("registers the webhook with n8n's webhook URL and its own Basic credentials", async () => {
      const registered = await until(
        'the webhook registration',
        () => requestsTo('POST', /^\/v1\/webhooks$/)[0],
      );
      expect(registered.body).toEqual({
        subscription_url: url(),
        event_action: 'change',
        event_object: 'deal',
        name: expect.stringContaining('Updated deal'),
        version: '2.0',
        http_auth_user: expect.stringMatching(/^pdc_[\w-]{22}$/),
        http_auth_password: expect.stringMatching(/^[\w-]{43}$/),
      });
    });

    it('makes exactly one execution per event: a retried duplicate is dropped, bad credentials get 401', async () => {
      const webhook = pipedrive.state.webhooks[0] as StubWebhook;
      const auth = basic(webhook.http_auth_user, webhook.http_auth_password);
      const first = v2Payload({ action: 'change', webhookId: webhook.id, entityId: 101 });
      const second = v2Payload({ action: 'change', webhookId: webhook.id, entityId: 102 });
      // n8n keeps the node's state (the webhook's credentials) a moment after Pipedrive got the registration:
      // until then a delivery is answered 410 and runs nothing, so the first one is sent until n8n has it.
      const accepted = await vi.waitFor(
        async () => {
          const answer = await deliver(first, auth);
          if (answer.status === 410) throw new Error('n8n has not kept the webhook yet');
          return answer;
        },
        { timeout: 30_000, interval: 200 },
      );
      expect(accepted.status).toBe(200);
      expect((await deliver(second, auth)).status).toBe(200);
      // Pipedrive's retry of the first event (same meta.id, next attempt): accepted, not run again.
      expect((await deliver({ ...first, meta: { ...first.meta, attempt: 2 } }, auth)).status).toBe(200);
      const forged = await deliver(
        v2Payload({ action: 'change', webhookId: webhook.id, entityId: 103 }),
        basic(webhook.http_auth_user, 'not-the-password'),
      );
      expect(forged.status).toBe(401);

      // The trigger decided for each delivery before n8n answered it, and n8n starts a run right after its answer:
      // once two runs have finished, a third (the retry run again) would long have started, and the notes are in.
      const executions = () => executionsOf(triggerWorkflow.id);
      await vi.waitFor(
        async () => {
          const found = await executions();
          expect(found.length).toBeGreaterThanOrEqual(2);
          expect(unfinished(found)).toEqual([]);
        },
        { timeout: 60_000, interval: 250 },
      );
      const notes = requestsTo('POST', /^\/v1\/notes$/);
      expect(notes).toHaveLength(2);
      expect(
        notes
          .map((n) => n.body)
          .sort((a, b) =>
            String((a as { deal_id: number }).deal_id).localeCompare(
              String((b as { deal_id: number }).deal_id),
            ),
          ),
      ).toEqual([
        { content: first.meta.id, deal_id: 101 },
        { content: second.meta.id, deal_id: 102 },
      ]);
      expect((await executions()).map((e) => e.status)).toEqual(['success', 'success']);
    });

    it("shows the node's form in n8n's editor (screenshot for docs/n8n.md)", async () => {
      const profile = mkdtempSync(join(tmpdir(), 'chromium-'));
      const context = await launchChromium(profile);
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        await page.goto(`${n8n.url}/signin`);
        await page
          .locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]')
          .first()
          .fill(OWNER.email);
        await page.locator('input[type="password"]').first().fill(OWNER.password);
        await page.keyboard.press('Enter');
        await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 60_000 });
        // The editor's link to a node opens its form (n8n's node details view).
        await page.goto(`${n8n.url}/workflow/${operationsWorkflow.id}/${ADD_DEAL_NODE}`);
        try {
          await page.getByText('Additional Fields').first().waitFor({ timeout: 60_000 });
          await page
            .getByText('Acme renewal 2026')
            .first()
            .waitFor({ timeout: 10_000 })
            .catch(() => undefined);
          await expect.poll(() => page.getByText('Title', { exact: true }).count()).toBeGreaterThan(0);
        } catch (error) {
          await page.screenshot({ path: join(process.cwd(), 'test-results/n8n-editor-failure.png') });
          throw error;
        }
        await page.waitForTimeout(1500);
        await page.screenshot({ path: SCREENSHOT });
      } finally {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      }
    });

    it('deleting the webhook at Pipedrive when the running n8n deactivates the workflow', async () => {
      const webhook = pipedrive.state.webhooks[0] as StubWebhook;
      const answer = await client.request('POST', `/workflows/${triggerWorkflow.id}/deactivate`, {});
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      await until(
        'the webhook deletion',
        () => requestsTo('DELETE', new RegExp(`^/v1/webhooks/${webhook.id}$`))[0],
      );
      expect(pipedrive.state.webhooks).toEqual([]);
    });

    it('the poll trigger fires once per new deal, nothing older; a poll with nothing new adds no execution', async () => {
      const executions = () => executionsOf(pollWorkflow.id);
      // n8n polls at a random second of each minute: the first poll after the deals were added reads both.
      await vi.waitFor(
        async () => {
          expect(read()).toHaveLength(NEW_DEALS.length);
          expect(unfinished(await executions())).toEqual([]);
        },
        { timeout: 90_000, interval: 500 },
      );
      expect(read().sort()).toEqual(NEW_DEALS);
      const fired = await executions();
      expect(fired.map((e) => e.status)).toEqual(fired.map(() => 'success'));
      expect(fired.length).toBeGreaterThan(0);

      // The next poll finds nothing new; once the one after it has begun, that poll has long finished.
      const seen = polls().length;
      await until('two more polls', () => polls().length >= seen + 2, 150_000);
      await vi.waitFor(async () => expect(unfinished(await executions())).toEqual([]), {
        timeout: 30_000,
        interval: 250,
      });
      expect(await executions()).toEqual(fired);
      expect(read().sort()).toEqual(NEW_DEALS);
    });
  });

  it("keeps tokens and webhook passwords out of n8n's log and execution data", async () => {
    await n8n.stop();
    const passwords = stub.requests
      .filter((r) => r.method === 'POST' && r.path === '/v1/webhooks')
      .map((r) => (r.body as StubWebhook).http_auth_password);
    const secrets = [TOKEN, ...passwords];
    expect(passwords.length).toBeGreaterThan(0);
    const log = n8n.log();
    expect(log.length).toBeGreaterThan(1000);
    for (const secret of secrets) expect(log).not.toContain(secret);
    const db = new Database(join(n8n.userFolder, '.n8n/database.sqlite'), { readonly: true });
    try {
      const rows = db.prepare('SELECT data FROM execution_data').all() as { data: string }[];
      expect(rows.length).toBeGreaterThanOrEqual(3);
      for (const { data } of rows) for (const secret of secrets) expect(data).not.toContain(secret);
    } finally {
      db.close();
    }
  });
});
