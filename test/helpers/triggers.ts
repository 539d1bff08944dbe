import nock from 'nock';
import { expect } from 'vitest';
import { v2Payload } from '../fixtures/webhooks.js';
import type { TestHost } from './host.js';
import { STUB_USER } from './pipedrive-stub.js';
import { registerSecret, SECRETS } from './secrets.js';

export const PD = 'https://api.pipedrive.com';
export const HOST_TOKEN = SECRETS.hostToken;

/** The workspace's API-token connection with HOST_TOKEN, made or made before (/v1/users/me answered by nock). */
export async function connect(host: TestHost): Promise<string> {
  nock(PD).get('/v1/users/me').reply(200, { success: true, data: STUB_USER });
  const response = await host.inject({
    method: 'POST',
    url: '/connections',
    payload: { type: 'api_token', api_token: HOST_TOKEN },
  });
  // 201 made, or 200: the workspace has this token already (the same connection).
  expect([200, 201]).toContain(response.statusCode);
  return response.json().id;
}

export interface Subscribed {
  id: string;
  webhookId: number;
  user: string;
  password: string;
  callbackUrl: string;
  /** The body the host sent to POST /v1/webhooks. */
  registered: Record<string, unknown>;
  /** The answer's `warnings` (a PUBLIC_URL Pipedrive cannot reach), if any. */
  warnings?: string[];
}

/** Subscribe a trigger through the host; the webhook credentials are read from what it sent to Pipedrive. */
export async function subscribe(
  host: TestHost,
  connectionId: string,
  trigger: string,
  input: Record<string, unknown> = {},
  webhookId = 4201,
): Promise<Subscribed> {
  let registered: Record<string, unknown> = {};
  nock(PD)
    .get('/v1/webhooks')
    .reply(200, { success: true, data: [] })
    .post('/v1/webhooks', (body) => {
      registered = body;
      return true;
    })
    .reply(201, { success: true, data: { id: webhookId, event_action: 'x', event_object: 'y' } });
  const response = await host.inject({
    method: 'POST',
    url: '/subscriptions',
    payload: { connection_id: connectionId, trigger, input },
  });
  expect(response.statusCode, response.body).toBe(201);
  const body = response.json();
  registerSecret(String(registered.http_auth_password));
  return {
    id: body.id,
    webhookId,
    user: String(registered.http_auth_user),
    password: String(registered.http_auth_password),
    callbackUrl: body.callback_url,
    registered,
    ...(body.warnings ? { warnings: body.warnings } : {}),
  };
}

export const basicAuth = (s: Pick<Subscribed, 'user' | 'password'>) =>
  `Basic ${Buffer.from(`${s.user}:${s.password}`).toString('base64')}`;

/** A delivery to the subscription as Pipedrive sends it: its Basic credentials, JSON (default: a new event). */
export function deliver(
  host: TestHost,
  s: Subscribed,
  payload: unknown = v2Payload({ webhookId: s.webhookId }),
) {
  return host.inject({
    method: 'POST',
    url: `/webhooks/pipedrive/${s.id}`,
    headers: { authorization: basicAuth(s), 'content-type': 'application/json' },
    payload: JSON.stringify(payload),
  });
}
