import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { oauthRefresher, PipedriveOAuth } from '../../auth/oauth2.js';
import connector from '../../index.js';
import type { OAuth2Auth } from '../../runtime/context.js';
import { ConnectorError } from '../../runtime/errors.js';
import { deal, ok } from '../fixtures/entities.js';

const DOMAIN = 'https://acme.pipedrive.com';

describe('OAuth for engines that keep their own tokens (plugin API)', () => {
  it('calls ctx.auth.refresh once on a 401, retries with the new token, and leaves the new tokens in ctx.auth', async () => {
    let refreshed = 0;
    const auth: OAuth2Auth = {
      type: 'oauth2',
      accessToken: 'old-access',
      refreshToken: 'the-refresh',
      apiDomain: DOMAIN,
      refresh: async () => {
        refreshed += 1;
        return {
          accessToken: 'new-access',
          refreshToken: 'the-refresh',
          apiDomain: DOMAIN,
          expiresAt: Date.now() + 3.6e6,
        };
      },
    };
    const scope = nock(DOMAIN)
      .get('/api/v2/deals/1')
      .matchHeader('authorization', 'Bearer old-access')
      .reply(401, { success: false, error: 'unauthorized access' })
      .get('/api/v2/deals/1')
      .matchHeader('authorization', 'Bearer new-access')
      .reply(200, ok(deal(1)));
    await connector.execute('get_deal', { id: 1 }, { auth });
    scope.done();
    expect(refreshed).toBe(1);
    expect(auth.accessToken).toBe('new-access');
  });

  it('refreshes before sending when the token expires within a minute', async () => {
    const auth: OAuth2Auth = {
      type: 'oauth2',
      accessToken: 'expiring',
      apiDomain: DOMAIN,
      expiresAt: new Date(Date.now() + 5_000).toISOString(),
      refresh: async () => ({ accessToken: 'fresh', apiDomain: DOMAIN, expiresAt: Date.now() + 3.6e6 }),
    };
    const scope = nock(DOMAIN)
      .get('/api/v2/deals/2')
      .matchHeader('authorization', 'Bearer fresh')
      .reply(200, ok(deal(2)));
    await connector.execute('get_deal', { id: 2 }, { auth });
    scope.done();
  });

  it('gives up after one refresh: a second 401 is unauthorized', async () => {
    let refreshed = 0;
    const auth: OAuth2Auth = {
      type: 'oauth2',
      accessToken: 'a',
      apiDomain: DOMAIN,
      refresh: async () => {
        refreshed += 1;
        return { accessToken: 'b', apiDomain: DOMAIN };
      },
    };
    nock(DOMAIN).get('/api/v2/deals/3').times(2).reply(401, { success: false, error: 'unauthorized access' });
    const error = await connector.execute('get_deal', { id: 3 }, { auth }).catch((e: unknown) => e);
    expect((error as ConnectorError).code).toBe('unauthorized');
    expect(refreshed).toBe(1);
  });

  it('oauthRefresher: Basic client auth, one token request for concurrent callers, new tokens saved', async () => {
    const oauth = new PipedriveOAuth({ clientId: 'cid', clientSecret: 'csecret' });
    let requests = 0;
    nock('https://oauth.pipedrive.com')
      .matchHeader('authorization', `Basic ${Buffer.from('cid:csecret').toString('base64')}`)
      .post('/oauth/token', 'grant_type=refresh_token&refresh_token=r1')
      .times(5)
      .reply(() => {
        requests += 1;
        return [
          200,
          {
            access_token: 'a2',
            refresh_token: 'r1',
            expires_in: 3599,
            api_domain: DOMAIN,
            token_type: 'bearer',
          },
        ];
      });
    const saved: unknown[] = [];
    const refresh = oauthRefresher(oauth, { refreshToken: 'r1' }, (tokens) => {
      saved.push(tokens);
    });
    const results = await Promise.all([refresh(), refresh(), refresh()]);
    expect(requests).toBe(1);
    expect(results.map((r) => r.accessToken)).toEqual(['a2', 'a2', 'a2']);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ accessToken: 'a2', refreshToken: 'r1', apiDomain: DOMAIN });
  });

  it('turns invalid_grant into reauthorization_required', async () => {
    nock('https://oauth.pipedrive.com').post('/oauth/token').reply(400, { error: 'invalid_grant' });
    const error = await new PipedriveOAuth({ clientId: 'c', clientSecret: 's' })
      .refresh('gone')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe('reauthorization_required');
    expect((error as ConnectorError).message).not.toContain('gone');
  });
});
