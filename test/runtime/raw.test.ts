import fc from 'fast-check';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import connector from '../../index.js';
import type { OAuth2Auth } from '../../runtime/context.js';
import { ConnectorError } from '../../runtime/errors.js';
import { isSecretKey, redactSecrets, redactUrl, SECRET_FIELDS } from '../../runtime/raw.js';
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

describe('api_request redacts every secret of a raw answer (issue 21)', () => {
  afterEach(() => nock.cleanAll());

  const SECRET = (n: number) => `s3cret-value-${n}-0123456789abcdef`;

  it('any key naming a secret, any value type, and credentials in URLs: GET /v1/webhooks and the like', async () => {
    nock(API)
      .get('/v1/webhooks')
      .reply(200, {
        success: true,
        data: [
          {
            id: 1,
            http_auth_user: 'pdc_a',
            http_auth_password: SECRET(1),
            token: SECRET(2),
            secret: SECRET(3),
            api_key: SECRET(4),
            'x-api-token': SECRET(5),
            access_token: [SECRET(6), SECRET(7)],
            refresh_token: { value: SECRET(8) },
            password: 123456789012345,
            ClientSecret: SECRET(9),
            'Authorization ': `Bearer ${SECRET(10)}`,
            private_key: true,
            subscription_url: `https://hook-user:${SECRET(11)}@hooks.example.com/pd?id=4&access_token=${SECRET(12)}`,
            note: `see http://${SECRET(13)}@10.0.0.1/x?API_KEY=${SECRET(14)}&page=2 for more`,
            nested: [{ deeper: { Api_Token: SECRET(15), name: 'kept' } }],
          },
          {
            id: 2,
            http_auth_password: null,
            token: '',
            name: 'plain',
            url: 'https://acme.pipedrive.com/deal/1?x=1',
          },
        ],
      });
    const output = (await connector.execute(
      'api_request',
      { method: 'GET', path: '/v1/webhooks' },
      tokenCtx(),
    )) as { data: Record<string, unknown>[] };
    const text = JSON.stringify(output);
    for (let n = 1; n <= 15; n++) expect(text, SECRET(n)).not.toContain(SECRET(n));
    expect(text).not.toContain('123456789012345');
    expect(output.data[0]).toMatchObject({
      id: 1,
      http_auth_user: 'pdc_a',
      http_auth_password: '[redacted]',
      access_token: '[redacted]',
      refresh_token: '[redacted]',
      password: '[redacted]',
      private_key: '[redacted]',
      subscription_url: 'https://[redacted]@hooks.example.com/pd?id=4&access_token=[redacted]',
      note: 'see http://[redacted]@10.0.0.1/x?API_KEY=[redacted]&page=2 for more',
      nested: [{ deeper: { Api_Token: '[redacted]', name: 'kept' } }],
    });
    // Nothing secret stays as it was: null and empty values, names, other URLs.
    expect(output.data[1]).toEqual({
      id: 2,
      http_auth_password: null,
      token: '',
      name: 'plain',
      url: 'https://acme.pipedrive.com/deal/1?x=1',
    });
  });

  it('whatever the answer, a secret under a key naming one, or in a URL, never comes back (fuzzed)', () => {
    const words = [
      'token',
      'secret',
      'password',
      'api_key',
      'apikey',
      'authorization',
      'access_token',
      'passwd',
    ];
    /** `api_key` as `API-Key`, `apiKey`, `X_API_KEY`, ...: case and separators vary. */
    const secretKey = fc
      .tuple(
        fc.constantFrom(...words),
        fc.constantFrom('', 'x-', 'http_auth_', 'my.', 'Client '),
        fc.constantFrom('', '_', '-', '.', ' '),
        fc.boolean(),
      )
      .map(([word, prefix, sep, upper]) => {
        const name = `${prefix}${word.replace(/_/g, sep)}`;
        return upper ? name.toUpperCase() : name;
      });
    let n = 0;
    const marker = () => `zz-secret-${++n}-0123456789`;
    const secretValue = fc.constantFrom('string', 'number', 'array', 'object', 'url').map((kind) => {
      const value = marker();
      if (kind === 'number') return { value: 987_654_000.25 + n, markers: [String(987_654_000.25 + n)] };
      if (kind === 'array') return { value: [value, 1], markers: [value] };
      if (kind === 'object') return { value: { inner: value }, markers: [value] };
      return { value, markers: [value] };
    });
    const urlWithSecret = fc.constantFrom('userinfo', 'query').map((kind) => {
      const value = marker();
      return kind === 'userinfo'
        ? { value: `https://user:${value}@example.com/a`, markers: [value] }
        : { value: `https://example.com/a?b=1&token=${value}`, markers: [value] };
    });
    const answer = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 2 }).map((value) => ({ value, markers: [] as string[] })),
        urlWithSecret,
        tie('object'),
        tie('array'),
      ),
      object: fc
        .array(
          fc.oneof(
            fc.tuple(secretKey, secretValue),
            fc.tuple(
              fc
                .string()
                .filter(
                  (k) =>
                    !/token|secret|passw|pwd|apikey|authorization|credential|cookie/i.test(
                      k.replace(/[^a-z0-9]/gi, ''),
                    ),
                ),
              tie('node') as fc.Arbitrary<{ value: unknown; markers: string[] }>,
            ),
          ),
          { maxLength: 5 },
        )
        .map((entries) => {
          const value: Record<string, unknown> = {};
          const markers: string[] = [];
          for (const [key, item] of entries) {
            Object.defineProperty(value, key, {
              value: item.value,
              enumerable: true,
              writable: true,
              configurable: true,
            });
            markers.push(...item.markers);
          }
          return { value, markers };
        }),
      array: fc
        .array(tie('node') as fc.Arbitrary<{ value: unknown; markers: string[] }>, { maxLength: 4 })
        .map((items) => ({ value: items.map((i) => i.value), markers: items.flatMap((i) => i.markers) })),
    }));
    fc.assert(
      fc.property(answer.object, ({ value, markers }) => {
        const text = JSON.stringify(redactSecrets(structuredClone(value)));
        for (const marker of markers) expect(text).not.toContain(marker);
      }),
      { numRuns: 500 },
    );
  });

  it('the log redacts URLs by the same rule (one owner: runtime/raw.ts)', () => {
    expect(redactUrl('/oauth/callback?code=abc&state=def&x=1')).toBe(
      '/oauth/callback?code=[redacted]&state=[redacted]&x=1',
    );
    expect(redactUrl('/oauth/start?ticket=t1')).toBe('/oauth/start?ticket=[redacted]');
    for (const field of SECRET_FIELDS) expect(isSecretKey(field), field).toBe(true);
    for (const field of ['http_auth_user', 'name', 'id', 'owner_id', 'api_domain', 'url']) {
      expect(isSecretKey(field), field).toBe(false);
    }
  });
});

describe('typed operations redact only the exact secret fields', () => {
  afterEach(() => nock.cleanAll());

  it("list_webhooks hides each webhook's password; a note's text with a ?code= link stays the user's", async () => {
    const scope = nock(API, { reqheaders: { 'x-api-token': TOKEN } })
      .get('/v1/webhooks')
      .reply(200, {
        success: true,
        data: [{ id: 7, http_auth_user: 'pdc_a', http_auth_password: 'hunter2-hunter2', name: 'Deals' }],
      })
      .get('/v1/notes/5')
      .reply(200, ok({ id: 5, content: 'Sign-up link: https://app.example/join?code=AB12&key=team' }));
    const hooks = (await connector.execute('list_webhooks', {}, tokenCtx())) as {
      data: Record<string, unknown>[];
    };
    expect(hooks.data[0]).toMatchObject({ http_auth_user: 'pdc_a', http_auth_password: '[redacted]' });
    const note = (await connector.execute('get_note', { id: 5 }, tokenCtx())) as {
      data: { content: string };
    };
    expect(note.data.content).toBe('Sign-up link: https://app.example/join?code=AB12&key=team');
    scope.done();
  });
});
