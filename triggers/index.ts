import { ConnectorError } from '../runtime/errors.js';
import { type Headers, header } from '../runtime/headers.js';
import { findTrigger } from './catalog.js';
import type { TriggerEvent } from './define.js';
import { hasCredentials, normalize, parsePayload, skipReason } from './delivery.js';
import { checkWebhook, type SubscriptionState, subscribe, unsubscribe } from './webhooks.js';

export { triggers } from './catalog.js';
export type { Trigger, TriggerEvent } from './define.js';
export type { SubscriptionState } from './webhooks.js';

export interface DeliveryRequest {
  headers: Headers;
  /** The body as received: parsed JSON, a string or a Buffer. */
  body: unknown;
}

/** The verdict on one delivery: the event, and why it does not start a run (or null when it does). */
export interface Verdict {
  event: TriggerEvent;
  skip: string | null;
}

/**
 * Check one delivery against its subscription: Basic credentials (constant time; `unauthorized` when they
 * do not match), a webhooks v2 payload (`invalid_input` otherwise), the subscription's own webhook (a payload
 * of another webhook is refused), then the trigger's filters. Throws before anything is worth storing.
 */
export function judgeDelivery(state: SubscriptionState, request: DeliveryRequest): Verdict {
  if (!hasCredentials(header(request.headers, 'authorization'), state)) {
    throw new ConnectorError('unauthorized', 'Missing or wrong webhook credentials.');
  }
  return judgePayload(state, request.body);
}

/**
 * `judgeDelivery` after the credentials: for a caller that has checked them already (the host does, before it
 * reads the body).
 */
export function judgePayload(state: SubscriptionState, body: unknown): Verdict {
  const event = normalize(parsePayload(body));
  if (event.webhook_id !== null && String(event.webhook_id) !== String(state.webhook_id)) {
    throw new ConnectorError(
      'invalid_input',
      'The payload belongs to another webhook than this subscription.',
      {
        webhook_id: event.webhook_id,
      },
    );
  }
  const trigger = findTrigger(state.trigger);
  if (!trigger) throw new ConnectorError('unknown_operation', `Unknown trigger "${state.trigger}".`);
  return { event, skip: skipReason(trigger, state.input, event, { ownUserId: state.user_id }) };
}

/** Event IDs seen lately, per webhook, for engines without a store of their own (bounded, oldest out). */
class RecentIds {
  private readonly ids = new Map<string, true>();
  constructor(private readonly limit: number) {}

  /** True when the ID was already there. */
  seen(id: string): boolean {
    if (this.ids.has(id)) return true;
    this.ids.set(id, true);
    if (this.ids.size > this.limit) this.ids.delete(this.ids.keys().next().value as string);
    return false;
  }
}

const recent = new RecentIds(50_000);

export interface ReceiveOptions {
  /**
   * Whether this event was already received (the engine's own durable check). Without it, an in-memory
   * record of the last 50,000 event IDs drops Pipedrive's retries within this process.
   */
  isDuplicate?: (eventId: string, state: SubscriptionState) => boolean | Promise<boolean>;
}

export const triggerApi = {
  subscribe,
  unsubscribe,
  check: checkWebhook,

  /** Verify, parse, filter and deduplicate one delivery: the events that should start a run (0 or 1). */
  async receive(state: SubscriptionState, request: DeliveryRequest, options: ReceiveOptions = {}) {
    const { event, skip } = judgeDelivery(state, request);
    if (skip) return [];
    const duplicate = options.isDuplicate
      ? await options.isDuplicate(event.event_id, state)
      : recent.seen(`${state.webhook_id}:${event.event_id}`);
    return duplicate ? [] : [event];
  },
};
