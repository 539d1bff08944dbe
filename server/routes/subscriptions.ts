import { z } from 'zod';
import { MAX_BACKFILL } from '../../triggers/polling.js';
import { workspaceOf } from '../access.js';
import { errors, PIPEDRIVE_ERRORS } from '../openapi.js';
import { idOf, idParams, subscription, subscriptionMode } from '../resources.js';
import { DEFAULT_POLL_INTERVAL_SECONDS } from '../subscriptions.js';
import { type App, audit, type HostDeps } from './deps.js';

export const newSubscription = z.strictObject({
  connection_id: idOf(
    'The connection to register the webhook with (OAuth needs the `admin` scope), or to poll with.',
  ),
  trigger: idOf(
    'Trigger name, e.g. `updated_deal` (the manifest `triggers`; polling also `polling_triggers`, e.g. `deal_matches_filter`).',
  ),
  input: z
    .record(z.string(), z.unknown())
    .optional()
    .meta({ description: "The trigger's input (e.g. `fields_to_watch`)." }),
  mode: subscriptionMode.optional().meta({
    description: '`webhook` (default): Pipedrive calls the host; `polling`: the host asks Pipedrive.',
  }),
  interval: z
    .int()
    .min(1)
    .max(86_400)
    .optional()
    .meta({
      description: `Polling: seconds between polls, at least POLL_MIN_INTERVAL_SECONDS (default ${DEFAULT_POLL_INTERVAL_SECONDS}).`,
    }),
  backfill: z
    .int()
    .min(0)
    .max(MAX_BACKFILL)
    .optional()
    .meta({
      description: `Polling: fire the newest N records (at most ${MAX_BACKFILL}) on the first poll; default 0.`,
    }),
});

const subscribed = subscription.extend({
  warnings: z
    .array(z.string())
    .optional()
    .meta({ description: 'Why Pipedrive may not reach the callback (PUBLIC_URL is loopback or private).' }),
});

const params = idParams('Subscription');

const withDeliveries = subscription.extend({
  deliveries: z
    .object({
      total: z.int().meta({ description: 'Deliveries stored.' }),
      skipped: z.int().meta({ description: 'Of them, filtered out.' }),
    })
    .meta({ description: 'Deliveries received (or events polled) so far.' }),
  polling: z
    .object({
      polls: z.int().meta({ description: 'Polls recorded.' }),
      last_polled_at: z.string().nullable().meta({ description: 'When the last poll was recorded.' }),
      next_poll_at: z.string().meta({ description: 'When the next poll is due.' }),
      last_error: z.string().nullable().meta({ description: 'Why the last poll failed, if it did.' }),
    })
    .optional()
    .meta({ description: 'Polling subscriptions: where polling stands.' }),
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
          'Webhook mode (default): registers a Pipedrive webhook (v2) with credentials of its own, calling back `<PUBLIC_URL>/webhooks/pipedrive/<id>`; when PUBLIC_URL is loopback or private the answer warns that Pipedrive cannot reach it. Polling mode: the host lists what changed every `interval` seconds, starting from now (one host polls each subscription). See docs/triggers.md.',
        tags: ['subscriptions'],
        body: newSubscription,
        response: {
          201: subscribed.meta({ description: 'Subscribed.' }),
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
      const poll = found.mode === 'polling' ? await store.getPoll(found.id) : undefined;
      return {
        ...found,
        deliveries: await workspace.countDeliveries(found.id),
        ...(poll
          ? {
              polling: {
                polls: poll.polls,
                last_polled_at: poll.last_polled_at,
                next_poll_at: poll.next_poll_at,
                last_error: poll.last_error,
              },
            }
          : {}),
      };
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
