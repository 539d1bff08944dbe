/**
 * Contract test of what goes on the wire, for every operation: its sample input, run through the runtime
 * against nock, makes a request that Pipedrive's document of its endpoint accepts (path and path parameters,
 * query names, types and required ones, the body's media type, its fields, types and required ones, JSON or a
 * form's; test/helpers/request-check.ts),
 * and where the document has an example answer, the output schema accepts it. The endpoint comes from the
 * operation's API version, method and path (openapi-v1.yaml for v1, openapi-v2.yaml for published v2,
 * openapi-v2-sdk.yaml for SDK-only v2), so an operation added later is checked with nothing added here. For a
 * published v2 endpoint the SDK's version of it is the newer word (the reference data says so): a request it
 * accepts passes too. Skipped with a message when the reference data is absent.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { operations } from '../operations/index.js';
import type { Operation } from '../runtime/define.js';
import { runOperation } from '../runtime/execute.js';
import {
  endpointOf,
  SPEC_MISSING_MESSAGE,
  sdkVersionOf,
  specPresent,
  successOf,
} from '../scripts/pipedrive-spec.js';
import { API, tokenCtx } from './helpers/context.js';
import { parseBody } from './helpers/request-body.js';
import { requestProblems, type SentRequest } from './helpers/request-check.js';

const PRESENT = specPresent('v1', 'v2', 'sdk');
if (!PRESENT) console.warn(SPEC_MISSING_MESSAGE);

const declared = operations.filter((op) => !op.raw);

/** Run the operation's sample against nock answering `reply`; the request as sent, and the call's failure. */
async function send(op: Operation, status: number, reply: unknown) {
  let sent: (SentRequest & { raw: Buffer }) | undefined;
  nock(API)
    .intercept(/.*/, op.method)
    .query(true)
    .reply(async (req: Request) => {
      const url = new URL(req.url);
      const raw = Buffer.from(await req.arrayBuffer());
      sent = {
        method: req.method,
        path: url.pathname.replace(/^\/(v1|api\/v2)(?=\/)/, ''),
        query: Object.fromEntries(url.searchParams),
        body: undefined,
        raw,
        contentType: req.headers.get('content-type') ?? '',
      };
      return [status, reply as nock.Body];
    });
  const failure = await runOperation(op, op.sample, tokenCtx()).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!sent) return { sent, failure };
  const { json, form, files } = await parseBody(sent.raw, sent.contentType);
  const request: SentRequest = {
    ...sent,
    body: json,
    ...(form ? { form } : {}),
    ...(files ? { files: Object.keys(files) } : {}),
  };
  return { sent: request, failure };
}

describe.skipIf(!PRESENT)("each operation's sample makes a request Pipedrive's document accepts", () => {
  it.each(declared.map((op) => [op.name, op] as const))('%s', async (_, op) => {
    const endpoint = endpointOf(op);
    expect(endpoint, `${op.method} ${op.path} (${op.api}) is in no document`).toBeDefined();
    if (!endpoint) return;
    const { status, example } = successOf(endpoint.operation);
    const { sent, failure } = await send(
      op,
      example === undefined ? 200 : status,
      example ?? { success: true, data: null },
    );
    expect(sent, 'the sample sends nothing').toBeDefined();
    const request = sent as SentRequest;
    expect(request.method).toBe(op.method);
    let problems = requestProblems(endpoint.path, endpoint.operation, request);
    const newer = sdkVersionOf(endpoint);
    if (problems.length > 0 && newer) {
      const sdkProblems = requestProblems(endpoint.path, newer, request);
      problems = sdkProblems.length === 0 ? [] : [...problems, ...sdkProblems.map((p) => `(SDK) ${p}`)];
    }
    expect(problems).toEqual([]);
    // With the document's example as the answer, the output schema accepts it (the call succeeds).
    if (example !== undefined) expect(failure).toBeUndefined();
  });
});

describe.skipIf(!PRESENT)('the request check', () => {
  const spec = (api: string, method: string, path: string) => {
    const endpoint = endpointOf({ api, method, path });
    if (!endpoint) throw new Error(`${method} ${path} is in no document`);
    return (sent: Partial<SentRequest>) =>
      requestProblems(endpoint.path, endpoint.operation, {
        method,
        path,
        query: {},
        body: undefined,
        ...sent,
      });
  };

  it('accepts what the document allows: typed query values, comma-separated enum values', () => {
    const listDeals = spec('v2', 'GET', '/deals');
    expect(listDeals({ path: '/deals', query: { status: 'open,won', owner_id: '7', limit: '10' } })).toEqual(
      [],
    );
    const addDealProduct = spec('v2', 'POST', '/deals/{id}/products');
    const body = { product_id: 1, item_price: 10, quantity: 2, product_variation_id: null };
    expect(addDealProduct({ path: '/deals/5/products', body })).toEqual([]);
  });

  it('finds a path that does not fit, or a path parameter of the wrong type', () => {
    const getDeal = spec('v2', 'GET', '/deals/{id}');
    expect(getDeal({ path: '/deals/7/extra' })).toEqual(['path /deals/7/extra does not fit /deals/{id}']);
    expect(getDeal({ path: '/deals/abc' })).toEqual(['path id: must be integer']);
  });

  it('finds unknown query names, values of the wrong type or outside the enum, missing required ones', () => {
    const listDeals = spec('v2', 'GET', '/deals');
    expect(listDeals({ path: '/deals', query: { owner: '7' } })).toEqual([
      'query owner is not a parameter of the endpoint',
    ]);
    expect(listDeals({ path: '/deals', query: { owner_id: 'me' } })).toEqual([
      'query owner_id: must be integer',
    ]);
    expect(listDeals({ path: '/deals', query: { status: 'open,gone' } })).toEqual([
      'query status: must be equal to one of the allowed values',
    ]);
    const deleteTypes = spec('v1', 'DELETE', '/activityTypes');
    expect(deleteTypes({ path: '/activityTypes' })).toEqual(['query ids is required']);
  });

  it('finds body fields of the wrong type, null where not allowed, unknown or missing', () => {
    const addDealProduct = spec('v2', 'POST', '/deals/{id}/products');
    const path = '/deals/5/products';
    expect(addDealProduct({ path, body: { product_id: 1, item_price: 10, quantity: 'two' } })).toEqual([
      'body/quantity: must be number',
    ]);
    expect(addDealProduct({ path, body: { product_id: 1, item_price: 10, quantity: 2, tax: null } })).toEqual(
      ['body/tax: must be number'],
    );
    expect(
      addDealProduct({ path, body: { product_id: 1, item_price: 10, quantity: 2, colour: 'red' } }),
    ).toEqual(['body colour is not a field of the endpoint']);
    expect(addDealProduct({ path, body: { product_id: 1, item_price: 10 } })).toEqual([
      "body: must have required property 'quantity'",
    ]);
    const getDeal = spec('v2', 'GET', '/deals/{id}');
    expect(getDeal({ path: '/deals/1', body: {} })).toEqual(['the endpoint takes no JSON body']);
  });
});
