/**
 * Property-based fuzzing of the triggers: every trigger's subscribe input (valid → the webhook is listed and
 * registered, exactly; invalid → `invalid_input` naming the field, nothing sent), and `receive` with fuzzed
 * headers and payloads, which may only answer events or throw a ConnectorError (`unauthorized`, `invalid_input`).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import connector from '../../index.js';
import { ConnectorError } from '../../runtime/errors.js';
import { triggers } from '../../triggers/catalog.js';
import type { SubscriptionState } from '../../triggers/index.js';
import { basic, v2Payload } from '../fixtures/webhooks.js';
import { type PipedriveStub, startPipedriveStub } from '../helpers/pipedrive-stub.js';
import { anyText, deepJunk, invalidInput, type Schema, validInput } from './arbitraries.js';

const TOKEN = 'fuzz-trigger-token-00112233445566778899aa';
const CALLBACK = 'https://hooks.example.com/webhooks/pipedrive/fuzz';
const RUNS = 30;
const RECEIVE_RUNS = 3000;
const tried = { subscribe: 0, receive: 0 };

const schemaOf = (name: string) =>
  (connector.manifest.triggers as { name: string; input_schema: Schema }[]).find((t) => t.name === name)
    ?.input_schema as Schema;

async function failure(promise: Promise<unknown>): Promise<ConnectorError | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    return error;
  }
}

afterAll(() => {
  // The figures docs/reliability.md quotes.
  console.info(`fuzzed trigger inputs: ${tried.subscribe} subscribe inputs, ${tried.receive} deliveries`);
});

describe('trigger inputs, fuzzed', () => {
  let stub: PipedriveStub;

  beforeAll(async () => {
    stub = await startPipedriveStub({
      token: TOKEN,
      routes: [
        { method: 'GET', path: '/v1/webhooks', reply: { success: true, data: [] } },
        { method: 'POST', path: '/v1/webhooks', reply: { success: true, data: { id: 4201 } } },
      ],
    });
  });

  afterAll(async () => {
    await stub.close();
  });

  const ctx = () => ({
    auth: { type: 'api_token' as const, apiToken: TOKEN, apiUrl: stub.url },
    callbackUrl: CALLBACK,
    retry: { limit: 0 },
  });

  it.each(triggers.map((t) => [t.name] as const))('%s: subscribe', async (name) => {
    const schema = schemaOf(name);
    const valid = validInput(schema);
    await fc.assert(
      fc.asyncProperty(valid, async (input) => {
        tried.subscribe += 1;
        stub.requests.length = 0;
        const state = await connector.triggers.subscribe(name, input, ctx());
        expect(stub.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
          'GET /v1/webhooks',
          'POST /v1/webhooks',
        ]);
        const registered = stub.requests[1]?.body as Record<string, unknown>;
        expect(registered).toMatchObject({
          subscription_url: CALLBACK,
          version: '2.0',
          event_action: state.event_action,
          event_object: state.event_object,
          http_auth_user: state.http_auth_user,
          http_auth_password: state.http_auth_password,
        });
        expect(state.webhook_id).toBe(4201);
      }),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(invalidInput(schema, valid), async (mutation) => {
        tried.subscribe += 1;
        stub.requests.length = 0;
        const error = await failure(connector.triggers.subscribe(name, mutation.input, ctx()));
        const what = `${mutation.kind} ${mutation.field}`;
        expect(error?.code, what).toBe('invalid_input');
        expect(stub.requests, what).toEqual([]);
        const paths = (error?.details.issues ?? []).map((i) => i.path);
        if (mutation.field)
          expect(
            paths.some((p) => p.split('.')[0] === mutation.field),
            what,
          ).toBe(true);
        else expect(paths.length, what).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('receive, fuzzed', () => {
  const state: SubscriptionState = {
    trigger: 'pipedrive_event',
    input: { event_action: '*', event_object: '*', ignore_own_changes: true, fields_to_watch: ['value'] },
    webhook_id: 4201,
    event_action: '*',
    event_object: '*',
    callback_url: CALLBACK,
    http_auth_user: 'pdc_fuzzuser00000000000',
    http_auth_password: 'fuzz-password-000000000000000000000000000000',
    user_id: 11,
  };
  const rightAuth = basic(state.http_auth_user, state.http_auth_password);

  const json = fc.jsonValue({ maxDepth: 3 });
  const metaValue = fc.oneof(json, anyText, fc.constantFrom(undefined, null, '', '2.0', 4201, '4201'));
  /** Pipedrive-shaped payloads with any of their fields replaced by junk. */
  const mutatedPayload = fc
    .tuple(
      fc.constantFrom('create', 'change', 'delete'),
      fc.dictionary(
        fc.constantFrom(
          'id',
          'action',
          'entity',
          'version',
          'entity_id',
          'timestamp',
          'user_id',
          'attempt',
          'webhook_id',
          'change_source',
          'is_bulk_edit',
          'merged_to_id',
          'company_id',
        ),
        metaValue,
        { maxKeys: 4 },
      ),
      fc.option(fc.oneof(json, fc.dictionary(anyText, json, { maxKeys: 3 }))),
      fc.option(fc.oneof(json, fc.dictionary(anyText, json, { maxKeys: 3 }))),
    )
    .map(([action, meta, data, previous]) => ({
      ...v2Payload({ action }),
      ...(data !== null ? { data } : {}),
      ...(previous !== null ? { previous } : {}),
      meta: { ...v2Payload({ action }).meta, ...meta },
    }));
  const deep = fc.integer({ min: 40, max: 100_000 }).map((levels) => ({
    ...v2Payload(),
    data: { nested: deepJunk(levels) },
  }));
  const body = fc.oneof(
    mutatedPayload,
    mutatedPayload.map((p) => JSON.stringify(p)),
    mutatedPayload.map((p) => Buffer.from(JSON.stringify(p))),
    deep,
    fc
      .integer({ min: 40, max: 100_000 })
      .map((n) =>
        JSON.stringify(v2Payload()).replace(/}$/, `,"data":{"nested":${'['.repeat(n)}${']'.repeat(n)}}}`),
      ),
    fc.constantFrom('[', '{"meta":', '[]', 'null', '""', '0', `${'['.repeat(100_000)}${']'.repeat(100_000)}`),
    fc.anything({ maxDepth: 3 }),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
    anyText,
  );
  const authorization = fc.oneof(
    { arbitrary: fc.constant(rightAuth), weight: 6 },
    {
      arbitrary: fc.oneof(
        fc.constant(undefined),
        anyText,
        anyText.map((t) => `Basic ${Buffer.from(t).toString('base64')}`),
        fc.constant(basic(state.http_auth_user, `${state.http_auth_password}x`)),
        fc.constant(`Basic ${'A'.repeat(100_000)}`),
        fc.array(fc.constant(rightAuth), { minLength: 0, maxLength: 2 }),
      ),
      weight: 4,
    },
  );

  it(`${RECEIVE_RUNS} fuzzed deliveries: events or a ConnectorError, never anything else`, async () => {
    await fc.assert(
      fc.asyncProperty(authorization, body, async (auth, payload) => {
        tried.receive += 1;
        const headers = auth === undefined ? {} : { authorization: auth };
        try {
          const events = await connector.triggers.receive(
            state,
            { headers, body: payload },
            { isDuplicate: () => false },
          );
          expect(Array.isArray(events) && events.length <= 1).toBe(true);
          for (const event of events) {
            expect(typeof event.event_id).toBe('string');
            expect(() => JSON.stringify(event)).not.toThrow();
          }
        } catch (error) {
          expect(error).toBeInstanceOf(ConnectorError);
          const code = (error as ConnectorError).code;
          expect(auth === rightAuth ? ['invalid_input'] : ['unauthorized', 'invalid_input']).toContain(code);
          if (auth !== rightAuth && !Array.isArray(auth)) expect(code).toBe('unauthorized');
        }
      }),
      { numRuns: RECEIVE_RUNS },
    );
  }, 120_000);
});
