import { z } from 'zod';
import { workspaceOf } from '../access.js';
import { errors, PIPEDRIVE_ERRORS } from '../openapi.js';
import { idOf, idParams, subscription } from '../resources.js';
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

/**
 * Trigger subscriptions: register a Pipedrive webhook, list, show, delete, check and repair. The lifecycle is
 * the subscriptions service's (server/subscriptions.ts); these routes add HTTP and the audit trail.
 */
export function registerSubscriptionRoutes(app: App, deps: HostDeps): void {
  const { store, subscriptions } = deps;

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
      const { subscription: created, warning } = await subscriptions.subscribe(
        workspaceOf(request),
        request.body,
        request.log,
      );
      await audit(store, request, 'subscription.create', created.id);
      return reply.code(201).send({ ...created, ...(warning ? { warnings: [warning] } : {}) });
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
      const found = await subscriptions.load(workspace, request.params.id);
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
      const found = await subscriptions.unsubscribe(workspaceOf(request), request.params.id, request.log);
      await audit(store, request, 'subscription.delete', found.id);
      return reply.code(204).send(null);
    },
  );

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
      const result = await subscriptions.repair(workspaceOf(request), request.params.id, request.log);
      if (result.status === 'recreated') await audit(store, request, 'subscription.recreate', result.id);
      return result;
    },
  );
}
