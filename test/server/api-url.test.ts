/**
 * `POST /connections` with an `api_url`: only the configured PIPEDRIVE_API_URL or a company's own
 * `https://<company>.pipedrive.com` is taken, in canonical form; anything that could send the token (or any
 * request) to another host, or to Pipedrive's OAuth server, is refused before anything is sent.
 */
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from '../helpers/host.js';
import { STUB_USER } from '../helpers/pipedrive-stub.js';
import { SECRETS } from '../helpers/secrets.js';

const TOKEN = SECRETS.hostToken;

describe('POST /connections api_url', () => {
  let host: TestHost;
  let unmatched: string[];
  const record = (req: Request) => unmatched.push(`${req.method} ${req.url}`);

  beforeAll(async () => {
    host = await startTestHost();
    await host.app.ready();
  });

  afterAll(async () => {
    await host.close();
  });

  beforeEach(() => {
    unmatched = [];
    nock.emitter.on('no match', record);
  });

  afterEach(() => {
    nock.emitter.removeListener('no match', record);
  });

  const create = (api_url: string) =>
    host.inject({
      method: 'POST',
      url: '/connections',
      payload: { type: 'api_token', api_token: TOKEN, api_url },
    });

  it.each([
    ['another host', 'https://evil.com'],
    ['plain http', 'http://acme.pipedrive.com'],
    ["Pipedrive's OAuth server", 'https://oauth.pipedrive.com'],
    ['the OAuth server in capitals', 'https://OAUTH.Pipedrive.com/'],
    ['a look-alike suffix', 'https://acme.pipedrive.com.evil.com'],
    ['userinfo hiding the host', 'https://acme.pipedrive.com@evil.com'],
    ['userinfo on the right host', 'https://user:pass@acme.pipedrive.com'],
    ['a port', 'https://acme.pipedrive.com:8443'],
    ['a path', 'https://acme.pipedrive.com/proxy'],
    ['a query', 'https://acme.pipedrive.com/?next=https://evil.com'],
    ['a fragment', 'https://acme.pipedrive.com/#x'],
    ['a backslash', 'https://evil.com\\.pipedrive.com'],
    ['a sub-subdomain', 'https://a.b.pipedrive.com'],
    ['pipedrive.com itself', 'https://pipedrive.com'],
    ['an IP address', 'https://127.0.0.1'],
    ['the metadata service', 'http://169.254.169.254/latest/meta-data'],
    ['another scheme', 'file:///etc/passwd'],
    ['not a URL', 'acme.pipedrive.com'],
  ])('%s (%s): 400 naming api_url, nothing sent', async (_what, apiUrl) => {
    const trap = [
      'https://evil.com',
      'https://oauth.pipedrive.com',
      'https://acme.pipedrive.com',
      'https://api.pipedrive.com',
    ].map((origin) => nock(origin).persist().get(/.*/).reply(200, { success: true, data: STUB_USER }));
    const response = await create(apiUrl);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.issues.map((i: { path: string }) => i.path)).toEqual(['api_url']);
    expect(response.body).not.toContain(TOKEN);
    for (const scope of trap) expect(scope.isDone()).toBe(false);
    expect(unmatched).toEqual([]);
    expect(
      (await host.store.workspace('default').listConnections()).filter(
        (c) => c.api_url !== 'https://api.pipedrive.com',
      ),
    ).toEqual([]);
  });

  it("takes a company's own domain, stored in canonical form, and checks the token there", async () => {
    const scope = nock('https://acme.pipedrive.com', { badheaders: ['authorization'] })
      .matchHeader('x-api-token', TOKEN)
      .get('/v1/users/me')
      .reply(200, { success: true, data: STUB_USER });
    const response = await create('https://ACME.pipedrive.com/');
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().api_url).toBe('https://acme.pipedrive.com');
    scope.done();
    expect(unmatched).toEqual([]);
  });
});
