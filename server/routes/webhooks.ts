import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import connector from '../../index.js';
import { fieldEventEntity } from '../../runtime/custom-fields.js';
import { ConnectorError } from '../../runtime/errors.js';
import { hasCredentials, payloadSchema } from '../../triggers/delivery.js';
import { judgePayload } from '../../triggers/index.js';
import type { SubscriptionState } from '../../triggers/webhooks.js';
import { sendError } from '../http.js';
import { errorSchema, errors } from '../openapi.js';
import { idOf } from '../resources.js';
import type { SubscriptionWithSecret } from '../store/types.js';
import type { App, HostDeps } from './deps.js';

/** Per subscription object (the subscriptions service keeps one for 2 s), so derived values are computed once. */
const states = new WeakMap<SubscriptionWithSecret, SubscriptionState>();

function stateOf(subscription: SubscriptionWithSecret): SubscriptionState {
  let state = states.get(subscription);
  if (!state) {
    state = {
      trigger: subscription.trigger,
      input: subscription.input,
      webhook_id: subscription.webhook_id ?? -1,
      event_action: subscription.event_action,
      event_object: subscription.event_object,
      callback_url: subscription.callback_url ?? '',
      ...subscription.credentials,
      ...(subscription.user_id !== null ? { user_id: subscription.user_id } : {}),
    };
    states.set(subscription, state);
  }
  return state;
}

/** The subscription a delivery is for, found by the onRequest hook before the body is read. */
const targetOf = new WeakMap<FastifyRequest, SubscriptionWithSecret>();

/**
 * A refusal made before the body was read: the answer goes out with `connection: close` and the socket is closed
 * once it is written, so that a client trickling a body cannot hold the connection until the request timeout.
 */
function refuse(
  request: FastifyRequest,
  reply: FastifyReply,
  error: ConnectorError,
  status = error.status,
): FastifyReply {
  void reply.header('connection', 'close');
  reply.raw.once('finish', () => {
    const socket = request.raw.socket as import('node:net').Socket | undefined;
    // (An injected request, in tests, has no real socket.)
    if (typeof socket?.end !== 'function') return;
    socket.end();
    // A client that neither reads nor closes is cut off shortly after.
    setTimeout(() => socket.destroy(), 1000).unref();
  });
  request.log.info(
    { subscription_id: (request.params as { subscription_id?: string }).subscription_id, status },
    'delivery refused',
  );
  return sendError(reply, error, status);
}

const params = z.object({
  subscription_id: idOf('Subscription ID (in the callback URL).'),
});

/**
 * `POST /webhooks/pipedrive/:subscription_id`: Pipedrive's deliveries. The subscription is found and the Basic
 * credentials checked before the body is read; the body is read raw (any content type, at most 1 MiB), checked as
 * a webhooks v2 payload of this subscription's webhook within the freshness window, filtered, and written to the
 * inbox (deduplicated by the event ID) before the 2xx answer. One log line per delivery, with its outcome.
 */
export function registerWebhookRoutes(app: App, deps: HostDeps): void {
  const { inbox, config, subscriptions } = deps;

  app.register(async (scope) => {
    // The body is read raw and parsed after the credentials are checked: a stranger's malformed body gets
    // 401, not a parse error, and nothing is stored either way.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_request, body, done) =>
      done(null, body),
    );

    scope.post(
      '/webhooks/pipedrive/:subscription_id',
      {
        config: { access: 'webhook' },
        schema: {
          operationId: 'receiveWebhook',
          summary: "Pipedrive's webhook deliveries",
          description: `Called by Pipedrive, not by people. HTTP Basic credentials (made for the subscription) are checked in constant time before the body is read; the body is read raw (any content type, at most 1 MiB) and parsed as a webhooks v2 payload, which must name the subscription's webhook (\`meta.webhook_id\`) and be dated within the last ${config.webhookMaxAgeSeconds} s (\`meta.timestamp\`, WEBHOOK_MAX_AGE_SECONDS). The event is stored durably before the 200, and deduplicated by \`meta.id\`. A refusal closes the connection.`,
          tags: ['webhooks'],
          params,
          body: payloadSchema,
          response: {
            200: z
              .object({
                status: z
                  .enum(['accepted', 'duplicate', 'skipped'])
                  .meta({ description: 'What became of the event.' }),
                event_id: z.string().meta({ description: 'Event ID.' }),
              })
              .meta({ description: 'Accepted, a duplicate, or filtered out (skipped); stored either way.' }),
            ...errors(['invalid_input', 'unauthorized', 'not_found', 'unknown_operation']),
            410: errorSchema(['not_found'], '`not_found`: the subscription was deleted.'),
            413: errorSchema(['invalid_input'], '`invalid_input`: the body is over 1 MiB.'),
          },
        },
        // The body schema (the check's own, triggers/delivery.ts) documents the payload; the handler checks it
        // with it (judgePayload), after the credentials, so fastify does not validate it first.
        validatorCompiler: () => (data) => ({ value: data }),
        // Before the body is read: an unknown or deleted subscription and wrong credentials are answered at once,
        // so that a stranger can make the host neither buffer a body nor wait for a slow one.
        onRequest: async (request, reply) => {
          const { subscription_id } = request.params as { subscription_id: string };
          const found = await subscriptions.deliveryTarget(subscription_id);
          if (!found) {
            return refuse(
              request,
              reply,
              new ConnectorError('not_found', 'Unknown subscription.', { subscription_id }),
            );
          }
          if (found.mode === 'polling') {
            return refuse(
              request,
              reply,
              new ConnectorError('not_found', `Subscription ${found.id} polls: it takes no deliveries.`, {
                subscription_id: found.id,
              }),
            );
          }
          if (found.status === 'deleted') {
            const gone = new ConnectorError('not_found', `Subscription ${found.id} was deleted.`, {
              subscription_id: found.id,
            });
            return refuse(request, reply, gone, 410);
          }
          const authorization = request.headers.authorization;
          if (
            !hasCredentials(
              Array.isArray(authorization) ? authorization[0] : authorization,
              found.credentials,
            )
          ) {
            return refuse(
              request,
              reply,
              new ConnectorError('unauthorized', 'Missing or wrong webhook credentials.'),
            );
          }
          targetOf.set(request, found);
        },
      },
      async (request, reply) => {
        const subscription = targetOf.get(request);
        if (!subscription) throw new ConnectorError('unauthorized', 'Missing or wrong webhook credentials.');
        let verdict: ReturnType<typeof judgePayload>;
        try {
          verdict = judgePayload(stateOf(subscription), request.body ?? '', {
            maxAgeMs: config.webhookMaxAgeSeconds * 1000,
          });
        } catch (error) {
          request.log.info(
            {
              subscription_id: subscription.id,
              status: (error as ConnectorError).status,
              reason: (error as Error).message,
            },
            'delivery refused',
          );
          throw error;
        }
        const { event, skip } = verdict;
        // Pipedrive's field webhook: the connection's definitions of that entity are read again on next use
        // (on this host; the others keep theirs at most the cache's 5 minutes).
        const fieldsOf = fieldEventEntity(event.object);
        if (fieldsOf) {
          connector.clearFieldCache({ cacheKey: subscription.connection_id }, fieldsOf);
          request.log.info(
            { subscription_id: subscription.id, connection_id: subscription.connection_id, entity: fieldsOf },
            'custom field definitions changed: read again on next use',
          );
        }
        const outcome = await inbox.record({
          workspace_id: subscription.workspace_id,
          subscription_id: subscription.id,
          trigger: subscription.trigger,
          event_id: event.event_id,
          attempt: event.attempt,
          skip,
          event,
        });
        request.log.info(
          {
            subscription_id: subscription.id,
            event_id: event.event_id,
            attempt: event.attempt,
            outcome,
            ...(skip ? { reason: skip } : {}),
          },
          'delivery',
        );
        return reply.code(200).send({ status: outcome, event_id: event.event_id });
      },
    );
  });
}
