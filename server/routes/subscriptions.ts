import { z } from 'zod';
import connector from '../../index.js';
import type { Logger } from '../../runtime/context.js';
import { ConnectorError } from '../../runtime/errors.js';
import type { Trigger } from '../../triggers/define.js';
import { newCredentials } from '../../triggers/delivery.js';
import { findPollingTrigger, MAX_BACKFILL } from '../../triggers/polling.js';
import { parseTriggerInput, resolveTrigger } from '../../triggers/webhooks.js';
import { workspaceOf } from '../access.js';
import { errors, PIPEDRIVE_ERRORS } from '../openapi.js';
import { unreachableWarning } from '../reach.js';
import { idOf, idParams, subscription, subscriptionMode } from '../resources.js';
import type { WorkspaceStore } from '../store/types.js';
import { type App, audit, type HostDeps } from './deps.js';

/** When a polling subscription names no interval. */
export const DEFAULT_POLL_INTERVAL_SECONDS = 300;

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

const created = subscription.extend({
  warnings: z
    .array(z.string())
    .optional()
    .meta({ description: 'Why Pipedrive may not reach the callback (PUBLIC_URL is loopback or private).' }),
});

/** Refuse polling-only fields on a webhook subscription, and an interval under the host's minimum. */
function pollingInput(
  body: z.infer<typeof newSubscription>,
  minInterval: number,
): { interval: number; backfill: number } | null {
  const issue = (path: string, message: string) =>
    new ConnectorError('invalid_input', `${path} ${message}.`, { issues: [{ path, message }] });
  if (body.mode !== 'polling') {
    for (const field of ['interval', 'backfill'] as const) {
      if (body[field] !== undefined) throw issue(field, 'is for polling subscriptions (mode "polling")');
    }
    return null;
  }
  const interval = body.interval ?? Math.max(DEFAULT_POLL_INTERVAL_SECONDS, minInterval);
  if (interval < minInterval) {
    throw issue(
      'interval',
      `must be at least ${minInterval} seconds on this host (POLL_MIN_INTERVAL_SECONDS)`,
    );
  }
  return { interval, backfill: body.backfill ?? 0 };
}

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

/** Trigger subscriptions: register a Pipedrive webhook or poll, list, show, delete, check and repair. */
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
          'Webhook mode (default): registers a Pipedrive webhook (v2) with credentials of its own, calling back `<PUBLIC_URL>/webhooks/pipedrive/<id>`; when PUBLIC_URL is loopback or private the answer warns that Pipedrive cannot reach it. Polling mode: the host lists what changed every `interval` seconds, starting from now (one host polls each subscription). See docs/triggers.md.',
        tags: ['subscriptions'],
        body: newSubscription,
        response: {
          201: created.meta({ description: 'Subscribed.' }),
          ...errors(['invalid_input', 'unknown_operation', ...PIPEDRIVE_ERRORS]),
        },
      },
    },
    async (request, reply) => {
      const workspace = workspaceOf(request);
      const polling = pollingInput(request.body, config.pollMinIntervalSeconds);
      if (polling) {
        const state = await connector.triggers.startPolling(request.body.trigger, request.body.input ?? {}, {
          backfill: polling.backfill,
        });
        const trigger = findPollingTrigger(state.trigger) as Trigger;
        const connection = await connections.load(workspace, request.body.connection_id);
        const id = crypto.randomUUID();
        const made = await workspace.createSubscription({
          id,
          connection_id: connection.id,
          trigger: trigger.name,
          input: state.input,
          event_action: trigger.event_action ?? 'match',
          // Every polling trigger is of one object (triggers/polling.ts).
          event_object: trigger.event_object as string,
          callback_url: null,
          user_id: connection.user.id ?? null,
          mode: 'polling',
          interval_seconds: polling.interval,
          // The first poll at once: it fires nothing older than now (but the backfill).
          poll: { state, next_poll_at: new Date() },
        });
        request.log.info(
          { subscription_id: id, trigger: trigger.name, interval_seconds: polling.interval },
          'subscribed (polling)',
        );
        await audit(store, request, 'subscription.create', id);
        return reply.code(201).send(made);
      }
      const trigger = resolveTrigger(request.body.trigger);
      const input = parseTriggerInput(trigger, request.body.input ?? {});
      const connection = await connections.load(workspace, request.body.connection_id);
      const id = crypto.randomUUID();
      const callbackUrl = `${config.publicUrl}/webhooks/pipedrive/${id}`;
      const credentials = newCredentials();
      const made = await workspace.createSubscription({
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
          ...made,
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
      const { credentials: _, ...shown } = found;
      const poll = found.mode === 'polling' ? await store.getPoll(found.id) : undefined;
      return {
        ...shown,
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
    if (found.mode === 'polling' || found.callback_url === null) {
      throw new ConnectorError(
        'invalid_input',
        `Subscription ${id} polls: it has no webhook to check (GET /subscriptions/${id} shows its last poll).`,
        { subscription_id: id },
      );
    }
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
