/**
 * Property-based fuzzing of every operation's input, from the manifest's JSON Schemas: 10,000+ cases in all.
 * A valid input sends exactly one well-formed request (method, path under /api/v2 or /v1, the declared query and
 * body fields, JSON, the token in its header and nowhere else); an invalid one is `invalid_input` naming the
 * field at fault, and sends nothing. Nothing ever rejects with anything but a ConnectorError.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import connector from '../../index.js';
import { operations } from '../../operations/index.js';
import type { CallContext } from '../../runtime/context.js';
import type { Operation } from '../../runtime/define.js';
import { ConnectorError } from '../../runtime/errors.js';
import { TOKEN } from '../helpers/context.js';
import { mediaType, parseBody } from '../helpers/request-body.js';
import { anyText, invalidInput, type Mutation, type Schema, validInput, validValue } from './arbitraries.js';

/**
 * Per operation: 107 operations × 94 = 10,058 cases. Valid ones cost a request each (a few ms), invalid ones
 * nothing; FUZZ_VALID and FUZZ_INVALID run more for a longer search.
 */
const VALID_RUNS = Number(process.env.FUZZ_VALID ?? 30);
const INVALID_RUNS = Number(process.env.FUZZ_INVALID ?? 64);

interface Seen {
  method: string;
  url: URL;
  body: string;
  raw: Buffer;
  headers: IncomingHttpHeaders;
}

/** A local Pipedrive answering every request with an empty envelope; requests are recorded by path prefix. */
let stub: Server;
let stubUrl: string;
const seenBy = new Map<string, Seen[]>();

beforeAll(async () => {
  // Real sockets only, to the stub (every case's connection names it, and a valid case must be exactly one request
  // there): nock's pass-through would parse each request, big bodies too, a second time on its way.
  nock.restore();
  stub = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', stubUrl);
      const prefix = url.pathname.split('/')[1] ?? '';
      const raw = Buffer.concat(chunks);
      seenBy
        .get(prefix)
        ?.push({ method: req.method ?? '', url, body: raw.toString('utf8'), raw, headers: req.headers });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ success: true, data: null, additional_data: null }));
    });
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => stub.close(() => resolve()));
  nock.activate();
});

/** The requests of one operation's cases: its connection's API base is `<stub>/<operation>`. */
function capture(name: string): { seen: Seen[]; ctx: CallContext } {
  const seen: Seen[] = [];
  seenBy.set(name, seen);
  const ctx = { auth: { type: 'api_token' as const, apiToken: TOKEN, apiUrl: `${stubUrl}/${name}` } };
  return { seen, ctx: { ...ctx, retry: { limit: 0 } } };
}

async function outcome(name: string, input: unknown, ctx: CallContext): Promise<ConnectorError | undefined> {
  try {
    await connector.execute(name, input, ctx);
    return undefined;
  } catch (error) {
    // Anything but a ConnectorError is an unhandled exception reaching the engine.
    if (!(error instanceof ConnectorError)) throw error;
    return error;
  }
}

const schemaOf = (op: Operation) =>
  connector.manifest.operations.find((entry) => entry.name === op.name)?.input_schema as Schema;

const keysPlaced = (op: Operation, where: string) =>
  new Set(Object.keys(op.placement).filter((key) => op.placement[key] === where));

/** The one request must be exactly what the operation declares for this input. */
async function checkRequest(op: Operation, input: Record<string, unknown>, request: Seen): Promise<void> {
  const raw = op.raw === true;
  expect(request.method).toBe(raw ? input.method : op.method);
  const path = raw
    ? String(input.path)
    : `${op.api === 'v2' ? '/api/v2' : '/v1'}${op.path.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(String(input[key])))}`;
  expect(request.url.pathname).toBe(`/${op.name}${path}`);
  expect(request.headers['x-api-token']).toBe(TOKEN);
  expect(request.headers.authorization).toBeUndefined();
  expect(request.url.href).not.toContain(TOKEN);
  const queryKeys = raw ? new Set(Object.keys((input.query as object) ?? {})) : keysPlaced(op, 'query');
  for (const key of request.url.searchParams.keys()) expect(queryKeys.has(key), `query ${key}`).toBe(true);
  if (request.body === '') return;
  if (op.encoding !== 'json') {
    // A form: its text fields are body fields, its files file fields.
    const { form, files } = await parseBody(request.raw, request.headers['content-type']);
    expect(mediaType(request.headers['content-type'])).toBe(
      op.encoding === 'multipart' ? 'multipart/form-data' : 'application/x-www-form-urlencoded',
    );
    for (const key of Object.keys(form ?? {}))
      expect(keysPlaced(op, 'body').has(key), `form ${key}`).toBe(true);
    for (const key of Object.keys(files ?? {}))
      expect(keysPlaced(op, 'file').has(key), `file ${key}`).toBe(true);
    return;
  }
  expect(String(request.headers['content-type'])).toContain('application/json');
  const body = JSON.parse(request.body);
  // A top-level array body (listBody, e.g. a field's options) is that one field's items, and nothing else.
  const [listBody] = keysPlaced(op, 'list-body');
  if (listBody) {
    expect(Array.isArray(body) && body.length === (input[listBody] as unknown[]).length).toBe(true);
    return;
  }
  expect(body !== null && typeof body === 'object' && !Array.isArray(body)).toBe(true);
  if (raw || keysPlaced(op, 'spread').size > 0) return;
  const bodyKeys = keysPlaced(op, 'body');
  for (const key of Object.keys(body)) expect(bodyKeys.has(key), `body ${key}`).toBe(true);
}

/** A valid input may still be refused, before sending, for one reason the schema cannot say: a URL too long. */
function tooLongForUrl(error: ConnectorError): boolean {
  return error.code === 'invalid_input' && /longer than Pipedrive accepts/.test(error.message);
}

/** api_request: its path is text checked by rules the JSON Schema cannot carry; valid ones are built. */
function rawValid(): fc.Arbitrary<Record<string, unknown>> {
  const segment = fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 8 })
    .filter((s) => !/[/\\?#@%.\p{Cc}\p{Zl}\p{Zp}]/u.test(s) && !/oauth/i.test(s))
    .map(encodeURIComponent);
  const path = fc
    .tuple(fc.constantFrom('/api/v2/', '/v1/'), fc.array(segment, { minLength: 1, maxLength: 4 }))
    .map(([prefix, parts]) => `${prefix}${parts.join('/')}`);
  const scalar = fc.oneof(
    anyText.filter((s) => s.length < 100),
    fc.integer(),
    fc.boolean(),
  );
  const query = fc.dictionary(
    fc.stringMatching(/^[a-z_]{1,12}$/).filter((k) => k !== 'api_token'),
    fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })),
    { maxKeys: 3 },
  );
  const body = fc.dictionary(fc.string({ maxLength: 8 }), validValue({}), { maxKeys: 3 });
  return fc.oneof(
    fc.record(
      { method: fc.constantFrom('GET', 'DELETE'), path, query },
      { requiredKeys: ['method', 'path'] },
    ),
    fc.record(
      { method: fc.constantFrom('POST', 'PUT', 'PATCH'), path, query, body },
      { requiredKeys: ['method', 'path'] },
    ),
  );
}

const RAW_ATTACKS = [
  'https://evil.com/api/v2/deals',
  '//evil.com/v1/x',
  '/api/v2/../../oauth/token',
  '/v1/%2e%2e/x',
  '/v1/users?api_token=x',
  '/v1/a@evil.com',
  '/v1/x\r\nHost: evil.com',
  '/v1/oauth.pipedrive.com/x',
  '/deals',
];

/** An operation's valid inputs, built once: its valid and its invalid property both start from them. */
const validByOperation = new Map<string, fc.Arbitrary<Record<string, unknown>>>();
function validFor(op: Operation): fc.Arbitrary<Record<string, unknown>> {
  let valid = validByOperation.get(op.name);
  if (!valid) {
    valid = buildValid(op);
    validByOperation.set(op.name, valid);
  }
  return valid;
}

function buildValid(op: Operation): fc.Arbitrary<Record<string, unknown>> {
  if (op.raw) return rawValid();
  // A rule across fields (op.check, e.g. no merge into itself) is not in the JSON Schema: a valid input keeps it.
  const valid = validInput(schemaOf(op)).filter((input) => op.check?.(input) === undefined);
  // An update (PATCH, PUT) must change something: the runtime refuses one without any body field (parseInput).
  if (op.method !== 'PATCH' && op.method !== 'PUT') return valid;
  const body = keysPlaced(op, 'body');
  return body.size === 0 ? valid : valid.filter((input) => Object.keys(input).some((k) => body.has(k)));
}

function invalidFor(op: Operation): fc.Arbitrary<Mutation> {
  const mutations = invalidInput(schemaOf(op), validFor(op));
  if (!op.raw) return mutations;
  const attack = fc
    .tuple(rawValid(), fc.constantFrom(...RAW_ATTACKS))
    .map(([input, path]) => ({ kind: 'attack path', field: 'path', input: { ...input, path } }));
  return fc.oneof(mutations, attack);
}

/** Runs a case's checks; a failed one's message starts with the first 300 characters of the input as JSON. */
async function aboutInput(input: unknown, checks: () => Promise<void>): Promise<void> {
  try {
    await checks();
  } catch (error) {
    if (error instanceof Error) error.message = `${JSON.stringify(input).slice(0, 300)}: ${error.message}`;
    throw error;
  }
}

const tried = { valid: 0, refusedUrl: 0, invalid: 0 };

describe('operation inputs, fuzzed from their JSON Schemas', () => {
  afterAll(() => {
    // The figure docs/reliability.md quotes.
    console.info(
      `fuzzed operation inputs: ${tried.valid} valid (${tried.refusedUrl} refused for a URL over the limit), ${tried.invalid} invalid`,
    );
  });

  it.each(operations.map((op) => [op.name, op] as const))('%s', async (_name, op) => {
    const { seen, ctx } = capture(op.name);
    await fc.assert(
      fc.asyncProperty(validFor(op), (input) =>
        // The input heads a failed check's message; it is written only then (inputs hold 100,000-character strings).
        aboutInput(input, async () => {
          tried.valid += 1;
          seen.length = 0;
          const error = await outcome(op.name, input, ctx);
          if (error && tooLongForUrl(error)) {
            tried.refusedUrl += 1;
            expect(seen).toHaveLength(0);
            return;
          }
          // Pipedrive's empty answer may not fit the output schema: that is the only other refusal allowed here.
          if (error) {
            expect(error.toJSON()).toMatchObject({
              code: 'upstream_error',
              details: { unexpected_response: true },
            });
          }
          expect(seen.map((r) => `${r.method} ${r.url.pathname}`)).toHaveLength(1);
          await checkRequest(op, input, seen[0] as Seen);
        }),
      ),
      { numRuns: VALID_RUNS },
    );
    await fc.assert(
      fc.asyncProperty(invalidFor(op), async (mutation) => {
        tried.invalid += 1;
        seen.length = 0;
        const error = await outcome(op.name, mutation.input, ctx);
        const what = `${mutation.kind} ${mutation.field}`;
        expect(error?.code, what).toBe('invalid_input');
        expect(seen, what).toHaveLength(0);
        const paths = (error?.details.issues ?? []).map((i) => i.path);
        expect(paths.length, what).toBeGreaterThan(0);
        if (mutation.field !== '') {
          expect(
            paths.some((p) => p === mutation.field || p.startsWith(`${mutation.field}.`)),
            `${what}: ${paths}`,
          ).toBe(true);
        }
      }),
      { numRuns: INVALID_RUNS },
    );
  });

  it('an update (PATCH, or a v1 PUT) without any field to change is refused, saying so, and sends nothing', async () => {
    const { seen, ctx } = capture('patch');
    // An update with a required body field (update_user's `active_flag`) is refused for that field instead.
    const requiredBody = (o: Operation) =>
      ((schemaOf(o).required as string[] | undefined) ?? []).some((key) => keysPlaced(o, 'body').has(key));
    const updates = operations.filter(
      (o) =>
        (o.method === 'PATCH' || o.method === 'PUT') && keysPlaced(o, 'body').size > 0 && !requiredBody(o),
    );
    for (const op of updates) {
      const properties = schemaOf(op).properties as Record<string, Schema>;
      const params = [...keysPlaced(op, 'path')].map((key) => [
        key,
        properties[key]?.format === 'uuid'
          ? '9f3e6e50-9d99-11ee-9538-29c81a92c0d1'
          : properties[key]?.type === 'string'
            ? 'a-key'
            : 1,
      ]);
      const error = await outcome(op.name, Object.fromEntries(params), ctx);
      expect(error?.code, op.name).toBe('invalid_input');
      expect(error?.message, op.name).toContain('at least one field to change');
    }
    expect(seen).toHaveLength(0);
  });
});
