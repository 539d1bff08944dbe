import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import connector from '../../index.js';
import { defineOperation } from '../../runtime/define.js';
import { ConnectorError } from '../../runtime/errors.js';
import { runOperation } from '../../runtime/execute.js';
import { MAX_ANSWER_DEPTH, nestedDeeperThan, parseBody } from '../../runtime/http-errors.js';
import { nextPosition } from '../../runtime/paginate.js';
import { listV1 } from '../../schemas/common.js';
import { API, TOKEN, tokenCtx } from '../helpers/context.js';

/** Short backoff so that retry tests take milliseconds; the policy is the same. */
const fast = tokenCtx({ retry: { backoffLimitMs: 5 } });

const deal = (id: number) => ({ id, title: `Deal ${id}`, value: id * 10, currency: 'USD' });

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe('transport', () => {
  it('sends the API token in the x-api-token header, never in the URL', async () => {
    let seenPath = '';
    const scope = nock(API, { badheaders: ['authorization'] })
      .matchHeader('x-api-token', TOKEN)
      .get('/api/v2/deals/7')
      .reply((req: Request) => {
        const url = new URL(req.url);
        seenPath = `${url.pathname}${url.search}`;
        return [200, { success: true, data: deal(7) }];
      });
    const output = await connector.execute('get_deal', { id: 7 }, tokenCtx());
    expect(output).toEqual({ success: true, data: deal(7) });
    expect(seenPath).toBe('/api/v2/deals/7');
    expect(seenPath).not.toContain(TOKEN);
    scope.done();
  });

  it('uses the OAuth bearer token on the api_domain', async () => {
    const scope = nock('https://acme.pipedrive.com', { badheaders: ['x-api-token'] })
      .matchHeader('authorization', 'Bearer access-1')
      .get('/api/v2/deals/3')
      .reply(200, { success: true, data: deal(3) });
    await connector.execute(
      'get_deal',
      { id: 3 },
      {
        auth: { type: 'oauth2', accessToken: 'access-1', apiDomain: 'https://acme.pipedrive.com' },
      },
    );
    scope.done();
  });

  it('refuses invalid input with invalid_input naming each field, and sends nothing', async () => {
    const scope = nock(API)
      .post('/api/v2/deals')
      .reply(200, { success: true, data: deal(1) });
    const error = await failure(
      connector.execute('add_deal', { value: 'a lot', colour: 'red', visible_to: 2 }, tokenCtx()),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.status).toBe(400);
    const paths = (error.details.issues ?? []).map((i) => i.path).sort();
    expect(paths).toEqual(['colour', 'title', 'value', 'visible_to']);
    expect(error.message).toContain('title is required');
    expect(error.message).toContain('colour is not a field of this operation');
    expect(scope.isDone()).toBe(false);
  });

  it('reads numeric and boolean strings and comma-separated lists the way forms send them', async () => {
    const scope = nock(API)
      .matchHeader('x-api-token', TOKEN)
      .get('/api/v2/deals')
      .query({ owner_id: '5', status: 'open,won', include_labels: 'true' })
      .reply(200, { success: true, data: [], additional_data: { next_cursor: null } });
    await connector.execute(
      'list_deals',
      { owner_id: '5', status: 'open, won', include_labels: 'true' },
      tokenCtx(),
    );
    scope.done();
  });

  it('maps 404 to not_found and quotes Pipedrive', async () => {
    nock(API).get('/api/v2/deals/404').reply(404, {
      success: false,
      error: 'Deal not found',
      error_info: 'Please check developers.pipedrive.com',
    });
    const error = await failure(connector.execute('get_deal', { id: 404 }, tokenCtx()));
    expect(error.code).toBe('not_found');
    expect(error.status).toBe(404);
    expect(error.message).toContain('Deal not found');
    expect(error.message).toContain('Please check developers.pipedrive.com');
    expect(error.details.pipedrive_error).toContain('Deal not found');
  });

  it('retries a 429 after the Retry-After delay, for a POST too', async () => {
    const times: number[] = [];
    const scope = nock(API)
      .post('/api/v2/deals', { title: 'Retry me' })
      .reply(() => {
        times.push(Date.now());
        return [429, { success: false, error: 'Rate limit exceeded' }, { 'retry-after': '1' }];
      })
      .post('/api/v2/deals', { title: 'Retry me' })
      .reply(() => {
        times.push(Date.now());
        return [201, { success: true, data: deal(9) }];
      });
    const output = await connector.execute('add_deal', { title: 'Retry me' }, tokenCtx());
    expect(output).toMatchObject({ data: { id: 9 } });
    expect(times).toHaveLength(2);
    expect((times[1] as number) - (times[0] as number)).toBeGreaterThanOrEqual(950);
    scope.done();
  });

  it('falls back to x-ratelimit-reset when a 429 has no Retry-After', async () => {
    const times: number[] = [];
    nock(API)
      .get('/api/v2/deals/1')
      .reply(() => {
        times.push(Date.now());
        return [429, {}, { 'x-ratelimit-reset': '1', 'x-ratelimit-remaining': '0' }];
      })
      .get('/api/v2/deals/1')
      .reply(() => {
        times.push(Date.now());
        return [200, { success: true, data: deal(1) }];
      });
    await connector.execute('get_deal', { id: 1 }, tokenCtx());
    expect((times[1] as number) - (times[0] as number)).toBeGreaterThanOrEqual(950);
  });

  it('gives up with rate_limited when the wait exceeds the bound', async () => {
    const scope = nock(API).get('/api/v2/deals/1').once().reply(429, {}, { 'retry-after': '90' });
    const error = await failure(connector.execute('get_deal', { id: 1 }, tokenCtx()));
    expect(error.code).toBe('rate_limited');
    expect(error.details.retry_after_seconds).toBe(90);
    scope.done();
  });

  it('reports a spent daily budget as daily_limit_reached without retrying', async () => {
    const scope = nock(API)
      .post('/api/v2/deals')
      .once()
      .reply(429, { success: false, error: 'Daily rate limit reached' }, { 'x-daily-requests-left': '0' });
    const error = await failure(connector.execute('add_deal', { title: 'x' }, tokenCtx()));
    expect(error.code).toBe('daily_limit_reached');
    expect(error.message).toContain('Daily rate limit reached');
    scope.done();
  });

  it('never repeats a POST after a 503', async () => {
    let calls = 0;
    nock(API)
      .post('/api/v2/deals')
      .times(3)
      .reply(() => {
        calls += 1;
        return [503, { success: false, error: 'Service unavailable' }];
      });
    const error = await failure(connector.execute('add_deal', { title: 'Once only' }, fast));
    expect(error.code).toBe('upstream_error');
    expect(error.status).toBe(502);
    expect(calls).toBe(1);
  });

  it('never repeats a PATCH after a connection reset, but does repeat a GET', async () => {
    // A real socket that the server drops after reading the request: the client sees ECONNRESET.
    let connections = 0;
    const server = createServer((socket) => {
      connections += 1;
      socket.once('data', () => socket.resetAndDestroy());
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    const ctx = {
      auth: { type: 'api_token' as const, apiToken: TOKEN, apiUrl: `http://127.0.0.1:${port}` },
      retry: { backoffLimitMs: 5 },
    };
    try {
      const patch = await failure(connector.execute('update_deal', { id: 1, title: 'x' }, ctx));
      expect(patch.code).toBe('upstream_error');
      expect(patch.details.network_error).toBe('ECONNRESET');
      expect(connections).toBe(1);
      connections = 0;
      const get = await failure(connector.execute('get_deal', { id: 1 }, ctx));
      expect(get.code).toBe('upstream_error');
      expect(connections).toBe(5);
    } finally {
      server.close();
    }
  });

  it('retries a GET after a 503', async () => {
    const scope = nock(API)
      .get('/api/v2/deals/2')
      .reply(503, 'Service Unavailable')
      .get('/api/v2/deals/2')
      .reply(200, { success: true, data: deal(2) });
    const output = await connector.execute('get_deal', { id: 2 }, fast);
    expect(output).toMatchObject({ data: { id: 2 } });
    scope.done();
  });

  it('stops retrying a GET after the bounded number of attempts', async () => {
    let calls = 0;
    nock(API)
      .get('/api/v2/deals/2')
      .times(10)
      .reply(() => {
        calls += 1;
        return [502, '<html>Bad gateway</html>'];
      });
    const error = await failure(connector.execute('get_deal', { id: 2 }, fast));
    expect(error.code).toBe('upstream_error');
    expect(error.message).toContain('HTML page');
    expect(calls).toBe(5);
  }, 60_000);

  it('reports an HTML page with HTTP 200 as an upstream error', async () => {
    nock(API).get('/api/v2/deals/5').reply(200, '<html>maintenance</html>', { 'content-type': 'text/html' });
    const error = await failure(connector.execute('get_deal', { id: 5 }, tokenCtx()));
    expect(error.code).toBe('upstream_error');
  });

  it('reports a response that breaks the output schema, saying a write may have been applied', async () => {
    nock(API)
      .post('/api/v2/deals')
      .reply(200, { success: true, data: { id: 'not-a-number', title: 'x' } });
    const error = await failure(connector.execute('add_deal', { title: 'x' }, tokenCtx()));
    expect(error.code).toBe('upstream_error');
    expect(error.details.unexpected_response).toBe(true);
    expect(error.message).toContain('data.id');
    expect(error.message).toContain('probably been applied');
  });
});

describe('pagination', () => {
  const page = (ids: number[], next: string | null) => ({
    success: true,
    data: ids.map(deal),
    additional_data: { next_cursor: next },
  });

  it('returns one page with has_more when return_all is off', async () => {
    nock(API)
      .get('/api/v2/deals')
      .query({ limit: '2' })
      .reply(200, page([1, 2], 'c2'));
    const output = await connector.execute('list_deals', { limit: 2 }, tokenCtx());
    expect(output).toMatchObject({ additional_data: { next_cursor: 'c2', has_more: true } });
  });

  it('follows next_cursor across three pages with return_all', async () => {
    const scope = nock(API)
      .matchHeader('x-api-token', TOKEN)
      .get('/api/v2/deals')
      .query({ status: 'open', limit: '500' })
      .reply(200, page([1, 2], 'c2'))
      .get('/api/v2/deals')
      .query({ status: 'open', limit: '500', cursor: 'c2' })
      .reply(200, page([3, 4], 'c3'))
      .get('/api/v2/deals')
      .query({ status: 'open', limit: '500', cursor: 'c3' })
      .reply(200, page([5], null));
    const output = (await connector.execute(
      'list_deals',
      { status: ['open'], return_all: true },
      tokenCtx(),
    )) as {
      data: { id: number }[];
      additional_data: unknown;
    };
    expect(output.data.map((d) => d.id)).toEqual([1, 2, 3, 4, 5]);
    expect(output.additional_data).toEqual({ next_cursor: null, has_more: false });
    scope.done();
  });

  it('honours max_items: page sizes end exactly there and the cursor to go on is returned', async () => {
    const scope = nock(API)
      .get('/api/v2/deals')
      .query({ limit: '3' })
      .reply(200, page([1, 2, 3], 'c4'))
      .get('/api/v2/deals')
      .query({ limit: '2', cursor: 'c4' })
      .reply(200, page([4, 5], 'c6'));
    const output = (await connector.execute(
      'list_deals',
      { return_all: true, max_items: 5, limit: 3 },
      tokenCtx(),
    )) as { data: { id: number }[]; additional_data: unknown };
    expect(output.data.map((d) => d.id)).toEqual([1, 2, 3, 4, 5]);
    expect(output.additional_data).toEqual({ next_cursor: 'c6', has_more: true });
    scope.done();
  });

  it('streams records one at a time and reports what remains', async () => {
    nock(API)
      .get('/api/v2/deals/search')
      .query({ term: 'acme', limit: '500' })
      .reply(200, {
        success: true,
        data: { items: [{ result_score: 1, item: { id: 1, type: 'deal' } }] },
        additional_data: { next_cursor: 'n2' },
      })
      .get('/api/v2/deals/search')
      .query({ term: 'acme', limit: '500', cursor: 'n2' })
      .reply(200, {
        success: true,
        data: { items: [{ result_score: 0.5, item: { id: 2, type: 'deal' } }] },
        additional_data: { next_cursor: null },
      });
    const stream = connector.stream('search_deals', { term: 'acme' }, tokenCtx());
    const seen: unknown[] = [];
    let result = await stream.next();
    while (!result.done) {
      seen.push(result.value);
      result = await stream.next();
    }
    expect(seen).toEqual([
      { result_score: 1, item: { id: 1, type: 'deal' } },
      { result_score: 0.5, item: { id: 2, type: 'deal' } },
    ]);
    expect(result.value).toMatchObject({ next: null, pages: 2 });
  });
});

describe('v1 offset pagination', () => {
  const listNotes = defineOperation({
    name: 'list_notes_test',
    title: 'List notes',
    description: 'A v1 list for the test',
    resource: 'notes',
    method: 'GET',
    path: '/notes',
    api: 'v1',
    scopes: [],
    tokenCost: 20,
    pagination: { maxLimit: 500, style: 'offset' },
    output: listV1(z.looseObject({ id: z.int() })),
    sample: {},
  });
  const v1page = (ids: number[], start: number, next: number | null) => ({
    success: true,
    data: ids.map((id) => ({ id })),
    additional_data: {
      pagination: {
        start,
        limit: 2,
        more_items_in_collection: next !== null,
        ...(next !== null ? { next_start: next } : {}),
      },
    },
  });

  it('follows start/next_start while more_items_in_collection, up to max_items', async () => {
    const scope = nock(API)
      .get('/v1/notes')
      .query({ limit: '2' })
      .reply(200, v1page([1, 2], 0, 2))
      .get('/v1/notes')
      .query({ limit: '2', start: '2' })
      .reply(200, v1page([3, 4], 2, 4))
      .get('/v1/notes')
      .query({ limit: '1', start: '4' })
      .reply(200, v1page([5], 4, 5));
    const output = (await runOperation(
      listNotes,
      { limit: 2, return_all: true, max_items: 5 },
      tokenCtx(),
    )) as {
      data: { id: number }[];
      additional_data: { pagination: { next_start?: number }; has_more: boolean };
    };
    expect(output.data.map((d) => d.id)).toEqual([1, 2, 3, 4, 5]);
    expect(output.additional_data.has_more).toBe(true);
    expect(output.additional_data.pagination.next_start).toBe(5);
    scope.done();
  });

  it('reports has_more from more_items_in_collection on a single page', async () => {
    nock(API)
      .get('/v1/notes')
      .query({ start: '10' })
      .reply(200, v1page([11], 10, null));
    const output = (await runOperation(listNotes, { start: 10 }, tokenCtx())) as {
      additional_data: { has_more: boolean };
    };
    expect(output.additional_data.has_more).toBe(false);
  });
});

describe('v1 pagination without a pagination object', () => {
  it('reads start + limit when additional_data is flat (as /v1/leads documents it)', () => {
    expect(
      nextPosition({ additional_data: { start: 0, limit: 100, more_items_in_collection: true } }, 'offset'),
    ).toBe(100);
    expect(
      nextPosition(
        { additional_data: { start: 100, limit: 100, more_items_in_collection: false } },
        'offset',
      ),
    ).toBeNull();
    expect(
      nextPosition(
        { additional_data: { pagination: { more_items_in_collection: true, next_start: 7 } } },
        'offset',
      ),
    ).toBe(7);
    expect(nextPosition({ additional_data: { next_cursor: 'abc' } }, 'cursor')).toBe('abc');
    expect(nextPosition({ additional_data: { next_cursor: null } }, 'cursor')).toBeNull();
  });
});

describe('pagination that does not advance', () => {
  it('stops with upstream_error when a cursor comes back twice', async () => {
    nock(API)
      .get('/api/v2/deals')
      .times(3)
      .query(true)
      .reply(200, { success: true, data: [{ id: 1 }], additional_data: { next_cursor: 'same' } });
    const error = await connector
      .execute('list_deals', { return_all: true }, tokenCtx())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe('upstream_error');
    expect((error as ConnectorError).message).toContain('did not advance');
  });
});

describe('a top-level array body (listBody)', () => {
  const option = z.strictObject({ label: z.string().min(1), color: z.string().optional() });
  const declaration = {
    name: 'add_field_options_test',
    title: 'Add field options',
    description: 'An endpoint whose JSON body is an array, for the test',
    resource: 'fields',
    method: 'POST' as const,
    path: '/dealFields/{field_code}/options',
    scopes: [],
    tokenCost: { estimated: 25 },
    params: { field_code: z.string().min(1) },
    output: z.looseObject({ success: z.boolean() }),
    sample: { field_code: 'abc', options: [{ label: 'Gold' }] },
  };
  const addOptions = defineOperation({ ...declaration, listBody: { options: z.array(option).min(1) } });

  it('sends the one field as the whole JSON body', async () => {
    let body: unknown;
    const scope = nock(API)
      .post('/api/v2/dealFields/abc/options')
      .reply(200, async (req: Request) => {
        body = await req.json();
        return { success: true };
      });
    const input = { field_code: 'abc', options: [{ label: 'Gold' }, { label: 'Silver', color: 'gray' }] };
    await runOperation(addOptions, input, tokenCtx());
    expect(scope.isDone()).toBe(true);
    expect(body).toEqual([{ label: 'Gold' }, { label: 'Silver', color: 'gray' }]);
  });

  it('checks the items like any input, naming the bad one, and sends nothing', async () => {
    const error = await failure(
      runOperation(addOptions, { field_code: 'abc', options: [{ label: '' }] }, tokenCtx()),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('options.0.label');
  });

  it('is one field, not beside body fields', () => {
    const one = { ...declaration, body: { name: z.string() }, listBody: { options: z.array(option) } };
    expect(() => defineOperation(one)).toThrow(/listBody is one field/);
    const two = { ...declaration, listBody: { a: z.array(option), b: z.array(option) } };
    expect(() => defineOperation(two)).toThrow(/listBody is one field/);
  });

  it("declares a token cost; 'endpoint' is the raw operation's alone", () => {
    expect(() => defineOperation({ ...declaration, tokenCost: 'endpoint' })).toThrow(/raw operation/);
  });
});

describe('how deep an answer may nest', () => {
  const nested = (depth: number, inner: unknown = 1): unknown => {
    let value = inner;
    for (let level = 0; level < depth; level += 1) value = level % 2 === 0 ? [value] : { a: value };
    return value;
  };

  it('passes MAX_ANSWER_DEPTH levels of arrays and objects, not one more', () => {
    expect(nestedDeeperThan(nested(MAX_ANSWER_DEPTH), MAX_ANSWER_DEPTH)).toBe(false);
    expect(nestedDeeperThan(nested(MAX_ANSWER_DEPTH + 1), MAX_ANSWER_DEPTH)).toBe(true);
    // Deep in one branch of many: found wherever it is.
    const wide = { data: [...Array.from({ length: 50 }, (_, i) => ({ id: i })), nested(MAX_ANSWER_DEPTH)] };
    expect(nestedDeeperThan(wide, MAX_ANSWER_DEPTH)).toBe(true);
    expect(nestedDeeperThan('[[[[', 2)).toBe(false);
    expect(nestedDeeperThan(null, 0)).toBe(false);
  });

  it('parses an answer as deep as that; one deeper, brackets in strings aside, is described in words', () => {
    const text = JSON.stringify({ success: true, data: nested(MAX_ANSWER_DEPTH - 1) });
    expect(parseBody(text)).toEqual(JSON.parse(text));
    expect(parseBody(JSON.stringify({ success: true, data: nested(MAX_ANSWER_DEPTH) }))).toBe(
      `a JSON answer nested more than ${MAX_ANSWER_DEPTH} levels deep`,
    );
    // Brackets inside strings are text, not nesting.
    const strings = JSON.stringify({ data: '['.repeat(1000), name: '{'.repeat(1000) });
    expect(parseBody(strings)).toEqual(JSON.parse(strings));
    expect(parseBody('')).toBeUndefined();
    expect(parseBody('not json')).toBe('not json');
  });
});
