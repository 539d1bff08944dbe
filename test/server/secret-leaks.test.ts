/**
 * Secrets in logs and answers: every test file's hosts are checked after the file (test/setup.ts, with the
 * registry of test/helpers/secrets.ts). Here: that check itself works, and the paths where a secret is an
 * input — wrong tokens, refused credentials, bad input around a token — keep it out of logs and answers.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { basic, v2Payload } from '../fixtures/webhooks.js';
import { takeUndocumentedAnswers } from '../helpers/answers.js';
import { startTestHost } from '../helpers/host.js';
import { registerSecret, SECRETS, takeLeaks } from '../helpers/secrets.js';
import { basicAuth, connect, PD, subscribe } from '../helpers/triggers.js';

describe('secrets in what a host logs and answers', () => {
  it('the check sees a secret that a host logged', async () => {
    const host = await startTestHost();
    host.app.log.warn({ note: `a careless ${SECRETS.apiToken}` }, 'oops');
    await host.close();
    const leaks = takeLeaks();
    expect(leaks).toHaveLength(1);
    expect(leaks[0]).toContain('the log of the test host');
    expect(leaks[0]).not.toContain(SECRETS.apiToken);
  });

  it('the check sees a secret that a host answered', async () => {
    const host = await startTestHost();
    host.app.get('/careless', { config: { access: 'public' } }, async () => ({ token: SECRETS.apiToken }));
    await host.inject({ url: '/careless' });
    await host.close();
    expect(takeLeaks().some((leak) => leak.includes('the answers of the test host'))).toBe(true);
    // The route is this test's own, not the host's: its answer is not one the document should describe.
    expect(takeUndocumentedAnswers()).toEqual([
      'GET /careless → 200: a JSON body, but no schema is documented',
    ]);
  });

  it('wrong tokens, refused credentials and bad input around secrets: none in the log or the answers', async () => {
    const host = await startTestHost();
    const wrong = 'wrong-token-ffeeddccbbaa99887766554433';
    registerSecret(wrong);
    nock(PD)
      .get('/v1/users/me')
      .reply(401, { success: false, error: 'unauthorized access', error_info: 'Please check the API token' });
    const refused = await host.inject({
      method: 'POST',
      url: '/connections',
      payload: { type: 'api_token', api_token: wrong },
    });
    expect(refused.statusCode).toBe(401);
    const elsewhere = await host.inject({
      method: 'POST',
      url: '/connections',
      payload: { type: 'api_token', api_token: wrong, api_url: 'https://evil.example.com' },
    });
    expect(elsewhere.statusCode).toBe(400);
    const tooLong = await host.inject({
      method: 'POST',
      url: '/connections',
      payload: { type: 'api_token', api_token: `${wrong}${'x'.repeat(300)}`, extra: wrong },
    });
    expect(tooLong.statusCode).toBe(400);

    const connectionId = await connect(host);
    const asQuery = await host.inject({
      method: 'POST',
      url: '/operations/api_request',
      payload: {
        connection_id: connectionId,
        input: { method: 'GET', path: '/v1/users', query: { api_token: SECRETS.hostToken } },
      },
    });
    expect(asQuery.statusCode).toBe(400);
    nock(PD).get('/api/v2/deals/1').reply(401, { success: false, error: 'unauthorized access' });
    const upstream = await host.inject({
      method: 'POST',
      url: '/operations/get_deal',
      payload: { connection_id: connectionId, input: { id: 1 } },
    });
    expect(upstream.statusCode).toBe(401);

    const s = await subscribe(host, connectionId, 'new_deal');
    const deliveries = [
      basic(s.user, `${s.password}x`),
      basic(s.user, s.password.slice(0, -1)),
      `Basic ${s.password}`,
      basicAuth(s),
    ];
    for (const authorization of deliveries) {
      await host.inject({
        method: 'POST',
        url: `/webhooks/pipedrive/${s.id}?password=${s.password}&api_token=${SECRETS.hostToken}`,
        headers: { authorization, 'content-type': 'application/json' },
        payload: JSON.stringify(v2Payload()),
      });
    }
    const listed = await host.inject({ url: '/subscriptions' });
    expect(listed.statusCode).toBe(200);
    await host.close();
    // Attributed here rather than at the end of the file.
    expect(takeLeaks()).toEqual([]);
  });
});
