import fc from 'fast-check';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import connector from '../../index.js';
import type { OAuth2Auth } from '../../runtime/context.js';
import { ConnectorError } from '../../runtime/errors.js';
import { ok } from '../fixtures/entities.js';
import { API, TOKEN, tokenCtx } from '../helpers/context.js';
import { checkCase, type OperationCase } from '../operations/harness.js';

const fail = (input: unknown, ctx = tokenCtx()) =>
  connector.execute('api_request', input, ctx).then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => error as ConnectorError,
  );

describe('api_request: a raw call with the connection’s auth', () => {
  const methodCases: OperationCase[] = [
    {
      op: 'api_request',
      input: {
        method: 'GET',
        path: '/api/v2/deals/1',
        query: { include_fields: ['next_activity_id', 'first_won_time'] },
      },
      method: 'GET',
      path: '/api/v2/deals/1',
      query: { include_fields: 'next_activity_id,first_won_time' },
      reply: ok({ id: 1 }),
    },
    {
      op: 'api_request',
      input: { method: 'DELETE', path: '/v1/notes/17' },
      method: 'DELETE',
      path: '/v1/notes/17',
      reply: ok({ id: 17 }),
    },
    {
      op: 'api_request',
      input: {
        method: 'POST',
        path: '/api/v2/deals',
        query: { dry: false },
        body: { title: 'Raw deal', value: 12.5 },
      },
      method: 'POST',
      path: '/api/v2/deals',
      query: { dry: 'false' },
      body: { title: 'Raw deal', value: 12.5 },
      reply: ok({ id: 102, title: 'Raw deal' }),
    },
    {
      op: 'api_request',
      input: { method: 'PUT', path: '/v1/stages/4', body: { name: 'Won', order_nr: 2 } },
      method: 'PUT',
      path: '/v1/stages/4',
      body: { name: 'Won', order_nr: 2 },
      reply: ok({ id: 4 }),
    },
    {
      op: 'api_request',
      input: { method: 'PATCH', path: '/api/v2/persons/201', query: { limit: 3 }, body: { emails: [] } },
      method: 'PATCH',
      path: '/api/v2/persons/201',
      query: { limit: '3' },
      body: { emails: [] },
      reply: ok({ id: 201 }),
    },
  ];

  it.each(methodCases.map((c) => [c.method, c] as const))(
    '%s sends exactly the given request',
    async (_m, c) => {
      await checkCase(c);
    },
  );

  it('uses the OAuth bearer token on api_domain, and refreshes it once on a 401', async () => {
    const domain = 'https://acme.pipedrive.com';
    const auth: OAuth2Auth = {
      type: 'oauth2',
      accessToken: 'old-access',
      apiDomain: domain,
      refresh: async () => ({ accessToken: 'new-access', apiDomain: domain }),
    };
    const scope = nock(domain, { badheaders: ['x-api-token'] })
      .get('/v1/activityTypes')
      .matchHeader('authorization', 'Bearer old-access')
      .reply(401, { success: false, error: 'unauthorized access' })
      .get('/v1/activityTypes')
      .matchHeader('authorization', 'Bearer new-access')
      .reply(200, ok([]));
    expect(
      await connector.execute('api_request', { method: 'GET', path: '/v1/activityTypes' }, { auth }),
    ).toEqual(ok([]));
    scope.done();
  });

  it("maps Pipedrive's errors like any operation, and never sends a POST twice", async () => {
    const notFound = nock(API)
      .get('/api/v2/deals/999')
      .reply(404, { success: false, error: 'Deal not found' });
    const missing = await fail({ method: 'GET', path: '/api/v2/deals/999' });
    notFound.done();
    expect(missing.code).toBe('not_found');
    expect(missing.message).toContain('Deal not found');

    let posts = 0;
    nock(API)
      .post('/api/v2/deals')
      .times(3)
      .reply(() => {
        posts += 1;
        return [503, { success: false, error: 'Service unavailable' }];
      });
    const down = await fail({ method: 'POST', path: '/api/v2/deals', body: { title: 'x' } });
    expect(down.code).toBe('upstream_error');
    expect(posts).toBe(1);
  });
});

describe('api_request refuses what could send the token elsewhere, before sending anything', () => {
  let unmatched: string[];
  const record = (req: Request) => unmatched.push(`${req.method} ${req.url}`);

  beforeEach(() => {
    unmatched = [];
    nock.emitter.on('no match', record);
  });

  afterEach(() => {
    nock.emitter.removeListener('no match', record);
  });

  /** Interceptors for every method on the API host and on the hosts of the attacks; none may be used. */
  function trap() {
    const scopes = [API, 'https://evil.com', 'https://oauth.pipedrive.com', 'http://api.pipedrive.com'].map(
      (host) => {
        const scope = nock(host).persist();
        for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
          scope.intercept(/.*/, method).reply(200, ok({ hit: true }));
        }
        return scope;
      },
    );
    return scopes;
  }

  const ATTACKS: [string, string][] = [
    ['absolute URL', 'https://evil.com/api/v2/deals'],
    ['absolute URL to the API host itself', 'http://api.pipedrive.com/v1/deals'],
    ['scheme-relative URL', '//evil.com/api/v2/deals'],
    ['scheme without slashes', 'https:/\\evil.com'],
    ['other scheme', 'javascript:alert(1)'],
    ['dot-dot segments', '/api/v2/../../oauth/token'],
    ['dot-dot inside the v1 prefix', '/v1/deals/../../x'],
    ['single dot segment', '/v1/deals/./1'],
    ['percent-encoded dot-dot', '/api/v2/%2e%2e/%2e%2e/x'],
    ['percent-encoded dot-dot, upper case', '/api/v2/%2E%2E/v1/users'],
    ['percent-encoded slash', '/v1/deals%2F..%2F..%2Fx'],
    ['double percent-encoding', '/v1/%252e%252e/x'],
    ['malformed percent-encoding', '/v1/deals/%zz'],
    ['backslash', '/v1\\..\\evil'],
    ['userinfo', '/api/v2/deals@evil.com'],
    ['query string in the path', '/v1/users?api_token=x'],
    ['fragment in the path', '/v1/users#frag'],
    ['CRLF injection', '/v1/users\r\nHost: evil.com'],
    ['NUL byte', '/v1/users\u0000'],
    ['empty segment', '/v1//evil.com'],
    ['outside the prefixes', '/deals'],
    ['not starting with a slash', 'v1/deals'],
    ['v2 without /api', '/v2/deals'],
    ['nothing below the prefix', '/api/v2/'],
    ['the OAuth path', '/oauth/token'],
    ['the OAuth host in the path', '/v1/oauth.pipedrive.com/oauth/token'],
    ['the OAuth host percent-encoded', '/v1/OAUTH%2Epipedrive%2Ecom'],
    ['the OAuth host in full-width letters', '/api/v2/ｏａｕｔｈ．pipedrive．com'],
    ['the OAuth URL', 'https://oauth.pipedrive.com/oauth/token'],
  ];

  it.each(ATTACKS)('%s: %j', async (_name, path) => {
    const scopes = trap();
    const pending = nock.pendingMocks().length;
    const error = await fail({ method: 'GET', path });
    expect(error.code).toBe('invalid_input');
    expect(error.details.issues?.map((i) => i.path)).toEqual(['path']);
    expect(error.message).not.toContain(TOKEN);
    for (const scope of scopes) expect(scope.isDone()).toBe(false);
    expect(nock.pendingMocks()).toHaveLength(pending);
    expect(unmatched).toEqual([]);
  });

  it('refuses a body on GET or DELETE, api_token in the query and unknown methods, naming the field', async () => {
    const scopes = trap();
    const cases: [unknown, string][] = [
      [{ method: 'GET', path: '/v1/deals', body: { a: 1 } }, 'body'],
      [{ method: 'DELETE', path: '/api/v2/deals/1', body: {} }, 'body'],
      [{ method: 'GET', path: '/v1/deals', query: { api_token: 'leak' } }, 'query.api_token'],
      [{ method: 'GET', path: '/v1/deals', query: { nested: { a: 1 } } }, 'query.nested'],
      [{ method: 'HEAD', path: '/v1/deals' }, 'method'],
      [{ method: 'GET' }, 'path'],
    ];
    for (const [input, field] of cases) {
      const error = await fail(input);
      expect(error.code, field).toBe('invalid_input');
      expect(error.details.issues?.map((i) => i.path)).toEqual([field]);
    }
    for (const scope of scopes) expect(scope.isDone()).toBe(false);
    expect(unmatched).toEqual([]);
  });

  it('checks the built URL: a connection whose API base is the OAuth server gets nothing', async () => {
    const scopes = trap();
    const auth: OAuth2Auth = {
      type: 'oauth2',
      accessToken: 'secret-access',
      apiDomain: 'https://oauth.pipedrive.com',
    };
    const error = await fail({ method: 'GET', path: '/v1/users/me' }, { auth });
    expect(error.code).toBe('invalid_input');
    expect(error.details.issues).toEqual([
      { path: 'path', message: "would leave the connection's API base" },
    ]);
    expect(error.message).not.toContain('secret-access');
    for (const scope of scopes) expect(scope.isDone()).toBe(false);
    expect(unmatched).toEqual([]);
  });

  it('keeps requests below a base URL that has a path of its own', async () => {
    const base = 'https://proxy.example.com/pipedrive';
    const scope = nock('https://proxy.example.com')
      .get('/pipedrive/api/v2/deals/1')
      .reply(200, ok({ id: 1 }));
    const ctx = { auth: { type: 'api_token' as const, apiToken: TOKEN, apiUrl: base } };
    await connector.execute('api_request', { method: 'GET', path: '/api/v2/deals/1' }, ctx);
    scope.done();
  });
});

describe('api_request with fuzzed paths', () => {
  /** Pieces of URL syntax that could move a request elsewhere, in every spelling. */
  const PIECES = [
    '/',
    '//',
    '\\',
    '.',
    '..',
    '%2e',
    '%2E%2e',
    '%2f',
    '%5c',
    '%252e',
    '@',
    ':',
    '?',
    '#',
    '%',
    '%00',
    '\t',
    '\r\n',
    'evil.com',
    'oauth.pipedrive.com',
    'ＯＡＵＴＨ．pipedrive．com',
    'http:',
    'https://evil.com',
    '．．',
    '／',
    '＠',
    'deals',
    '1',
    'v1',
    'api',
    'v2',
    'users',
    '~',
    ';',
    '&',
    '=',
    '+',
    ' ',
    '😀',
    '\u202e',
    '\ud800',
  ];
  const path = fc
    .tuple(
      fc.constantFrom('/api/v2/', '/v1/', '/', '', '//', 'https://'),
      fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 8 }),
    )
    .map(([prefix, pieces]) => `${prefix}${pieces.join('')}`);

  it('1,000 paths: refused naming `path` with nothing sent, or one request below /api/v2/ or /v1/ of the API host', async () => {
    const sent: URL[] = [];
    const elsewhere: string[] = [];
    const record = (req: Request) => elsewhere.push(`${req.method} ${req.url}`);
    nock.emitter.on('no match', record);
    const scope = nock(API).persist();
    for (const method of ['GET', 'POST']) {
      scope
        .intercept(/.*/, method)
        .query(true)
        .reply((req: Request) => {
          sent.push(new URL(req.url));
          return [200, ok({})];
        });
    }
    try {
      await fc.assert(
        fc.asyncProperty(path, fc.constantFrom('GET', 'POST'), async (candidate, method) => {
          sent.length = 0;
          const result = await connector
            .execute('api_request', { method, path: candidate }, tokenCtx({ retry: { limit: 0 } }))
            .then(
              () => undefined,
              (error: unknown) => error,
            );
          if (result !== undefined) {
            expect(result).toBeInstanceOf(ConnectorError);
            expect((result as ConnectorError).code).toBe('invalid_input');
            expect((result as ConnectorError).details.issues?.map((i) => i.path)).toEqual(['path']);
            expect(sent).toEqual([]);
          } else {
            expect(sent).toHaveLength(1);
            const url = sent[0] as URL;
            expect(url.origin).toBe(API);
            expect(url.pathname.startsWith('/api/v2/') || url.pathname.startsWith('/v1/')).toBe(true);
            expect(url.pathname.split('/')).not.toContain('..');
          }
          expect(elsewhere).toEqual([]);
        }),
        { numRuns: 1000 },
      );
    } finally {
      nock.emitter.removeListener('no match', record);
    }
  });
});
