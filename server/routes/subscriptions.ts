import { z } from 'zod';
import connector from '../../index.js';
import type { Logger } from '../../runtime/context.js';
import { ConnectorError } from '../../runtime/errors.js';
import { newCredentials } from '../../triggers/delivery.js';
import { parseTriggerInput, resolveTrigger } from '../../triggers/webhooks.js';
import { workspaceOf } from '../access.js';
import { errors, PIPEDRIVE_ERRORS } from '../openapi.js';
import { unreachableWarning } from '../reach.js';
import { idOf, idParams, subscription } from '../resources.js';
import type { WorkspaceStore } from '../store/types.js';
import { type App, audit, type HostDeps } from './deps.js';

export const newSubscription = z.strictObject({
  connection_id: idOf('The connection to register the webhook with (OAuth needs the `admin` scope).'),
  trigger: idOf('Trigger name, e.g. `updated_deal` (the manifest `triggers`).'),
  input: z
    .record(z.string(), z.unknown())
    .optional()
    .meta({ description: "The trigger's input (e.g. `fields_to_watch`)." }),
});

const params = idParams('Subscription');

const withDeliveries = subscription.extend({
  deliveries: z
    .object({
      total: z.int().meta({ description: 'Deliveries stored.' }),
      skipped: z.int().meta({ description: 'Of them, filtered out.' }),
    })
    .meta({ description: 'Deliveries received so far.' }),
});

/** Trigger subscriptions: register a Pipedrive webhook, list, show, delete, check and repair. */
export function registerSubscriptionRoutes(
  app: App,
  deps: HostDeps,
  /** Drop the webhook route's cached copy of a subscription this host changed. */
  forget: (id: string) => void,
): void {
  const { config, store, connections } = deps;

  const loadSubscription = async (workspace: WorkspaceStore, id: string) => {
    const found = await workspace.getSubscription(id);
    if (!found || found.status === 'deleted') {
      throw new ConnectorError('not_found', `Subscription ${id} not found.`, { subscription_id: id });
    }
    return found;
  };

  app.post(
    '/subscriptions',
    {
      config: { access: 'key' },
      schema: {
        operationId: 'subscribe',
        summary: 'Subscribe a trigger',
        description:
          'Registers a Pipedrive webhook (v2) with credentials of its own, calling back `<PUBLIC_URL>/webhooks/pipedrive/<id>`; with a loopback or private PUBLIC_URL, `warnings` says that Pipedrive cannot reach it. See docs/triggers.md.',
        tags: ['subscriptions'],
        body: newSubscription,
        response: {
          201: subscription
            .extend({
              warnings: z.array(z.string()).optional().meta({
                description:
                  'Present when PUBLIC_URL is a loopback or private address that Pipedrive cannot reach: the webhook is registered, but no event will arrive.',
              }),
            })
            .meta({ description: 'Subscribed.' }),
          ...errors(['invalid_input', 'unknown_operation', ...PIPEDRIVE_ERRORS]),
        },
      },
    },
    async (request, reply) => {
      const workspace = workspaceOf(request);
      const trigger = resolveTrigger(request.body.trigger);
      const input = parseTriggerInput(trigger, request.body.input ?? {});
      const connection = await connections.load(workspace, request.body.connection_id);
      const id = crypto.randomUUID();
      const callbackUrl = `${config.publicUrl}/webhooks/pipedrive/${id}`;
      const credentials = newCredentials();
      const created = await workspace.createSubscription({
        id,
        connection_id: connection.id,
        trigger: trigger.name,
        input,
        event_action: trigger.event_action ?? String(input.event_action),
        event_object: trigger.event_object ?? String(input.event_object),
        callback_url: callbackUrl,
        user_id: connection.user.id ?? null,
        credentials,
      });
      try {
        const state = await connector.triggers.subscribe(trigger.name, input, {
          ...connections.context(connection, request.log),
          callbackUrl,
          credentials,
          userId: connection.user.id,
        });
        await store.activateSubscription(id, state.webhook_id);
        forget(id);
        request.log.info(
          { subscription_id: id, webhook_id: state.webhook_id, trigger: trigger.name },
          'subscribed',
        );
        await audit(store, request, 'subscription.create', id);
        const warning = unreachableWarning(config.publicUrl);
        if (warning) request.log.warn({ subscription_id: id, public_url: config.publicUrl }, warning);
        return reply.code(201).send({
          ...created,
          webhook_id: state.webhook_id,
          status: 'active' as const,
          ...(warning ? { warnings: [warning] } : {}),
        });
      } catch (error) {
        await store.discardSubscription(id);
        throw error;
      }
    },
  );

  app.get(
    '/subscriptions',
    {
      config: { access: 'key' },
      schema: {
        operationId: 'listSubscriptions',
        summary: 'List subscriptions',
        description: "The workspace's subscriptions (not the deleted ones), optionally of one connection.",
        tags: ['subscriptions'],
        querystring: z.object({
          connection_id: idOf('Only the subscriptions of this connection.').optional(),
        }),
        response: {
          200: z.object({ subscriptions: z.array(subscription) }).meta({ description: 'The subscriptions.' }),
          ...errors(['invalid_input']),
        },
      },
    },
    async (request) => {
      const { connection_id } = request.query;
      return {
        subscriptions: await workspaceOf(request).listSubscriptions(connection_id ? { connection_id } : {}),
      };
    },
  );

  app.get(
    '/subscriptions/:id',
    {
      config: { access: 'key' },
      schema: {
        operationId: 'getSubscription',
        summary: 'Show a subscription',
        description: 'The subscription and how many deliveries it had.',
        tags: ['subscriptions'],
        params,
        response: {
          200: withDeliveries.meta({ description: 'The subscription.' }),
          ...errors(['not_found']),
        },
      },
    },
    async (request) => {
      const workspace = workspaceOf(request);
      const found = await loadSubscription(workspace, request.params.id);
      return { ...found, deliveries: await workspace.countDeliveries(found.id) };
    },
  );

  app.delete(
    '/subscriptions/:id',
    {
      config: { access: 'key' },
      schema: {
        operationId: 'unsubscribe',
        summary: 'Unsubscribe',
        description: 'Deletes the Pipedrive webhook (a 404 there counts as done); later deliveries get 410.',
        tags: ['subscriptions'],
        params,
        response: {
          204: z.null().meta({ description: 'Unsubscribed.' }),
          ...errors(PIPEDRIVE_ERRORS),
        },
      },
    },
    async (request, reply) => {
      const workspace = workspaceOf(request);
      const found = await loadSubscription(workspace, request.params.id);
      if (found.webhook_id !== null) {
        const connection = await workspace.getConnection(found.connection_id);
        if (connection) {
          await connector.triggers.unsubscribe(
            { webhook_id: found.webhook_id },
            connections.context(connection, request.log),
          );
        } else {
          request.log.warn(
            { subscription_id: found.id },
            'the connection is gone; the Pipedrive webhook could not be deleted',
          );
        }
      }
      await store.markSubscriptionDeleted(found.id);
      forget(found.id);
      await audit(store, request, 'subscription.delete', found.id);
      return reply.code(204).send(null);
    },
  );

  /**
   * Check the webhook at Pipedrive; re-create it (same URL and credentials) when Pipedrive dropped it (it
   * deletes webhooks after 3 days of failing deliveries).
   */
  const repair = async (workspace: WorkspaceStore, id: string, log: Logger) => {
    const found = await loadSubscription(workspace, id);
    const connection = await connections.load(workspace, found.connection_id);
    const ctx = connections.context(connection, log);
    const health =
      found.webhook_id === null
        ? ({ status: 'missing' } as const)
        : await connector.triggers.check({ webhook_id: found.webhook_id }, ctx);
    if (health.status !== 'missing') return { id: found.id, ...health };
    const state = await connector.triggers.subscribe(found.trigger, found.input, {
      ...ctx,
      callbackUrl: found.callback_url,
      credentials: found.credentials,
      userId: connection.user.id,
    });
    await store.activateSubscription(found.id, state.webhook_id);
    forget(found.id);
    log.info({ subscription_id: found.id, webhook_id: state.webhook_id }, 'webhook re-created');
    return { id: found.id, status: 'recreated' as const, webhook_id: state.webhook_id };
  };

  app.post(
    '/subscriptions/:id/check',
    {
      config: { access: 'key' },
      schema: {
        operationId: 'checkSubscription',
        summary: 'Check and repair the webhook',
        description:
          'Asks Pipedrive for the webhook: `ok`, `inactive` (banned for 30 minutes after failing deliveries), or `recreated` with the same credentials when Pipedrive had deleted it.',
        tags: ['subscriptions'],
        params,
        response: {
          200: z
            .object({
              id: z.string().meta({ description: 'Subscription ID.' }),
              status: z
                .enum(['ok', 'inactive', 'recreated'])
                .meta({ description: 'What was found or done.' }),
              webhook_id: z.int().optional().meta({ description: 'Pipedrive webhook ID.' }),
            })
            .meta({ description: 'The webhook state.' }),
          ...errors(PIPEDRIVE_ERRORS),
        },
      },
    },
    async (request) => {
      const workspace = workspaceOf(request);
      // One repair at a time per subscription, across hosts: two at once would create two webhooks.
      const result = await store.withLock(`subscription:${request.params.id}`, () =>
        repair(workspace, request.params.id, request.log),
      );
      if (result.status === 'recreated') await audit(store, request, 'subscription.recreate', result.id);
      return result;
    },
  );
}
