import nock from 'nock';
import { describe, expect, it } from 'vitest';
import connector from '../../index.js';
import { ConnectorError } from '../../runtime/errors.js';
import { API, TOKEN, tokenCtx } from '../helpers/context.js';

const CALLBACK = 'https://hooks.example.com/webhooks/pipedrive/0b6f1c2e-4c7e-4d55-9a51-4f7c1d2e3a4b';
const credentials = { http_auth_user: 'pdc_user_0123456789abcdef', http_auth_password: 'p'.repeat(43) };

const webhook = (id: number, overrides: Record<string, unknown> = {}) => ({
  id,
  company_id: 7001,
  owner_id: 11,
  user_id: 11,
  event_action: 'change',
  event_object: 'deal',
  subscription_url: CALLBACK,
  version: '2.0',
  is_active: 1,
  add_time: '2026-11-20T09:30:00.000Z',
  remove_time: null,
  type: 'general',
  http_auth_user: credentials.http_auth_user,
  http_auth_password: '******',
  name: 'Workflow trigger',
  ...overrides,
});

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

const ctx = () => ({ ...tokenCtx(), callbackUrl: CALLBACK, credentials, userId: 11 });

/**
 * Pipedrive listing `existing` webhooks, then creating webhook `id` (nock, with the API token); `body()` is what
 * was posted to create it.
 */
function webhookCreation(id: number, existing: unknown[] = []) {
  let body: Record<string, unknown> | undefined;
  const scope = nock(API)
    .matchHeader('x-api-token', TOKEN)
    .get('/v1/webhooks')
    .reply(200, { success: true, data: existing })
    .post('/v1/webhooks', (b) => {
      body = b;
      return true;
    })
    .reply(201, { success: true, data: webhook(id) });
  return { scope, body: () => body };
}

describe('subscribe', () => {
  it('creates a v2 webhook with the callback URL and Basic credentials of this subscription', async () => {
    const { scope, body } = webhookCreation(4201, [
      webhook(1, { subscription_url: 'https://other.example.com/hook' }),
    ]);
    const state = await connector.triggers.subscribe(
      'updated_deal',
      { fields_to_watch: ['stage_id'] },
      ctx(),
    );
    scope.done();
    expect(body()).toEqual({
      subscription_url: CALLBACK,
      event_action: 'change',
      event_object: 'deal',
      name: 'Workflow trigger: Updated deal [0b6f1c2e-4c7e-4d55-9a51-4f7c1d2e3a4b]',
      version: '2.0',
      http_auth_user: credentials.http_auth_user,
      http_auth_password: credentials.http_auth_password,
    });
    expect(state).toMatchObject({
      trigger: 'updated_deal',
      webhook_id: 4201,
      event_action: 'change',
      event_object: 'deal',
      callback_url: CALLBACK,
      input: { fields_to_watch: ['stage_id'], ignore_own_changes: false },
      user_id: 11,
    });
  });

  it('generates credentials when the engine gives none', async () => {
    const { scope, body } = webhookCreation(5);
    const state = await connector.triggers.subscribe(
      'new_person',
      {},
      { ...tokenCtx(), callbackUrl: CALLBACK },
    );
    scope.done();
    expect(body()?.event_action).toBe('create');
    expect(body()?.event_object).toBe('person');
    expect(state.http_auth_password.length).toBeGreaterThanOrEqual(16);
    expect(body()?.http_auth_password).toBe(state.http_auth_password);
  });

  it('uses the generic trigger input for event_action and event_object', async () => {
    const { scope, body } = webhookCreation(6);
    await connector.triggers.subscribe(
      'pipedrive_event',
      { event_action: '*', event_object: 'deal_product' },
      ctx(),
    );
    scope.done();
    expect(body()).toMatchObject({ event_action: '*', event_object: 'deal_product' });
  });

  it('adopts an exact match on Pipedrive instead of creating a second webhook', async () => {
    const scope = nock(API)
      .get('/v1/webhooks')
      .reply(200, { success: true, data: [webhook(4300)] });
    const state = await connector.triggers.subscribe('updated_deal', {}, ctx());
    scope.done();
    expect(state.webhook_id).toBe(4300);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('replaces a webhook on our URL that it cannot verify', async () => {
    const scope = nock(API)
      .get('/v1/webhooks')
      .reply(200, { success: true, data: [webhook(77, { http_auth_user: 'someone_else' })] })
      .delete('/v1/webhooks/77')
      .reply(200, { success: true })
      .post('/v1/webhooks')
      .reply(201, { success: true, data: webhook(78) });
    const state = await connector.triggers.subscribe('updated_deal', {}, ctx());
    scope.done();
    expect(state.webhook_id).toBe(78);
  });

  it('explains the 40-webhook limit (422)', async () => {
    nock(API)
      .get('/v1/webhooks')
      .reply(200, { success: true, data: [] })
      .post('/v1/webhooks')
      .reply(422, { success: false, error: 'Webhooks limit reached' });
    const error = await failure(connector.triggers.subscribe('new_deal', {}, ctx()));
    expect(error.code).toBe('unprocessable');
    expect(error.message).toContain('at most 40 webhooks');
    expect(error.message).toContain('Webhooks limit reached');
  });

  it('explains a missing scope (403)', async () => {
    nock(API).get('/v1/webhooks').reply(403, { success: false, error: 'Scope and URL mismatch' });
    const error = await failure(connector.triggers.subscribe('new_deal', {}, ctx()));
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('"admin" scope');
  });

  it('refuses bad trigger input before calling Pipedrive', async () => {
    const error = await failure(connector.triggers.subscribe('deal_stage_changed', { stage_id: 'x' }, ctx()));
    expect(error.code).toBe('invalid_input');
    expect(error.details.issues?.[0]?.path).toBe('stage_id');
    const unknown = await failure(connector.triggers.subscribe('deal_teleported', {}, ctx()));
    expect(unknown.code).toBe('unknown_operation');
  });
});

describe('unsubscribe and check', () => {
  it('deletes the webhook', async () => {
    const scope = nock(API)
      .matchHeader('x-api-token', TOKEN)
      .delete('/v1/webhooks/4201')
      .reply(200, { success: true });
    await connector.triggers.unsubscribe({ webhook_id: 4201 }, tokenCtx());
    scope.done();
  });

  it('treats a webhook Pipedrive already removed (404) as deleted', async () => {
    const scope = nock(API)
      .delete('/v1/webhooks/4201')
      .reply(404, { success: false, error: 'Webhook not found' });
    await expect(connector.triggers.unsubscribe({ webhook_id: 4201 }, tokenCtx())).resolves.toBeUndefined();
    scope.done();
  });

  it('reports whether Pipedrive still has the webhook', async () => {
    nock(API)
      .get('/v1/webhooks')
      .reply(200, { success: true, data: [webhook(4201, { is_active: 0 })] });
    expect(await connector.triggers.check({ webhook_id: 4201 }, tokenCtx())).toEqual({
      status: 'inactive',
      webhook_id: 4201,
    });
    nock(API).get('/v1/webhooks').reply(200, { success: true, data: [] });
    expect(await connector.triggers.check({ webhook_id: 4201 }, tokenCtx())).toEqual({ status: 'missing' });
  });
});
