import type { CallContext } from '../runtime/context.js';
import { ConnectorError } from '../runtime/errors.js';
import { send } from '../runtime/transport.js';
import { validateInput } from '../runtime/validate.js';
import { findTrigger, webhookEvent } from './catalog.js';
import type { Trigger } from './define.js';
import { newCredentials, type WebhookCredentials } from './delivery.js';

/**
 * The webhook lifecycle on Pipedrive's API v1 (`/v1/webhooks`, the only place webhooks are managed):
 * register with `version: "2.0"` and per-subscription Basic credentials, adopt an existing exact match,
 * delete (a 404 counts as done), and check that Pipedrive still has it.
 */

/** Everything needed to receive and to unsubscribe; the engine (or the host) stores it, secrets sealed. */
export interface SubscriptionState extends WebhookCredentials {
  trigger: string;
  input: Record<string, unknown>;
  webhook_id: number;
  event_action: string;
  event_object: string;
  callback_url: string;
  /** The connection's own user, for `ignore_own_changes`. */
  user_id?: number | undefined;
}

export interface SubscribeContext extends CallContext {
  /** Where Pipedrive must POST the events: `<PUBLIC_URL>/webhooks/pipedrive/<subscription id>`. */
  callbackUrl: string;
  /** Credentials to register (the host generates and stores them first); fresh ones when omitted. */
  credentials?: WebhookCredentials;
  /** The connection's own user ID, for `ignore_own_changes`. */
  userId?: number;
}

interface Webhook {
  id: number;
  subscription_url?: string;
  event_action?: string;
  event_object?: string;
  version?: string;
  is_active?: number | boolean;
  http_auth_user?: string | null;
}

export function resolveTrigger(name: string): Trigger {
  const trigger = findTrigger(name);
  if (!trigger)
    throw new ConnectorError('unknown_operation', `Unknown trigger "${name}".`, { trigger: name });
  return trigger;
}

export function parseTriggerInput(trigger: Trigger, input: unknown): Record<string, unknown> {
  return validateInput(trigger.input, input, `trigger ${trigger.name}`) as Record<string, unknown>;
}

/** Pipedrive's refusals, turned into what the user should do. */
function webhookError(error: unknown): never {
  if (!(error instanceof ConnectorError)) throw error;
  const quoted = error.details.pipedrive_error
    ? ` (Pipedrive: ${String(error.details.pipedrive_error)})`
    : '';
  if (error.code === 'unprocessable') {
    throw new ConnectorError(
      'unprocessable',
      `Pipedrive refused a new webhook: each user may have at most 40 webhooks${quoted}. Remove unused webhooks in Pipedrive (Settings > Tools and apps > Webhooks) or unsubscribe triggers you no longer need, then try again.`,
      error.details,
    );
  }
  if (error.code === 'forbidden' || error.code === 'unauthorized') {
    throw new ConnectorError(
      error.code,
      `This connection may not manage webhooks${quoted}. With OAuth, the app needs the "admin" scope (or "webhooks:full"); reconnect after adding it. With an API token, use the token of a user who may manage webhooks (an admin sees all events).`,
      error.details,
    );
  }
  throw error;
}

export async function listWebhooks(ctx: CallContext): Promise<Webhook[]> {
  const response = await send({ method: 'GET', api: 'v1', path: '/webhooks' }, ctx).catch(webhookError);
  const data = (response.body as { data?: unknown } | undefined)?.data;
  return Array.isArray(data) ? (data as Webhook[]) : [];
}

function webhookName(trigger: Trigger, callbackUrl: string): string {
  const id = callbackUrl.split('/').pop() ?? '';
  return `Workflow trigger: ${trigger.title} [${id.slice(0, 36)}]`.slice(0, 255);
}

/**
 * Register the trigger's webhook. An exact match already on Pipedrive (same URL, action, object and auth
 * user: a previous attempt that succeeded there but not here) is adopted instead of creating a second one.
 */
export async function subscribe(
  name: string,
  input: unknown,
  ctx: SubscribeContext,
): Promise<SubscriptionState> {
  const trigger = resolveTrigger(name);
  const parsed = parseTriggerInput(trigger, input);
  const { event_action, event_object } = webhookEvent(trigger, parsed);
  const credentials = ctx.credentials ?? newCredentials();
  const state = (webhookId: number): SubscriptionState => ({
    trigger: trigger.name,
    input: parsed,
    webhook_id: webhookId,
    event_action,
    event_object,
    callback_url: ctx.callbackUrl,
    ...credentials,
    ...(ctx.userId !== undefined ? { user_id: ctx.userId } : {}),
  });

  const existing = (await listWebhooks(ctx)).filter((w) => w.subscription_url === ctx.callbackUrl);
  const exact = existing.find(
    (w) =>
      w.event_action === event_action &&
      w.event_object === event_object &&
      String(w.version ?? '2.0').startsWith('2') &&
      (w.http_auth_user === undefined || w.http_auth_user === credentials.http_auth_user),
  );
  if (exact) {
    ctx.logger?.info(
      { webhook_id: exact.id, trigger: trigger.name },
      'adopted the existing Pipedrive webhook',
    );
    return state(exact.id);
  }
  // A webhook on our URL that we cannot verify (other credentials or event) would only fail: remove it.
  for (const stale of existing) await deleteWebhook(stale.id, ctx);

  const response = await send(
    {
      method: 'POST',
      api: 'v1',
      path: '/webhooks',
      json: {
        subscription_url: ctx.callbackUrl,
        event_action,
        event_object,
        name: webhookName(trigger, ctx.callbackUrl),
        version: '2.0',
        ...credentials,
      },
    },
    ctx,
  ).catch(webhookError);
  const created = (response.body as { data?: { id?: unknown } } | undefined)?.data;
  if (!created || typeof created.id !== 'number') {
    throw new ConnectorError('upstream_error', 'Pipedrive created the webhook but returned no webhook ID.');
  }
  ctx.logger?.info({ webhook_id: created.id, trigger: trigger.name }, 'registered the Pipedrive webhook');
  return state(created.id);
}

async function deleteWebhook(id: number, ctx: CallContext): Promise<void> {
  try {
    await send({ method: 'DELETE', api: 'v1', path: `/webhooks/${encodeURIComponent(String(id))}` }, ctx);
  } catch (error) {
    // Already gone (deleted by hand, or by Pipedrive after 3 days of failures): the goal is reached.
    if (error instanceof ConnectorError && error.code === 'not_found') return;
    webhookError(error);
  }
}

/** Delete the subscription's webhook at Pipedrive; one that is already gone counts as deleted. */
export async function unsubscribe(
  state: Pick<SubscriptionState, 'webhook_id'>,
  ctx: CallContext,
): Promise<void> {
  await deleteWebhook(state.webhook_id, ctx);
}

export type WebhookHealth =
  | { status: 'ok'; webhook_id: number }
  | { status: 'inactive'; webhook_id: number }
  | { status: 'missing' };

/** Whether Pipedrive still has the webhook (it deletes webhooks after 3 days without a successful delivery). */
export async function checkWebhook(
  state: Pick<SubscriptionState, 'webhook_id'>,
  ctx: CallContext,
): Promise<WebhookHealth> {
  const found = (await listWebhooks(ctx)).find((w) => w.id === state.webhook_id);
  if (!found) return { status: 'missing' };
  const active = found.is_active === undefined || found.is_active === 1 || found.is_active === true;
  return { status: active ? 'ok' : 'inactive', webhook_id: found.id };
}
