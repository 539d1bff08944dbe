import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import connector from '../index.js';
import type { CallContext, Logger } from '../runtime/context.js';
import { ConnectorError } from '../runtime/errors.js';
import { validateInput } from '../runtime/validate.js';
import { hasCredentials, newCredentials } from '../triggers/delivery.js';
import { judgePayload } from '../triggers/index.js';
import { parseTriggerInput, resolveTrigger, type SubscriptionState } from '../triggers/webhooks.js';
import type { Config } from './config.js';
import type { RunDispatcher } from './dispatch.js';
import type { Inbox } from './inbox.js';
import type {
  ConnectionWithSecret,
  RunStatus,
  Store,
  Subscription,
  SubscriptionWithSecret,
} from './store/types.js';

export interface TriggerDeps {
  config: Config;
  store: Store;
  inbox: Inbox;
  dispatcher: RunDispatcher;
  loadConnection(id: string): Promise<ConnectionWithSecret>;
  contextFor(connection: ConnectionWithSecret, logger: Logger): CallContext;
}

export const newSubscription = z.strictObject({
  connection_id: z.string().min(1),
  trigger: z.string().min(1),
  input: z.record(z.string(), z.unknown()).optional(),
});

export const runQuery = z.strictObject({
  subscription_id: z.string().min(1).optional(),
  status: z.enum(['pending', 'retrying', 'delivered', 'dead']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().regex(/^\d+$/).optional(),
});

const TARGET_TTL_MS = 2000;

/** The subscription's public face: never its credentials. */
function publicSubscription(subscription: Subscription) {
  const { id, connection_id, trigger, input, webhook_id, event_action, event_object, callback_url, status } =
    subscription;
  return {
    id,
    connection_id,
    trigger,
    input,
    webhook_id,
    event_action,
    event_object,
    callback_url,
    status,
    created_at: subscription.created_at,
    updated_at: subscription.updated_at,
  };
}

/** Per subscription object (the delivery route's cache keeps one for 2 s), so derived values are computed once. */
const states = new WeakMap<SubscriptionWithSecret, SubscriptionState>();

function stateOf(subscription: SubscriptionWithSecret): SubscriptionState {
  let state = states.get(subscription);
  if (!state) {
    state = toState(subscription);
    states.set(subscription, state);
  }
  return state;
}

function toState(subscription: SubscriptionWithSecret): SubscriptionState {
  return {
    trigger: subscription.trigger,
    input: subscription.input,
    webhook_id: subscription.webhook_id ?? -1,
    event_action: subscription.event_action,
    event_object: subscription.event_object,
    callback_url: subscription.callback_url,
    ...subscription.credentials,
    ...(subscription.user_id !== null ? { user_id: subscription.user_id } : {}),
  };
}

function gone(reply: FastifyReply, id: string) {
  return reply.code(410).send({
    error: {
      code: 'not_found',
      message: `Subscription ${id} was deleted.`,
      details: { subscription_id: id },
    },
  });
}

/** Subscriptions, the webhook callback, and runs. */
export function registerTriggerRoutes(app: FastifyInstance, deps: TriggerDeps): void {
  const { config, store, inbox, dispatcher } = deps;

  /**
   * The subscription a delivery is for, kept a moment in memory: Pipedrive sends bursts to one callback, and
   * reading and unsealing the subscription for each delivery would cost more than storing the delivery.
   * Changes made by this host drop the entry at once; another host's deletion is seen within TARGET_TTL_MS.
   */
  const targets = new Map<string, { until: number; value: Promise<SubscriptionWithSecret | undefined> }>();
  const deliveryTarget = (id: string) => {
    const cached = targets.get(id);
    if (cached && cached.until > Date.now()) return cached.value;
    const value = store.getSubscription(id);
    targets.set(id, { until: Date.now() + TARGET_TTL_MS, value });
    if (targets.size > 10_000) targets.delete(targets.keys().next().value as string);
    value.catch(() => targets.delete(id));
    return value;
  };
  const forget = (id: string) => targets.delete(id);

  const loadSubscription = async (id: string) => {
    const subscription = await store.getSubscription(id);
    if (!subscription || subscription.status === 'deleted') {
      throw new ConnectorError('not_found', `Subscription ${id} not found.`, { subscription_id: id });
    }
    return subscription;
  };

  app.post('/subscriptions', async (request, reply) => {
    const body = validateInput(newSubscription, request.body, 'POST /subscriptions');
    const trigger = resolveTrigger(body.trigger);
    const input = parseTriggerInput(trigger, body.input ?? {});
    const connection = await deps.loadConnection(body.connection_id);
    const id = crypto.randomUUID();
    const callbackUrl = `${config.publicUrl}/webhooks/pipedrive/${id}`;
    const credentials = newCredentials();
    const subscription = await store.createSubscription({
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
        ...deps.contextFor(connection, request.log),
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
      return reply.code(201).send({
        ...publicSubscription({ ...subscription, webhook_id: state.webhook_id, status: 'active' }),
      });
    } catch (error) {
      await store.discardSubscription(id);
      throw error;
    }
  });

  app.get<{ Querystring: { connection_id?: string } }>('/subscriptions', async (request) => {
    const filter = request.query.connection_id ? { connection_id: request.query.connection_id } : {};
    return { subscriptions: (await store.listSubscriptions(filter)).map(publicSubscription) };
  });

  app.get<{ Params: { id: string } }>('/subscriptions/:id', async (request) => {
    const subscription = await loadSubscription(request.params.id);
    return { ...publicSubscription(subscription), deliveries: await store.countDeliveries(subscription.id) };
  });

  app.delete<{ Params: { id: string } }>('/subscriptions/:id', async (request, reply) => {
    const subscription = await loadSubscription(request.params.id);
    if (subscription.webhook_id !== null) {
      const connection = await store.getConnection(subscription.connection_id);
      if (connection) {
        await connector.triggers.unsubscribe(
          { webhook_id: subscription.webhook_id },
          deps.contextFor(connection, request.log),
        );
      } else {
        request.log.warn(
          { subscription_id: subscription.id },
          'the connection is gone; the Pipedrive webhook could not be deleted',
        );
      }
    }
    await store.markSubscriptionDeleted(subscription.id);
    forget(subscription.id);
    return reply.code(204).send();
  });

  /**
   * Check the webhook at Pipedrive; re-create it (same URL and credentials) when Pipedrive dropped it (it
   * deletes webhooks after 3 days of failing deliveries).
   */
  const repair = async (id: string, log: Logger) => {
    const subscription = await loadSubscription(id);
    const connection = await deps.loadConnection(subscription.connection_id);
    const ctx = deps.contextFor(connection, log);
    const health =
      subscription.webhook_id === null
        ? ({ status: 'missing' } as const)
        : await connector.triggers.check({ webhook_id: subscription.webhook_id }, ctx);
    if (health.status !== 'missing') return { id: subscription.id, ...health };
    const state = await connector.triggers.subscribe(subscription.trigger, subscription.input, {
      ...ctx,
      callbackUrl: subscription.callback_url,
      credentials: subscription.credentials,
      userId: connection.user.id,
    });
    await store.activateSubscription(subscription.id, state.webhook_id);
    forget(subscription.id);
    log.info({ subscription_id: subscription.id, webhook_id: state.webhook_id }, 'webhook re-created');
    return { id: subscription.id, status: 'recreated', webhook_id: state.webhook_id };
  };

  // One repair at a time per subscription, across hosts: two at once would create two webhooks.
  app.post<{ Params: { id: string } }>('/subscriptions/:id/check', async (request) =>
    store.withLock(`subscription:${request.params.id}`, () => repair(request.params.id, request.log)),
  );

  // ---------- the callback Pipedrive calls ----------

  app.register(async (scope) => {
    // The body is read raw and parsed after the credentials are checked: a stranger's malformed body gets
    // 401, not a parse error, and nothing is stored either way.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_request, body, done) =>
      done(null, body),
    );

    // Before the body is read: an unknown or deleted subscription and wrong credentials are answered at once,
    // so that a stranger can make the host neither buffer a body nor wait for a slow one.
    // Requests whose credentials the onRequest hook has checked.
    const authorized = new WeakSet<FastifyRequest>();
    scope.addHook<{ Params: { subscription_id: string } }>('onRequest', async (request, reply) => {
      const subscription = await deliveryTarget(request.params.subscription_id);
      if (!subscription) {
        throw new ConnectorError('not_found', 'Unknown subscription.', {
          subscription_id: request.params.subscription_id,
        });
      }
      if (subscription.status === 'deleted') return gone(reply, subscription.id);
      const authorization = request.headers.authorization;
      if (
        !hasCredentials(
          Array.isArray(authorization) ? authorization[0] : authorization,
          subscription.credentials,
        )
      ) {
        throw new ConnectorError('unauthorized', 'Missing or wrong webhook credentials.');
      }
      authorized.add(request);
    });

    scope.post<{ Params: { subscription_id: string } }>(
      '/webhooks/pipedrive/:subscription_id',
      async (request, reply) => {
        if (!authorized.has(request)) {
          throw new ConnectorError('unauthorized', 'Missing or wrong webhook credentials.');
        }
        // Looked up again (from the cache): the subscription may have been deleted while the body arrived.
        const subscription = await deliveryTarget(request.params.subscription_id);
        if (!subscription) {
          throw new ConnectorError('not_found', 'Unknown subscription.', {
            subscription_id: request.params.subscription_id,
          });
        }
        if (subscription.status === 'deleted') return gone(reply, subscription.id);
        // The credentials were checked by the hook, before the body was read; now the payload and the filters.
        const { event, skip } = judgePayload(stateOf(subscription), request.body ?? '');
        const outcome = await inbox.record({
          subscription_id: subscription.id,
          trigger: subscription.trigger,
          event_id: event.event_id,
          attempt: event.attempt,
          skip,
          event,
        });
        if (outcome === 'skipped')
          request.log.debug({ event_id: event.event_id, reason: skip }, 'event skipped');
        return reply.code(200).send({ status: outcome, event_id: event.event_id });
      },
    );
  });

  // ---------- runs ----------

  app.get('/runs', async (request) => {
    const query = validateInput(runQuery, request.query, 'GET /runs');
    return store.listRuns({
      limit: query.limit,
      ...(query.subscription_id ? { subscription_id: query.subscription_id } : {}),
      ...(query.status ? { status: query.status as RunStatus } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
  });

  app.get<{ Params: { id: string } }>('/runs/:id', async (request) => {
    const run = await store.getRun(request.params.id);
    if (!run) throw new ConnectorError('not_found', `Run ${request.params.id} not found.`);
    return run;
  });

  app.post<{ Params: { id: string } }>('/runs/:id/retry', async (request, reply) => {
    const run = await store.getRun(request.params.id);
    if (!run) throw new ConnectorError('not_found', `Run ${request.params.id} not found.`);
    if (run.status === 'delivered') {
      throw new ConnectorError('conflict', `Run ${run.id} was already delivered.`, { status: run.status });
    }
    await dispatcher.requeue(run.id);
    return reply.code(202).send({ id: run.id, status: 'pending' });
  });
}
