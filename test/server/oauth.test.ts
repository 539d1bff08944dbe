import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deal, ok } from '../fixtures/entities.js';
import { startTestHost, type TestHost } from '../helpers/host.js';
import { STUB_USER } from '../helpers/pipedrive-stub.js';
import { SECRETS } from '../helpers/secrets.js';

const OAUTH = 'https://oauth.pipedrive.com';
const API_DOMAIN = 'https://acme.pipedrive.com';
const CLIENT_ID = 'client-id-5a9c1e';
const CLIENT_SECRET = SECRETS.oauthClientSecret;
const BASIC = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
const CODE = SECRETS.oauthCode;
const AT1 = SECRETS.oauthAccessToken;
const AT2 = SECRETS.oauthAccessToken2;
const RT = SECRETS.oauthRefreshToken;

const tokenAnswer = (access: string, expiresIn = 3599) => ({
  access_token: access,
  token_type: 'bearer',
  refresh_token: RT,
  scope: 'base,deals:full,contacts:read',
  expires_in: expiresIn,
  api_domain: API_DOMAIN,
});

interface Flow {
  state: string;
  /** The browser's cookies after the start (state, PKCE verifier, session), as a Cookie header. */
  cookie: string;
  cookies: { name: string; value: string; secure?: boolean; httpOnly?: boolean; sameSite?: string }[];
  location: URL;
  /** The authorize link the API call returned. */
  link: string;
}

/**
 * An authenticated `POST /oauth/authorize-url` (by `key`, default the host's), then the browser opening the link
 * (`GET /oauth/start?ticket=`, no API key): the consent page's URL, its state, and the browser's cookies.
 */
async function startFlow(host: TestHost, query = '', key?: string): Promise<Flow> {
  const asked = await host.inject({ method: 'POST', url: '/oauth/authorize-url', ...(key ? { key } : {}) });
  expect(asked.statusCode, asked.body).toBe(201);
  const link = asked.json().url as string;
  expect(link).toMatch(/^https:\/\/hooks\.example\.com\/oauth\/start\?ticket=[A-Za-z0-9_-]{43}$/);
  const opened = new URL(link);
  const response = await host.inject({ url: `${opened.pathname}${opened.search}${query}`, key: null });
  expect(response.statusCode, response.body).toBe(302);
  const location = new URL(response.headers.location as string);
  const cookies = response.cookies as Flow['cookies'];
  expect(cookies.find((c) => c.name.includes('state'))?.value).toBeTruthy();
  return {
    state: location.searchParams.get('state') as string,
    cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; '),
    cookies,
    location,
    link,
  };
}

/** Pipedrive's side of a code exchange (nock): the token answer, then `/v1/users/me`; `form()` is what was posted. */
function pipedriveGrants(expiresIn = 3599): { form(): URLSearchParams | undefined } {
  const token = tokenEndpoint(tokenAnswer(AT1, expiresIn));
  nock(API_DOMAIN)
    .matchHeader('authorization', `Bearer ${AT1}`)
    .get('/v1/users/me')
    .reply(200, { success: true, data: STUB_USER });
  return token;
}

/** Pipedrive's token endpoint (nock) answering `answer` once; `form()` is what was posted to it. */
function tokenEndpoint(answer: object): { form(): URLSearchParams | undefined } {
  let form: URLSearchParams | undefined;
  nock(OAUTH)
    .matchHeader('authorization', BASIC)
    .post('/oauth/token', (body) => {
      form = new URLSearchParams(body);
      return true;
    })
    .reply(200, answer);
  return { form: () => form };
}

/** A host with OAuth configured (and `extra` settings), ready for inject(). */
async function startOAuthHost(extra: Record<string, string> = {}): Promise<TestHost> {
  const host = await startTestHost({
    PUBLIC_URL: 'https://hooks.example.com',
    PIPEDRIVE_CLIENT_ID: CLIENT_ID,
    PIPEDRIVE_CLIENT_SECRET: CLIENT_SECRET,
    ...extra,
  });
  await host.app.ready();
  return host;
}

describe('OAuth 2.0 through the host', () => {
  let host: TestHost;

  beforeEach(async () => {
    host = await startOAuthHost();
  });

  afterEach(async () => {
    await host.close();
  });

  const start = () => startFlow(host);

  /** The whole flow: start, consent (simulated), callback with the code; returns the new connection ID. */
  async function connect(expiresIn = 3599): Promise<string> {
    const { state, cookie } = await start();
    const exchange = pipedriveGrants(expiresIn);
    const response = await host.inject({
      url: `/oauth/callback?code=${CODE}&state=${encodeURIComponent(state)}`,
      headers: { cookie },
      key: null,
    });
    expect(response.statusCode, response.body).toBe(201);
    const form = exchange.form();
    expect(form?.get('grant_type')).toBe('authorization_code');
    expect(form?.get('code')).toBe(CODE);
    expect(form?.get('redirect_uri')).toBe('https://hooks.example.com/oauth/callback');
    expect(form?.has('client_secret')).toBe(false);
    const connection = response.json();
    expect(connection).toMatchObject({
      type: 'oauth2',
      api_url: API_DOMAIN,
      user: STUB_USER,
      status: 'active',
    });
    expect(response.body).not.toContain(AT1);
    return connection.id;
  }

  const run = (connectionId: string, id = 1) =>
    host.inject({
      method: 'POST',
      url: '/operations/get_deal',
      payload: { connection_id: connectionId, input: { id } },
    });

  it('redirects to the consent page with the client, callback and a state bound to the browser', async () => {
    const { location, state } = await start();
    expect(`${location.origin}${location.pathname}`).toBe(`${OAUTH}/oauth/authorize`);
    expect(location.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(location.searchParams.get('redirect_uri')).toBe('https://hooks.example.com/oauth/callback');
    expect(location.searchParams.get('response_type')).toBe('code');
    expect(state.length).toBeGreaterThanOrEqual(16);
  });

  it('sends PKCE S256 and no scope; the token exchange carries the verifier of the signed cookie', async () => {
    const { location, state, cookie, cookies } = await start();
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.has('scope')).toBe(false);
    expect(location.toString()).not.toContain('undefined');
    const verifier = cookies.find((c) => c.name.includes('verifier'));
    // Signed: the cookie is the value plus a signature, and the state cookie is not the bare state.
    expect(verifier?.value).toMatch(/\.[A-Za-z0-9+/_-]+$/);
    expect(cookies.find((c) => c.name.includes('state'))?.value).not.toBe(state);
    const signed = String(verifier?.value);
    const raw = signed.slice(0, signed.lastIndexOf('.'));
    expect(location.searchParams.get('code_challenge')).toBe(
      createHash('sha256').update(raw).digest('base64url'),
    );
    for (const c of cookies) {
      expect(c.httpOnly, c.name).toBe(true);
      expect(c.secure, c.name).toBe(true);
      expect(c.name, 'https: host-only cookies').toMatch(/^__Host-/);
    }
    const exchange = pipedriveGrants();
    const response = await host.inject({
      url: `/oauth/callback?code=${CODE}&state=${encodeURIComponent(state)}`,
      headers: { cookie },
      key: null,
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(exchange.form()?.get('code_verifier')).toBe(raw);
  });

  it('an altered cookie (state, verifier or session) is refused before the code is exchanged', async () => {
    for (const part of ['state', 'verifier', 'session']) {
      const { state, cookies } = await start();
      const cookie = cookies
        .map((c) => `${c.name}=${c.name.includes(part) ? `x${c.value}` : c.value}`)
        .join('; ');
      const response = await host.inject({
        url: `/oauth/callback?code=${CODE}&state=${encodeURIComponent(state)}`,
        headers: { cookie },
        key: null,
      });
      expect(response.statusCode, part).toBe(400);
    }
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('an authorize link works once; an unknown ticket is refused', async () => {
    const { link } = await start();
    const opened = new URL(link);
    const again = await host.inject({ url: `${opened.pathname}${opened.search}`, key: null });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.message).toContain('used already');
    expect((await host.inject({ url: '/oauth/start?ticket=nope', key: null })).statusCode).toBe(400);
    // Asking for a link needs a key.
    expect((await host.inject({ method: 'POST', url: '/oauth/authorize-url', key: null })).statusCode).toBe(
      401,
    );
  });

  it('creates the connection in the workspace of the key that asked for the link, and only there', async () => {
    const other = await host.newKey('oauth-ws');
    const { state, cookie } = await startFlow(host, '', other);
    pipedriveGrants();
    const response = await host.inject({
      url: `/oauth/callback?code=${CODE}&state=${encodeURIComponent(state)}`,
      headers: { cookie },
      key: null,
    });
    expect(response.statusCode, response.body).toBe(201);
    const { id, workspace_id } = response.json();
    expect(workspace_id).toBe('oauth-ws');
    expect((await host.inject({ url: `/connections/${id}`, key: other })).statusCode).toBe(200);
    expect((await host.inject({ url: `/connections/${id}` })).statusCode).toBe(404);
  });

  it('audits the connection as made by the key that asked for the link; a failed audit write is logged, not a 500', async () => {
    const other = await host.newKey('oauth-audit');
    const { state, cookie } = await startFlow(host, '', other);
    pipedriveGrants();
    const callback = () =>
      host.inject({
        url: `/oauth/callback?code=${CODE}&state=${encodeURIComponent(state)}`,
        headers: { cookie },
        key: null,
      });
    const record = vi.spyOn(host.store, 'recordAudit').mockRejectedValueOnce(new Error('disk full'));
    const response = await callback();
    expect(response.statusCode, response.body).toBe(201);
    const { id } = response.json();
    expect(record).toHaveBeenCalledWith({
      key_id: other.split('_')[1],
      workspace_id: 'oauth-audit',
      action: 'connection.create',
      target_id: id,
    });
    record.mockRestore();
    expect(host.logs()).toContain('could not record an audit entry');
    expect((await host.inject({ url: `/connections/${id}`, key: other })).statusCode).toBe(200);
  });

  it.each([
    ['another host', 'https://evil.example.com'],
    ['plain http', 'http://acme.pipedrive.com'],
    ['a port', 'https://acme.pipedrive.com:8443'],
    ["Pipedrive's OAuth server", 'https://oauth.pipedrive.com'],
  ])('refuses an api_domain on %s: the token is not sent there, no connection', async (_what, apiDomain) => {
    const { state, cookie } = await start();
    tokenEndpoint({ ...tokenAnswer(AT1), api_domain: apiDomain });
    const response = await host.inject({
      url: `/oauth/callback?code=${CODE}&state=${encodeURIComponent(state)}`,
      headers: { cookie },
      key: null,
    });
    expect(response.statusCode).toBe(502);
    expect(response.json().error.message).toContain('api_domain');
    expect(nock.pendingMocks()).toEqual([]);
    expect((await host.inject({ url: '/connections' })).json().connections).toEqual([]);
  });

  /** The callback of a started flow, with the browser's cookies and `code`. */
  const callback = (flow: Flow, code: string = CODE) =>
    host.inject({
      url: `/oauth/callback?code=${code}&state=${encodeURIComponent(flow.state)}`,
      headers: { cookie: flow.cookie },
      key: null,
    });

  /** Pipedrive's revoke endpoint (nock), once; `form()` is what was posted. */
  function revokeEndpoint(): { form(): URLSearchParams | undefined; done(): void } {
    let form: URLSearchParams | undefined;
    const scope = nock(OAUTH)
      .matchHeader('authorization', BASIC)
      .post('/oauth/revoke', (body) => {
        form = new URLSearchParams(body);
        return true;
      })
      .reply(200, {});
    return { form: () => form, done: () => scope.done() };
  }

  it('a flow completes once: its signed cookies replayed with a fresh code are refused, nothing exchanged (issue 21)', async () => {
    const flow = await start();
    pipedriveGrants();
    expect((await callback(flow)).statusCode).toBe(201);
    // The attacker kept the browser's cookies and got a new code: no second connection from the one ticket.
    for (const code of ['fresh-code-1', 'fresh-code-2']) {
      tokenEndpoint(tokenAnswer(AT2));
      const replay = await callback(flow, code);
      expect(replay.statusCode).toBe(400);
      expect(replay.json().error.message).toContain('completed already');
    }
    expect(nock.pendingMocks()).toHaveLength(2);
    expect((await host.inject({ url: '/connections' })).json().connections).toHaveLength(1);
  });

  it('two callbacks of one flow at once: one connection', async () => {
    const flow = await start();
    pipedriveGrants();
    const answers = await Promise.all([callback(flow), callback(flow, 'fresh-code-3')]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 400]);
    expect((await host.inject({ url: '/connections' })).json().connections).toHaveLength(1);
  });

  it('revoking the key that asked for the link stops its flow, at the start and at the callback (issue 21)', async () => {
    const revoke = async (key: string) => {
      const id = key.split('_')[1] as string;
      expect((await host.inject({ method: 'DELETE', url: `/keys/${id}` })).statusCode).toBe(204);
    };
    // Revoked before the browser opens the link.
    const early = await host.newKey('oauth-revoked');
    const asked = await host.inject({ method: 'POST', url: '/oauth/authorize-url', key: early });
    await revoke(early);
    const link = new URL(asked.json().url);
    const opened = await host.inject({ url: `${link.pathname}${link.search}`, key: null });
    expect(opened.statusCode).toBe(400);
    // Revoked while the user is on Pipedrive's consent page.
    const late = await host.newKey('oauth-revoked');
    const flow = await startFlow(host, '', late);
    await revoke(late);
    tokenEndpoint(tokenAnswer(AT1));
    const answer = await callback(flow);
    expect(answer.statusCode).toBe(400);
    expect(answer.json().error.message).toContain('revoked');
    expect(nock.pendingMocks()).toHaveLength(1);
    expect(await host.store.workspace('oauth-revoked').listConnections()).toEqual([]);
  });

  it('a flow that fails after the token exchange revokes its grant: api_domain refused, user lookup failed (issue 21)', async () => {
    const refused = await start();
    tokenEndpoint({ ...tokenAnswer(AT1), api_domain: 'http://127.0.0.1:9' });
    const revokedDomain = revokeEndpoint();
    expect((await callback(refused)).statusCode).toBe(502);
    revokedDomain.done();
    expect(revokedDomain.form()?.get('token')).toBe(RT);
    expect(revokedDomain.form()?.get('token_type_hint')).toBe('refresh_token');

    const lookup = await start();
    tokenEndpoint(tokenAnswer(AT1));
    // An answer without the user (an error status would be retried, seconds of backoff, to the same end).
    nock(API_DOMAIN).get('/v1/users/me').reply(200, { success: true, data: null });
    const revokedLookup = revokeEndpoint();
    const answer = await callback(lookup);
    expect(answer.statusCode).toBe(502);
    revokedLookup.done();
    expect(revokedLookup.form()?.get('token')).toBe(RT);
    expect((await host.inject({ url: '/connections' })).json().connections).toEqual([]);
  });

  it('a refresh answering with another api_domain is refused: the new token goes nowhere', async () => {
    const id = await connect(30);
    tokenEndpoint({ ...tokenAnswer(AT2), api_domain: 'https://evil.example.com' });
    const response = await run(id);
    expect(response.statusCode).toBe(502);
    expect(response.json().error.message).toContain('api_domain');
    expect((await host.store.getConnection(id))?.secret).toMatchObject({ access_token: AT1 });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('completes the flow and calls the API on api_domain with the bearer token', async () => {
    const id = await connect();
    const scope = nock(API_DOMAIN, { badheaders: ['x-api-token'] })
      .matchHeader('authorization', `Bearer ${AT1}`)
      .get('/api/v2/deals/1')
      .reply(200, ok(deal(1)));
    const response = await run(id);
    expect(response.statusCode).toBe(200);
    expect(response.json().output.data.id).toBe(1);
    scope.done();
  });

  it('answers user_denied with 400 and a clear message', async () => {
    const { state, cookie } = await start();
    const response = await host.inject({
      url: `/oauth/callback?error=user_denied&state=${state}`,
      headers: { cookie },
      key: null,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('did not allow access');
  });

  it('refuses a callback whose state is missing or is not this browser’s, with 400', async () => {
    const { cookie } = await start();
    const foreign = await host.inject({
      url: `/oauth/callback?code=${CODE}&state=someone-elses`,
      headers: { cookie },
      key: null,
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.message).toContain('state');
    const { state } = await start();
    const noCookie = await host.inject({ url: `/oauth/callback?code=${CODE}&state=${state}`, key: null });
    expect(noCookie.statusCode).toBe(400);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('refreshes the token shortly before it expires and stores the new one', async () => {
    const id = await connect(30);
    const token = tokenEndpoint(tokenAnswer(AT2));
    const scope = nock(API_DOMAIN)
      .matchHeader('authorization', `Bearer ${AT2}`)
      .get('/api/v2/deals/1')
      .reply(200, ok(deal(1)));
    expect((await run(id)).statusCode).toBe(200);
    scope.done();
    expect(token.form()?.get('grant_type')).toBe('refresh_token');
    expect(token.form()?.get('refresh_token')).toBe(RT);
    const stored = await host.store.getConnection(id);
    expect(stored?.secret).toMatchObject({ access_token: AT2, refresh_token: RT });
  });

  it('50 concurrent calls meeting one 401 cause exactly one refresh', async () => {
    const id = await connect();
    let refreshes = 0;
    nock(OAUTH)
      .post('/oauth/token')
      .times(50)
      .reply(() => {
        refreshes += 1;
        return [200, tokenAnswer(AT2)];
      });
    nock(API_DOMAIN)
      .get(/\/api\/v2\/deals\/\d+/)
      .times(100)
      .reply((req: Request) => {
        const bearer = req.headers.get('authorization');
        return bearer === `Bearer ${AT2}`
          ? [200, ok(deal(1))]
          : [401, { success: false, error: 'unauthorized access' }];
      });
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => run(id, i + 1)));
    expect(responses.map((r) => r.statusCode).filter((s) => s !== 200)).toEqual([]);
    expect(refreshes).toBe(1);
  });

  it('marks the connection reauthorization_required on invalid_grant, and stops calling Pipedrive', async () => {
    const id = await connect(10);
    const token = nock(OAUTH)
      .post('/oauth/token')
      .reply(400, { error: 'invalid_grant', error_description: 'Invalid grant: refresh token is invalid' });
    const first = await run(id);
    expect(first.statusCode).toBe(401);
    expect(first.json().error.code).toBe('reauthorization_required');
    expect(first.json().error.message).toContain('POST /oauth/authorize-url');
    token.done();
    expect((await host.store.getConnection(id))?.status).toBe('reauthorization_required');
    const again = await run(id);
    expect(again.json().error.code).toBe('reauthorization_required');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('revokes the tokens at Pipedrive when the connection is deleted', async () => {
    const id = await connect();
    const revoked = revokeEndpoint();
    expect((await host.inject({ method: 'DELETE', url: `/connections/${id}` })).statusCode).toBe(204);
    revoked.done();
    expect(revoked.form()?.get('token')).toBe(RT);
    expect(revoked.form()?.get('token_type_hint')).toBe('refresh_token');
    expect(await host.store.getConnection(id)).toBeUndefined();
  });

  it('keeps tokens and the client secret out of the database file and the log', async () => {
    const id = await connect(30);
    nock(OAUTH).post('/oauth/token').reply(200, tokenAnswer(AT2));
    nock(API_DOMAIN)
      .get('/api/v2/deals/1')
      .reply(200, ok(deal(1)));
    expect((await run(id)).statusCode).toBe(200);
    const files = [readFileSync(host.dbFile), readFileSync(`${host.dbFile}-wal`, { flag: 'a+' })];
    for (const secret of [AT1, AT2, RT, CLIENT_SECRET, CODE]) {
      for (const file of files) expect(file.includes(secret), secret).toBe(false);
      expect(host.logs(), secret).not.toContain(secret);
    }
    expect(host.logs()).toContain('/oauth/callback?code=[redacted]');
  });
});

describe('a host without an OAuth app', () => {
  it('says that OAuth is not configured', async () => {
    const host = await startTestHost();
    try {
      for (const response of [
        await host.inject({ method: 'POST', url: '/oauth/authorize-url' }),
        await host.inject({ url: '/oauth/start?ticket=x', key: null }),
      ]) {
        expect(response.statusCode).toBe(404);
        expect(response.json().error.message).toContain('PIPEDRIVE_CLIENT_ID');
      }
    } finally {
      await host.close();
    }
  });
});

describe('the OAuth routes are no open redirect', () => {
  const SUCCESS = 'https://app.example.com/connected?from=pipedrive';
  const EVIL =
    '&redirect=https://evil.com&next=//evil.com&return_to=https%3A%2F%2Fevil.com&redirect_uri=https://evil.com/cb';
  let host: TestHost;

  beforeEach(async () => {
    host = await startOAuthHost({ OAUTH_SUCCESS_URL: SUCCESS });
  });

  afterEach(async () => {
    await host.close();
  });

  it('the authorize link sends the browser to Pipedrive with the host’s own callback, whatever the query says', async () => {
    const { location } = await startFlow(host, `&x=1${EVIL}`);
    expect(`${location.origin}${location.pathname}`).toBe(`${OAUTH}/oauth/authorize`);
    expect(location.searchParams.get('redirect_uri')).toBe('https://hooks.example.com/oauth/callback');
    expect(location.toString()).not.toContain('evil.com');
  });

  it('a completed flow redirects to OAUTH_SUCCESS_URL only; redirect, next, return_to and redirect_uri are ignored', async () => {
    const { state, cookie } = await startFlow(host);
    const exchange = pipedriveGrants();
    const response = await host.inject({
      url: `/oauth/callback?code=${CODE}&state=${encodeURIComponent(state)}${EVIL}`,
      headers: { cookie },
      key: null,
    });
    expect(response.statusCode).toBe(302);
    const target = new URL(response.headers.location as string);
    expect(`${target.origin}${target.pathname}`).toBe('https://app.example.com/connected');
    expect(target.searchParams.get('from')).toBe('pipedrive');
    const id = target.searchParams.get('connection_id') as string;
    expect(await host.store.getConnection(id)).toBeDefined();
    expect([...target.searchParams.keys()].sort()).toEqual(['connection_id', 'from']);
    // The code was exchanged for the host's own callback, not for the one in the query.
    expect(exchange.form()?.get('redirect_uri')).toBe('https://hooks.example.com/oauth/callback');
  });

  it('every error path answers 400 JSON with no Location, whatever the query says', async () => {
    const { state, cookie } = await startFlow(host);
    const attempts = [
      `?error=user_denied${EVIL}`,
      `?error=${encodeURIComponent('https://evil.com/\r\nLocation: https://evil.com')}&state=${state}`,
      `?code=${CODE}&state=forged${EVIL}`,
      `?state=${state}${EVIL}`,
      `?code=${CODE}${EVIL}`,
    ];
    for (const query of attempts) {
      const response = await host.inject({ url: `/oauth/callback${query}`, headers: { cookie }, key: null });
      expect(response.statusCode, query).toBe(400);
      expect(response.headers.location, query).toBeUndefined();
      expect(String(response.headers['content-type']), query).toContain('application/json');
      expect(response.json().error.code, query).toBe('invalid_input');
    }
    // Without this browser's cookie, a valid-looking callback is refused too.
    const foreign = await host.inject({
      url: `/oauth/callback?code=${CODE}&state=${state}${EVIL}`,
      key: null,
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.headers.location).toBeUndefined();
    expect(nock.pendingMocks()).toEqual([]);
  });
});
