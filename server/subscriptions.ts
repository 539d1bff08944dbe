import connector from '../index.js';
import type { Logger } from '../runtime/context.js';
import { ConnectorError } from '../runtime/errors.js';
import type { Trigger } from '../triggers/define.js';
import { newCredentials } from '../triggers/delivery.js';
import { findPollingTrigger } from '../triggers/polling.js';
import { parseTriggerInput, resolveTrigger } from '../triggers/webhooks.js';
import type { Config } from './config.js';
import type { Connections } from './connections.js';
import { unreachableWarning } from './reach.js';
import type { Store, SubscriptionWithSecret, WorkspaceStore } from './store/types.js';

/** How long a delivery target is kept in memory; another host's change is seen within it. */
const TARGET_TTL_MS = 2000;
/** Delivery targets kept at most (the oldest goes first). */
const MAX_TARGETS = 10_000;

/** When a polling subscription names no interval. */
export const DEFAULT_POLL_INTERVAL_SECONDS = 300;

/** What `POST /subscriptions` asks for. */
export interface SubscribeRequest {
  connection_id: string;
  trigger: string;
  input?: Record<string, unknown>;
  /** `webhook` (default): Pipedrive calls the host; `polling`: the host asks Pipedrive every `interval` s. */
  mode?: 'webhook' | 'polling';
  interval?: number;
  backfill?: number;
}

/** Refuse polling-only fields on a webhook subscription, and an interval under the host's minimum. */
function pollingInput(
  request: SubscribeRequest,
  minInterval: number,
): { interval: number; backfill: number } | null {
  const issue = (path: string, message: string) =>
    new ConnectorError('invalid_input', `${path} ${message}.`, { issues: [{ path, message }] });
  if (request.mode !== 'polling') {
    for (const field of ['interval', 'backfill'] as const) {
      if (request[field] !== undefined) throw issue(field, 'is for polling subscriptions (mode "polling")');
    }
    return null;
  }
  const interval = request.interval ?? Math.max(DEFAULT_POLL_INTERVAL_SECONDS, minInterval);
  if (interval < minInterval) {
    throw issue(
      'interval',
      `must be at least ${minInterval} seconds on this host (POLL_MIN_INTERVAL_SECONDS)`,
    );
  }
  return { interval, backfill: request.backfill ?? 0 };
}

/**
 * The subscription lifecycle, owned in one place: subscribe (register the Pipedrive webhook with credentials of
 * its own), repair (re-create a webhook Pipedrive dropped) and unsubscribe, and the cache of delivery targets
 * that the webhook route reads. Each change this host makes drops the cached target at once; the routes call
 * these methods and keep only HTTP (schemas, audit, answers).
 */
export class Subscriptions {
  private readonly targets = new Map<
    string,
    { until: number; value: Promise<SubscriptionWithSecret | undefined> }
  >();

  constructor(
    private readonly config: Config,
    private readonly store: Store,
    private readonly connections: Connections,
  ) {}

  /**
   * The subscription a delivery is for, kept a moment in memory: Pipedrive sends bursts to one callback, and
   * reading and unsealing the subscription for each delivery would cost more than storing the delivery.
   * Changes made by this host drop the entry at once; another host's are seen within TARGET_TTL_MS.
   */
  deliveryTarget(id: string): Promise<SubscriptionWithSecret | undefined> {
    const cached = this.targets.get(id);
    if (cached && cached.until > Date.now()) return cached.value;
    const value = this.store.getSubscription(id);
    this.targets.set(id, { until: Date.now() + TARGET_TTL_MS, value });
    if (this.targets.size > MAX_TARGETS) this.targets.delete(this.targets.keys().next().value as string);
    value.catch(() => this.targets.delete(id));
    return value;
  }

  /** A subscription of the workspace that is not deleted, or `not_found`. */
  async load(workspace: WorkspaceStore, id: string) {
    const found = await workspace.getSubscription(id);
    if (!found || found.status === 'deleted') {
      throw new ConnectorError('not_found', `Subscription ${id} not found.`, { subscription_id: id });
    }
    return found;
  }

  /**
   * Webhook mode: register the trigger's webhook at Pipedrive, calling back
   * `<PUBLIC_URL>/webhooks/pipedrive/<id>`, and make the subscription active; when Pipedrive refuses, the
   * subscription is discarded. `warning` is set when PUBLIC_URL is an address Pipedrive cannot reach.
   * Polling mode: store the subscription with its poll state, due at once (server/poller.ts polls it); nothing is
   * asked of Pipedrive until that first poll, which fires nothing older than now (but the backfill).
   */
  async subscribe(workspace: WorkspaceStore, request: SubscribeRequest, log: Logger) {
    const polling = pollingInput(request, this.config.pollMinIntervalSeconds);
    if (polling) {
      const state = await connector.triggers.startPolling(request.trigger, request.input ?? {}, {
        backfill: polling.backfill,
      });
      const trigger = findPollingTrigger(state.trigger) as Trigger;
      const connection = await this.connections.load(workspace, request.connection_id);
      const id = crypto.randomUUID();
      const created = await workspace.createSubscription({
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
        poll: { state, next_poll_at: new Date() },
      });
      log.info(
        { subscription_id: id, trigger: trigger.name, interval_seconds: polling.interval },
        'subscribed (polling)',
      );
      return { subscription: created, warning: undefined };
    }
    const trigger = resolveTrigger(request.trigger);
    const input = parseTriggerInput(trigger, request.input ?? {});
    const connection = await this.connections.load(workspace, request.connection_id);
    const id = crypto.randomUUID();
    const callbackUrl = `${this.config.publicUrl}/webhooks/pipedrive/${id}`;
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
        ...this.connections.context(connection, log),
        callbackUrl,
        credentials,
        userId: connection.user.id,
      });
      await this.store.activateSubscription(id, state.webhook_id);
      this.forget(id);
      log.info({ subscription_id: id, webhook_id: state.webhook_id, trigger: trigger.name }, 'subscribed');
      const warning = unreachableWarning(this.config.publicUrl);
      if (warning) log.warn({ subscription_id: id, public_url: this.config.publicUrl }, warning);
      return {
        subscription: { ...created, webhook_id: state.webhook_id, status: 'active' as const },
        ...(warning ? { warning } : {}),
      };
    } catch (error) {
      await this.store.discardSubscription(id);
      throw error;
    }
  }

  /** Delete the Pipedrive webhook (a 404 there counts as done) and mark the subscription deleted. */
  async unsubscribe(workspace: WorkspaceStore, id: string, log: Logger) {
    const found = await this.load(workspace, id);
    if (found.webhook_id !== null) {
      const connection = await workspace.getConnection(found.connection_id);
      if (connection) {
        await connector.triggers.unsubscribe(
          { webhook_id: found.webhook_id },
          this.connections.context(connection, log),
        );
      } else {
        log.warn(
          { subscription_id: found.id },
          'the connection is gone; the Pipedrive webhook could not be deleted',
        );
      }
    }
    await this.store.markSubscriptionDeleted(found.id);
    this.forget(found.id);
    return found;
  }

  /**
   * Check the webhook at Pipedrive; re-create it (same URL and credentials) when Pipedrive dropped it (it
   * deletes webhooks after 3 days of failing deliveries). One repair at a time per subscription, across hosts:
   * two at once would create two webhooks.
   */
  repair(workspace: WorkspaceStore, id: string, log: Logger) {
    return this.store.withLock(`subscription:${id}`, async () => {
      const found = await this.load(workspace, id);
      if (found.mode === 'polling' || found.callback_url === null) {
        throw new ConnectorError(
          'invalid_input',
          `Subscription ${id} polls: it has no webhook to check (GET /subscriptions/${id} shows its last poll).`,
          { subscription_id: id },
        );
      }
      const callbackUrl = found.callback_url;
      const connection = await this.connections.load(workspace, found.connection_id);
      const ctx = this.connections.context(connection, log);
      const health =
        found.webhook_id === null
          ? ({ status: 'missing' } as const)
          : await connector.triggers.check({ webhook_id: found.webhook_id }, ctx);
      if (health.status !== 'missing') return { id: found.id, ...health };
      const state = await connector.triggers.subscribe(found.trigger, found.input, {
        ...ctx,
        callbackUrl,
        credentials: found.credentials,
        userId: connection.user.id,
      });
      await this.store.activateSubscription(found.id, state.webhook_id);
      this.forget(found.id);
      log.info({ subscription_id: found.id, webhook_id: state.webhook_id }, 'webhook re-created');
      return { id: found.id, status: 'recreated' as const, webhook_id: state.webhook_id };
    });
  }

  /** Drop the cached delivery target of a subscription this host changed. */
  private forget(id: string): void {
    this.targets.delete(id);
  }
}
