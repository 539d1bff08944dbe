/**
 * The trigger node's webhook lifecycle in n8n's engine (n8n-core's hook and webhook contexts, driven as n8n's
 * CLI drives them on activation, deliveries and deactivation), against a local stand-in for Pipedrive's
 * /v1/webhooks.
 */

import { beforeEach, describe, expect, it } from 'vitest';
import type { IDataObject, INodeParameters, INodeProperties } from '../../adapters/n8n/engine-types.js';
import { page } from '../fixtures/entities.js';
import { pipeline } from '../fixtures/pipelines.js';
import { stage } from '../fixtures/stages.js';
import { basic, v2Payload } from '../fixtures/webhooks.js';
import type { StubRequest } from '../helpers/pipedrive-stub.js';
import { type StubWebhook, webhookRoutes } from '../helpers/pipedrive-webhooks.js';
import { searchList, WEBHOOK_BASE, webhookOf } from './harness.js';
import { API_CREDENTIAL, N8N_TOKEN, setUpN8nTests, TRIGGER } from './setup.js';

/** Pipedrive's webhooks, as the stand-in keeps them. */
const pipedrive = webhookRoutes();

const n8n = setUpN8nTests(() => [
  ...pipedrive.routes,
  { method: 'GET', path: '/api/v2/pipelines', reply: page([pipeline(2, { name: 'Renewals' })]) },
  {
    method: 'GET',
    path: '/api/v2/stages',
    reply: (r: StubRequest) =>
      page(r.query.pipeline_id === '2' ? [stage(4, { name: 'Negotiation', pipeline_id: 2 })] : []),
  },
]);

beforeEach(() => {
  pipedrive.state.webhooks = [];
});

const spec = (parameters: INodeParameters) => ({
  type: TRIGGER,
  credentials: API_CREDENTIAL,
  webhookId: '3f2c1d0e-8b7a-4c6d-9e5f-1a2b3c4d5e6f',
  parameters,
});

const URL = `${WEBHOOK_BASE}/3f2c1d0e-8b7a-4c6d-9e5f-1a2b3c4d5e6f/webhook`;

describe('the trigger node in n8n', () => {
  it('activation registers the webhook, deliveries become events, deactivation deletes it', async () => {
    const hook = webhookOf(
      n8n.harness,
      spec({ trigger: 'updated_deal', fields_to_watch: 'value, stage_id' }),
      {},
    );
    expect(hook.url).toBe(URL);

    // Activation: nothing registered yet, so n8n creates it.
    expect(await hook.checkExists()).toBe(false);
    expect(await hook.create()).toBe(true);
    const registered = n8n.stub.requests.find((r) => r.method === 'POST')?.body as Record<string, string>;
    expect(registered).toEqual({
      subscription_url: URL,
      event_action: 'change',
      event_object: 'deal',
      name: expect.stringContaining('Updated deal'),
      version: '2.0',
      http_auth_user: expect.stringMatching(/^pdc_[\w-]{22}$/),
      http_auth_password: expect.stringMatching(/^[\w-]{43}$/),
    });
    const state = hook.nodeState()?.subscription as IDataObject;
    expect(state).toMatchObject({ webhook_id: 4201, trigger: 'updated_deal', callback_url: URL });
    expect(state.http_auth_password).toBe(registered.http_auth_password);
    expect(n8n.stub.requests.every((r) => r.headers['x-api-token'] === N8N_TOKEN)).toBe(true);
    // Activated again (n8n restarted): the webhook is there, nothing is created.
    expect(await hook.checkExists()).toBe(true);

    const auth = basic(registered.http_auth_user as string, registered.http_auth_password as string);
    const payload = v2Payload({ action: 'change', webhookId: 4201, previous: { value: 10000 } });

    const good = await hook.deliver({ headers: { authorization: auth }, body: payload });
    expect(good.answer.workflowData).toHaveLength(1);
    const items = good.answer.workflowData?.[0] ?? [];
    expect(items).toHaveLength(1);
    expect(items[0]?.json).toMatchObject({
      event_id: payload.meta.id,
      action: 'change',
      object: 'deal',
      entity_id: 101,
      webhook_id: 4201,
      data: payload.data,
      previous: { value: 10000 },
      changed_fields: ['value'],
    });
    expect(JSON.stringify(items)).not.toContain(registered.http_auth_password);

    // Pipedrive's retry of the same event: answered 2xx, no second execution.
    const retry = await hook.deliver({
      headers: { authorization: auth },
      body: { ...payload, meta: { ...payload.meta, attempt: 2 } },
    });
    expect(retry.answer).toEqual({ webhookResponse: { status: 'skipped' } });

    // A change of a field nobody watches: filtered out.
    const unwatched = await hook.deliver({
      headers: { authorization: auth },
      body: v2Payload({ action: 'change', webhookId: 4201, previous: { title: 'Old title' } }),
    });
    expect(unwatched.answer.workflowData).toBeUndefined();

    // Bad credentials: 401, no execution.
    const forged = await hook.deliver({
      headers: { authorization: basic(registered.http_auth_user as string, 'wrong-password') },
      body: v2Payload({ action: 'change', webhookId: 4201 }),
    });
    expect(forged.sent.status).toBe(401);
    expect(forged.answer).toEqual({ noWebhookResponse: true });
    expect(JSON.stringify(forged.sent)).not.toContain(registered.http_auth_password);

    // A body that is not a Pipedrive webhook: 400.
    const junk = await hook.deliver({ headers: { authorization: auth }, body: { hello: 'world' } });
    expect(junk.sent.status).toBe(400);

    // Deactivation: the webhook is deleted at Pipedrive and forgotten.
    n8n.stub.requests.length = 0;
    expect(await hook.delete()).toBe(true);
    expect(n8n.stub.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['DELETE /v1/webhooks/4201']);
    expect(pipedrive.state.webhooks).toEqual([]);
    expect(hook.nodeState()?.subscription).toBeUndefined();
  });

  it('a webhook Pipedrive already has for this URL and credentials is adopted, not created twice', async () => {
    const first = webhookOf(n8n.harness, spec({ trigger: 'new_deal' }), {});
    await first.create();
    const created = pipedrive.state.webhooks[0] as StubWebhook;
    // The subscription the node remembers points at a webhook id Pipedrive no longer knows (say, its state
    // was restored from an older copy), while Pipedrive has the right one.
    (first.nodeState()?.subscription as IDataObject).webhook_id = 999;
    n8n.stub.requests.length = 0;
    const again = webhookOf(n8n.harness, spec({ trigger: 'new_deal' }), first.workflow.staticData);
    expect(await again.checkExists()).toBe(false);
    expect(await again.create()).toBe(true);
    expect(n8n.stub.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v1/webhooks',
      'GET /v1/webhooks',
    ]);
    expect(again.nodeState()?.subscription).toMatchObject({ webhook_id: created.id });
    expect(pipedrive.state.webhooks).toHaveLength(1);
  });

  it("ignore_own_changes: the credential's own user is looked up once, and its API changes start nothing", async () => {
    const hook = webhookOf(n8n.harness, spec({ trigger: 'updated_deal', ignore_own_changes: true }), {});
    await hook.create();
    expect(n8n.stub.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v1/users/me',
      'GET /v1/webhooks',
      'POST /v1/webhooks',
    ]);
    expect(hook.nodeState()?.subscription).toMatchObject({ user_id: 11 });
    const webhook = pipedrive.state.webhooks[0] as StubWebhook;
    const auth = basic(webhook.http_auth_user, webhook.http_auth_password);
    const own = await hook.deliver({
      headers: { authorization: auth },
      body: v2Payload({ action: 'change', webhookId: webhook.id, userId: 11, changeSource: 'api' }),
    });
    expect(own.answer).toEqual({ webhookResponse: { status: 'skipped' } });
    const someoneElse = await hook.deliver({
      headers: { authorization: auth },
      body: v2Payload({ action: 'change', webhookId: webhook.id, userId: 12, changeSource: 'api' }),
    });
    expect(someoneElse.answer.workflowData?.[0]).toHaveLength(1);
  });

  it('a changed trigger is registered anew (the old webhook on the same URL is removed)', async () => {
    const first = webhookOf(n8n.harness, spec({ trigger: 'new_deal' }), {});
    await first.create();
    const changed = webhookOf(n8n.harness, spec({ trigger: 'deal_won' }), first.workflow.staticData);
    expect(await changed.checkExists()).toBe(false);
    await changed.create();
    expect(pipedrive.state.webhooks.map((w) => `${w.event_action}.${w.event_object}`)).toEqual([
      'change.deal',
    ]);
  });
});

describe("the trigger node's dropdowns", () => {
  const search = (method: string, parameters: INodeParameters) =>
    searchList(n8n.harness, spec(parameters), method);

  it('options that pick a record are searchable lists (deal_stage_changed: pipeline, then its stages)', async () => {
    const properties = n8n.harness.nodeTypes.getByNameAndVersion(TRIGGER, 1).description.properties;
    const option = (name: string) =>
      properties.find(
        (p) => p.name === name && p.displayOptions?.show?.trigger?.includes('deal_stage_changed'),
      ) as INodeProperties;
    for (const [name, lookup] of [
      ['pipeline_id', 'pipelines'],
      ['stage_id', 'stages'],
    ] as const) {
      expect(option(name).type, name).toBe('resourceLocator');
      expect(option(name).modes?.[0]?.typeOptions?.searchListMethod, name).toBe(lookup);
    }
    const pipelines = await search('pipelines', { trigger: 'deal_stage_changed' });
    expect(pipelines.results).toEqual([{ name: 'Renewals', value: 2 }]);
    const parameters = {
      trigger: 'deal_stage_changed',
      pipeline_id: { __rl: true, mode: 'list', value: 2 },
    };
    const stages = await search('stages', parameters);
    expect(stages.results).toEqual([{ name: 'Negotiation (Renewals)', value: 4 }]);
    expect(n8n.stub.requests.map((r) => ({ method: r.method, path: r.path, query: r.query }))).toContainEqual(
      {
        method: 'GET',
        path: '/api/v2/stages',
        query: expect.objectContaining({ pipeline_id: '2' }),
      },
    );

    // Chosen from the lists, the options filter the deliveries.
    const hook = webhookOf(
      n8n.harness,
      spec({ ...parameters, stage_id: { __rl: true, mode: 'list', value: 4 } }),
      {},
    );
    await hook.create();
    expect(hook.nodeState()?.subscription).toMatchObject({ input: { pipeline_id: 2, stage_id: 4 } });
    const webhook = pipedrive.state.webhooks[0] as StubWebhook;
    const auth = basic(webhook.http_auth_user, webhook.http_auth_password);
    const moved = (stageId: number) =>
      v2Payload({
        action: 'change',
        webhookId: webhook.id,
        data: { id: 101, pipeline_id: 2, stage_id: stageId },
        previous: { stage_id: 3 },
      });
    expect(
      (await hook.deliver({ headers: { authorization: auth }, body: moved(4) })).answer.workflowData,
    ).toHaveLength(1);
    expect((await hook.deliver({ headers: { authorization: auth }, body: moved(5) })).answer).toEqual({
      webhookResponse: { status: 'skipped' },
    });
  });
});
