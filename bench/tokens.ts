/**
 * Tokens of Pipedrive's daily budget that a reference workload spends: on a deal event, read the deal with its
 * custom fields by name, find or create the person by e-mail, update the deal (its person), add a note; 1,000
 * events over 200 e-mail addresses (200 persons created, 800 found). Our node (the built package) beside n8n's
 * own Pipedrive node (n8n-nodes-base 2.41.1, PipedriveV2), each in n8n-core's `WorkflowExecute` of the real n8n
 * (as bench/n8n.ts), against one local stub that records every request. n8n has no find-or-create: its workflow
 * searches the person by e-mail (exact) and creates one when the search finds none (an IF node, which makes no
 * request; here the bench takes the branch).
 *
 * Tokens are counted from the requests the stub saw, priced with Pipedrive's per-endpoint `x-token-cost` from its
 * OpenAPI documents (v2, then v1; PIPEDRIVE_SPEC_DIR or ../shared/pipedrive), or, for an endpoint they publish no
 * cost for (the v2 field lists), the connector's declared estimate. Target: ours ≤ 0.5× theirs.
 *
 * Runs under Node 24 (n8n 2.41 needs it): started with an older Node, it starts itself again with Node 24
 * (bench/n8n-engine.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { operations } from '../operations/index.js';
import { deal as fixtureDeal } from '../test/fixtures/entities.js';
import { person as fixturePerson } from '../test/fixtures/persons.js';
import { type NodeSpec, runWorkflow } from '../test/n8n/harness.js';
import { fmt, type Measure, report } from './lib.js';
import { n8nWithBothNodes, onNode24 } from './n8n-engine.js';

onNode24(import.meta.filename);

const root = resolve(import.meta.dirname, '..');
const EVENTS = Number(process.env.TOKENS_EVENTS ?? 1000);
const PEOPLE = 200;
const TOKEN = 'bench-token';
const SEGMENT = 'a'.repeat(40);

// ---------- the price list ----------

type Json = Record<string, unknown>;
const specDir = process.env.PIPEDRIVE_SPEC_DIR ?? resolve(root, '..', 'shared', 'pipedrive');

/** `METHOD /prefix/template` → published cost, from the v2 and v1 documents. */
function publishedCosts(): { match: RegExp; method: string; cost: number; endpoint: string }[] {
  const prices: { match: RegExp; method: string; cost: number; endpoint: string }[] = [];
  for (const [file, prefix] of [
    ['openapi-v2.yaml', '/api/v2'],
    ['openapi-v1.yaml', '/v1'],
  ] as const) {
    const path = join(specDir, file);
    if (!existsSync(path))
      throw new Error(`${path} is missing: set PIPEDRIVE_SPEC_DIR to Pipedrive's documents`);
    const doc = parse(readFileSync(path, 'utf8')) as { paths: Record<string, Record<string, Json>> };
    for (const [template, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const cost = operation?.['x-token-cost'];
        if (typeof cost !== 'number') continue;
        prices.push({
          match: new RegExp(`^${prefix}${template.replace(/\{\w+\}/g, '[^/]+')}$`),
          method: method.toUpperCase(),
          cost,
          endpoint: `${method.toUpperCase()} ${prefix}${template}`,
        });
      }
    }
  }
  // Our declared costs (published ones, or the estimate of the same kind of call) for the rest.
  for (const op of operations) {
    if (op.raw || op.tokenCost === 'endpoint') continue;
    const prefix = op.api === 'v2' ? '/api/v2' : '/v1';
    prices.push({
      match: new RegExp(`^${prefix}${op.path.replace(/\{\w+\}/g, '[^/]+')}$`),
      method: op.method,
      cost: typeof op.tokenCost === 'number' ? op.tokenCost : op.tokenCost.estimated,
      endpoint: `${op.method} ${prefix}${op.path} (estimated)`,
    });
  }
  // A literal path before a template that also matches it (`/persons/search` before `/persons/{id}`).
  const params = (endpoint: string) => (endpoint.match(/\{/g) ?? []).length;
  return prices.sort((a, b) => params(a.endpoint) - params(b.endpoint));
}

// ---------- the stub: deals with a custom field, persons kept, notes ----------

interface Seen {
  method: string;
  path: string;
}

function startStub() {
  const seen: Seen[] = [];
  const persons = new Map<number, ReturnType<typeof fixturePerson>>();
  let nextPerson = 5000;
  let nextNote = 1;
  const fields = [
    { field_code: 'title', field_name: 'Title', field_type: 'varchar', is_custom_field: false },
    { field_code: SEGMENT, field_name: 'Segment', field_type: 'varchar', is_custom_field: true },
  ];
  const v1Fields = fields.map((f) => ({
    key: f.field_code,
    name: f.field_name,
    field_type: f.field_type,
    edit_flag: f.is_custom_field,
  }));
  const deal = (id: number, body: Json = {}) =>
    fixtureDeal(id, { title: `Deal ${id}`, custom_fields: { [SEGMENT]: 'Enterprise' }, ...body });
  const emailOf = (p: ReturnType<typeof fixturePerson>) => (p.emails[0] as { value: string }).value;

  const answer = (req: IncomingMessage, url: URL, body: Json): unknown => {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const id = Number(path.split('/').pop());
    const v1 = path.startsWith('/v1/');
    const list = (data: unknown[]) =>
      v1
        ? { success: true, data, additional_data: { pagination: { more_items_in_collection: false } } }
        : { success: true, data, additional_data: { next_cursor: null } };
    if (/\/(dealFields|personFields)$/.test(path))
      return list(v1 ? v1Fields : path.endsWith('dealFields') ? fields : []);
    if (/\/deals\/\d+$/.test(path)) return { success: true, data: deal(id, method === 'GET' ? {} : body) };
    if (path.endsWith('/persons/search')) {
      const term = String(url.searchParams.get('term') ?? '').toLowerCase();
      const items = [...persons.values()]
        .filter((p) => emailOf(p).toLowerCase() === term)
        .map((p) => ({
          result_score: 1,
          item: {
            id: p.id,
            type: 'person',
            name: p.name,
            emails: [emailOf(p)],
            phones: [],
            custom_fields: [],
          },
        }));
      return {
        success: true,
        data: { items },
        additional_data: v1 ? { pagination: { more_items_in_collection: false } } : { next_cursor: null },
      };
    }
    if (/\/persons$/.test(path) && method === 'POST') {
      const given = body.emails as { value: string; primary?: boolean }[] | undefined;
      const created = fixturePerson(++nextPerson, {
        name: String(body.name ?? ''),
        emails: (given ?? []).map((e) => ({ value: e.value, primary: e.primary ?? true, label: 'work' })),
        org_id: null,
        custom_fields: {},
      });
      persons.set(created.id, created);
      return { success: true, data: created };
    }
    if (/\/persons\/\d+$/.test(path)) return { success: true, data: persons.get(id) ?? null };
    if (path.endsWith('/notes') && method === 'POST') {
      return {
        success: true,
        data: {
          id: nextNote++,
          content: body.content,
          deal_id: body.deal_id ?? null,
          add_time: '2026-12-05 10:00:00',
          active_flag: true,
        },
      };
    }
    return undefined;
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stub');
      seen.push({ method: req.method ?? 'GET', path: url.pathname });
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = (raw ? JSON.parse(raw) : {}) as Json;
      const data = answer(req, url, body);
      res.writeHead(data === undefined ? 404 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(data ?? { success: false, error: `No stub for ${req.method} ${url.pathname}` }));
    });
  });
  return new Promise<{ url: string; seen: Seen[]; reset(): void; close(): void }>((done) =>
    server.listen(0, '127.0.0.1', () =>
      done({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        seen,
        // Each contender starts from an account without the workload's persons.
        reset: () => persons.clear(),
        close: () => server.close(),
      }),
    ),
  );
}

// ---------- the workload ----------

async function main() {
  const prices = publishedCosts();
  const priceOf = (request: Seen) => {
    const price = prices.find((p) => p.method === request.method && p.match.test(request.path));
    if (!price) throw new Error(`no price for ${request.method} ${request.path}`);
    return price;
  };

  const stub = await startStub();
  const bench = await n8nWithBothNodes(stub.url, TOKEN);
  const { harness } = bench;
  const node = bench.ours;
  const n8nNode = bench.theirs;
  const step = async (spec: NodeSpec) => {
    const result = await runWorkflow(harness, [spec]);
    if (result.error) throw new Error(`${spec.type}: ${result.error.message}`);
    return (Object.values(result.output)[0] ?? []).map((item) => item.json as Json);
  };
  const event = (i: number) => ({
    dealId: i + 1,
    email: `person${i % PEOPLE}@example.com`,
    name: `Person ${i % PEOPLE}`,
  });

  const workloads = {
    ours: async (i: number) => {
      const { dealId, email, name } = event(i);
      const [found] = await step(node({ resource: 'deals', operation: 'get_deal', id: dealId }));
      if ((found?.custom_fields_by_name as Json | undefined)?.Segment !== 'Enterprise')
        throw new Error('ours: the deal has no custom field by name');
      const [person] = await step(
        node({ resource: 'persons', operation: 'find_or_create_person', email, additionalFields: { name } }),
      );
      await step(
        node({
          resource: 'deals',
          operation: 'update_deal',
          id: dealId,
          additionalFields: { person_id: person?.id },
        }),
      );
      await step(
        node({
          resource: 'notes',
          operation: 'add_note',
          content: `Event ${i}`,
          additionalFields: { deal_id: dealId },
        }),
      );
    },
    n8n: async (i: number) => {
      const { dealId, email, name } = event(i);
      const [found] = await step(n8nNode({ resource: 'deal', operation: 'get', dealId }));
      if (
        found?.Segment !== 'Enterprise' &&
        (found?.custom_fields as Json | undefined)?.Segment !== 'Enterprise'
      )
        throw new Error(`n8n: the deal has no custom field by name: ${JSON.stringify(found).slice(0, 300)}`);
      const hits = await step(
        n8nNode({
          resource: 'person',
          operation: 'search',
          term: email,
          exactMatch: true,
          returnAll: false,
          limit: 1,
          additionalFields: { fields: ['email'] },
        }),
      );
      let personId = hits.find((hit) => hit.id !== undefined)?.id;
      if (personId === undefined) {
        const [created] = await step(
          n8nNode({
            resource: 'person',
            operation: 'create',
            name,
            additionalFields: {
              emails: { emailProperties: [{ value: email, primary: true, label: 'work' }] },
            },
          }),
        );
        personId = created?.id;
      }
      await step(
        n8nNode({ resource: 'deal', operation: 'update', dealId, updateFields: { person_id: personId } }),
      );
      await step(
        n8nNode({
          resource: 'note',
          operation: 'create',
          content: `Event ${i}`,
          additionalFields: { deal_id: dealId },
        }),
      );
    },
  };

  const totals: Record<string, { tokens: number; requests: number; byEndpoint: Record<string, number> }> = {};
  try {
    for (const [who, run] of Object.entries(workloads)) {
      stub.reset();
      const from = stub.seen.length;
      for (let i = 0; i < EVENTS; i++) await run(i);
      const requests = stub.seen.slice(from);
      const byEndpoint: Record<string, number> = {};
      let tokens = 0;
      for (const request of requests) {
        const price = priceOf(request);
        tokens += price.cost;
        byEndpoint[price.endpoint] = (byEndpoint[price.endpoint] ?? 0) + price.cost;
      }
      totals[who] = { tokens, requests: requests.length, byEndpoint };
      console.error(`${who}: ${fmt(tokens)} tokens in ${fmt(requests.length)} requests`, byEndpoint);
    }
  } finally {
    stub.close();
    bench.close();
  }
  const oursTokens = totals.ours?.tokens ?? Number.NaN;
  const theirTokens = totals.n8n?.tokens ?? Number.NaN;
  const measures: Measure[] = [
    {
      measure: `tokens of ${fmt(EVENTS)} events (read deal, find-or-create person, update deal, add note), ours vs n8n's Pipedrive node`,
      value: `${fmt(oursTokens)} vs ${fmt(theirTokens)}`,
      ratio: `${(oursTokens / theirTokens).toFixed(2)}×`,
      target: '≤ 0.5× their tokens',
      met: oursTokens <= 0.5 * theirTokens,
      details: totals,
    },
  ];
  report('tokens', measures);
}

await main();
