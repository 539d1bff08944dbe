/**
 * What the second security review found (issue 21), the smaller items each with its test here: settings that
 * contradict each other (an engine URL with user info beside ENGINE_TOKEN, a replay window longer than retention),
 * an answer of Pipedrive nested too deep to serialize, secrets of a raw answer through the host.
 * The larger items have files of their own: sockets (sockets.test.ts), OAuth (oauth.test.ts), roles
 * (roles.test.ts), request limits (limits.test.ts), the first start (start.test.ts), the CLI (cli.test.ts).
 */
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import connector from '../../index.js';
import { loadConfig } from '../../server/config.js';
import { webhooksWithSecrets } from '../fixtures/webhooks.js';
import { startTestHost } from '../helpers/host.js';
import { SECRETS } from '../helpers/secrets.js';
import { connect, PD } from '../helpers/triggers.js';

describe('settings that contradict each other are refused at start', () => {
  it('ENGINE_URL with user info and ENGINE_TOKEN: refused, naming both (each alone is fine)', () => {
    const engine = { ENGINE_URL: 'https://hook:pass-0123456789@engine.example/runs' };
    expect(() => loadConfig({ ...engine, ENGINE_TOKEN: 'engine-token-0123456789' })).toThrow(
      /ENGINE_URL carries user info.*ENGINE_TOKEN is set/,
    );
    expect(() => loadConfig({ ENGINE_URL: 'https://hook@engine.example/runs', ENGINE_TOKEN: 't' })).toThrow(
      /ENGINE_URL.*ENGINE_TOKEN/,
    );
    expect(loadConfig(engine).engineUrl).toBe(engine.ENGINE_URL);
    expect(
      loadConfig({ ENGINE_URL: 'https://engine.example/runs', ENGINE_TOKEN: 'engine-token-0123456789' })
        .engineToken,
    ).toBe('engine-token-0123456789');
  });

  it('a replay window (WEBHOOK_MAX_AGE_SECONDS, plus 5 minutes ahead) that outlasts RETENTION_DAYS is refused', () => {
    expect(() => loadConfig({ RETENTION_DAYS: '1', WEBHOOK_MAX_AGE_SECONDS: '604800' })).toThrow(
      /WEBHOOK_MAX_AGE_SECONDS \(604800\).*RETENTION_DAYS \(1\)/,
    );
    // A day exactly, plus the skew: still past a day.
    expect(() => loadConfig({ RETENTION_DAYS: '1', WEBHOOK_MAX_AGE_SECONDS: '86400' })).toThrow(
      /outlasts RETENTION_DAYS/,
    );
    expect(loadConfig({ RETENTION_DAYS: '1', WEBHOOK_MAX_AGE_SECONDS: '86100' }).webhookMaxAgeSeconds).toBe(
      86_100,
    );
    expect(loadConfig({ RETENTION_DAYS: '8', WEBHOOK_MAX_AGE_SECONDS: '604800' }).retentionDays).toBe(8);
    // The defaults (an hour, 30 days) go together.
    expect(loadConfig({}).webhookMaxAgeSeconds).toBe(3600);
  });
});

describe('an answer of Pipedrive nested 200,000 levels deep', () => {
  afterEach(() => nock.cleanAll());

  it('is upstream_error (502) through the host, not a 500; the host keeps answering', async () => {
    const host = await startTestHost();
    try {
      const connectionId = await connect(host);
      const deep = `{"success":true,"data":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
      nock(PD).get('/v1/notes').reply(200, deep, { 'content-type': 'application/json' });
      nock(PD).get('/api/v2/deals/1').reply(200, deep, { 'content-type': 'application/json' });
      for (const [name, input] of [
        ['api_request', { method: 'GET', path: '/v1/notes' }],
        ['get_deal', { id: 1 }],
      ] as const) {
        const response = await host.inject({
          method: 'POST',
          url: `/operations/${name}`,
          payload: { connection_id: connectionId, input },
        });
        expect(response.statusCode, response.body).toBe(502);
        expect(response.json().error).toMatchObject({ code: 'upstream_error' });
        expect(response.json().error.message).toContain('nested more than');
      }
      expect(nock.pendingMocks()).toEqual([]);
      expect((await host.inject({ url: '/health' })).statusCode).toBe(200);
    } finally {
      await host.close();
    }
  });

  it('an error answer nested as deep still gives its status', async () => {
    nock(PD)
      .get('/api/v2/deals/1')
      .reply(404, `{"success":false,"error":${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
    await expect(
      connector.execute('get_deal', { id: 1 }, { auth: { type: 'api_token', apiToken: SECRETS.apiToken } }),
    ).rejects.toMatchObject({ code: 'not_found', status: 404 });
  });
});

describe('api_request through the host', () => {
  afterEach(() => nock.cleanAll());

  it('answers a raw answer with every secret redacted: keys naming one, any type, URLs', async () => {
    const host = await startTestHost();
    try {
      const connectionId = await connect(host);
      const { answer, secrets } = webhooksWithSecrets();
      nock(PD).get('/v1/webhooks').reply(200, answer);
      const response = await host.inject({
        method: 'POST',
        url: '/operations/api_request',
        payload: { connection_id: connectionId, input: { method: 'GET', path: '/v1/webhooks' } },
      });
      expect(response.statusCode, response.body).toBe(200);
      for (const secret of secrets) expect(response.body).not.toContain(secret);
      expect(response.json().output.data[0]).toMatchObject({
        http_auth_user: 'pdc_user',
        http_auth_password: '[redacted]',
        subscription_url: 'https://[redacted]@hooks.example.com/in',
      });
    } finally {
      await host.close();
    }
  });
});

describe('key labels', () => {
  it('POST /keys refuses a label with control characters (CR, NUL, ESC, C1, bidi), naming the field', async () => {
    const host = await startTestHost();
    try {
      for (const label of ['a\rb', 'nul\u0000', 'esc\u001b[2J', 'c1\u009b', 'bidi\u202Eevil', 'ls\u2028']) {
        const response = await host.inject({
          method: 'POST',
          url: '/keys',
          payload: { workspace_id: 'labels', label },
        });
        expect(response.statusCode, JSON.stringify(label)).toBe(400);
        expect(response.json().error.details.issues).toEqual([
          { path: 'label', message: expect.stringContaining('must not contain control characters') },
        ]);
      }
      expect(await host.store.listApiKeys({ workspace_id: 'labels' })).toEqual([]);
      const fine = await host.inject({
        method: 'POST',
        url: '/keys',
        payload: { workspace_id: 'labels', label: 'Ops team — Zürich 🚀' },
      });
      expect(fine.statusCode).toBe(201);
      expect(fine.json().label).toBe('Ops team — Zürich 🚀');
    } finally {
      await host.close();
    }
  });
});
