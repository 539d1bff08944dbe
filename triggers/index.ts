import { ConnectorError } from '../runtime/errors.js';
import { type Headers, header } from '../runtime/headers.js';
import { findTrigger } from './catalog.js';
import type { TriggerEvent } from './define.js';
import { hasCredentials, normalize, parsePayload, skipReason } from './delivery.js';
import { DEFAULT_MAX_AGE_MS, MAX_CLOCK_SKEW_MS } from './freshness.js';
import { checkWebhook, type SubscriptionState, subscribe, unsubscribe } from './webhooks.js';

export { triggers } from './catalog.js';
export type { Trigger, TriggerEvent } from './define.js';
/** Polling triggers (triggers/polling.ts). */
export * from './polling.js';
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

export interface JudgeOptions {
  /**
   * A delivery dated (`meta.timestamp`) longer ago than this is refused: a replay bound. Default one hour;
   * Pipedrive's own retries come within about 3 minutes of the first attempt.
   */
  maxAgeMs?: number;
  /** The clock (epoch milliseconds); tests set it. */
  now?: number;
}

/**
 * Check one delivery against its subscription: Basic credentials (constant time; `unauthorized` when they
 * do not match), a webhooks v2 payload (`invalid_input` otherwise), the subscription's own webhook (a payload
 * without `meta.webhook_id` or of another webhook is refused), dated within the freshness window, then the
 * trigger's filters. Throws before anything is worth storing.
 */
export function judgeDelivery(
  state: SubscriptionState,
  request: DeliveryRequest,
  options: JudgeOptions = {},
): Verdict {
  if (!hasCredentials(header(request.headers, 'authorization'), state)) {
    throw new ConnectorError('unauthorized', 'Missing or wrong webhook credentials.');
  }
  return judgePayload(state, request.body, options);
}

/**
 * `judgeDelivery` after the credentials: for a caller that has checked them already (the host does, before it
 * reads the body).
 */
export function judgePayload(state: SubscriptionState, body: unknown, options: JudgeOptions = {}): Verdict {
  const event = normalize(parsePayload(body));
  if (event.webhook_id === null) {
    throw new ConnectorError(
      'invalid_input',
      'The payload has no meta.webhook_id: not a delivery of this webhook.',
      {
        issues: [{ path: 'meta.webhook_id', message: 'is required' }],
      },
    );
  }
  if (String(event.webhook_id) !== String(state.webhook_id)) {
    throw new ConnectorError(
      'invalid_input',
      'The payload belongs to another webhook than this subscription.',
      {
        webhook_id: event.webhook_id,
        issues: [{ path: 'meta.webhook_id', message: 'is not the webhook of this subscription' }],
      },
    );
  }
  const now = options.now ?? Date.now();
  const maxAge = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  const at = event.timestamp === null ? Number.NaN : Date.parse(event.timestamp);
  if (Number.isNaN(at) || at < now - maxAge || at > now + MAX_CLOCK_SKEW_MS) {
    const why = Number.isNaN(at)
      ? 'has no readable meta.timestamp'
      : `is dated ${new Date(at).toISOString()}, outside the accepted window (the last ${Math.round(maxAge / 1000)} s)`;
    throw new ConnectorError('invalid_input', `The delivery ${why}: refused as a possible replay.`, {
      issues: [
        { path: 'meta.timestamp', message: Number.isNaN(at) ? 'is required' : 'is outside the window' },
      ],
    });
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

export interface ReceiveOptions extends JudgeOptions {
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
    const { event, skip } = judgeDelivery(state, request, options);
    if (skip) return [];
    const duplicate = options.isDuplicate
      ? await options.isDuplicate(event.event_id, state)
      : recent.seen(`${state.webhook_id}:${event.event_id}`);
    return duplicate ? [] : [event];
  },
};
