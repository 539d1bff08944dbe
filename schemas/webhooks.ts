import { z } from 'zod';
import { describe, id, labelled, optional, record } from './common.js';

/**
 * Webhooks v2 event actions and objects (FACTS §1; the v2-only objects from Pipedrive's live guide): what a
 * webhook listens for. The triggers register webhooks with them, and `add_webhook` offers them.
 */
export const EVENT_ACTIONS = ['create', 'change', 'delete', '*'] as const;
export const EVENT_OBJECTS = [
  'activity',
  'deal',
  'lead',
  'note',
  'organization',
  'person',
  'pipeline',
  'product',
  'stage',
  'user',
  'deal_product',
  'deal_installment',
  'project',
  'task',
  'board',
  'phase',
  '*',
] as const;

export const EVENT_ACTION_LABELS = {
  create: 'Created',
  change: 'Changed',
  delete: 'Deleted',
  '*': 'Any action',
} as const satisfies Record<(typeof EVENT_ACTIONS)[number], string>;

/** What each event object is called in titles and descriptions (a task is a project's task, and so on). */
export const EVENT_OBJECT_TITLES: Record<Exclude<(typeof EVENT_OBJECTS)[number], '*'>, string> = {
  activity: 'activity',
  deal: 'deal',
  lead: 'lead',
  note: 'note',
  organization: 'organization',
  person: 'person',
  pipeline: 'pipeline',
  product: 'product',
  stage: 'stage',
  user: 'user',
  deal_product: 'deal product',
  deal_installment: 'deal installment',
  project: 'project',
  task: 'project task',
  board: 'project board',
  phase: 'project phase',
};

export const EVENT_OBJECT_LABELS = Object.fromEntries(
  EVENT_OBJECTS.map((o) => [
    o,
    o === '*' ? 'Any object' : EVENT_OBJECT_TITLES[o].replace(/^./, (c) => c.toUpperCase()),
  ]),
) as Record<(typeof EVENT_OBJECTS)[number], string>;

/** Body of add_webhook: the URL, the event and a name are required. */
export const addWebhookBody = {
  subscription_url: describe(
    z.url({ protocol: /^https?$/ }),
    'Where Pipedrive sends the events: a full, public URL that does not redirect (not a Pipedrive API URL)',
    'Subscription URL',
  ),
  event_action: labelled(EVENT_ACTION_LABELS, 'The action to be notified of (`*` for any)'),
  event_object: labelled(EVENT_OBJECT_LABELS, 'The kind of record to be notified of (`*` for any)'),
  name: describe(z.string().min(1), 'The name of the webhook'),
  ...optional({
    user_id: id(
      'The user whose permissions the webhook has: an event is sent only if this user may see the record (default: the user making the request; an admin sees all events)',
      'Authorized as user',
    ),
    http_auth_user: describe(
      z.string().nullable(),
      'The HTTP Basic user name the subscription URL requires, if any',
      'HTTP auth user',
    ),
    http_auth_password: describe(
      z.string().nullable(),
      'The HTTP Basic password the subscription URL requires, if any. It is never returned: answers show `[redacted]`.',
      'HTTP auth password',
    ),
    version: labelled(
      { '1.0': 'Webhooks v1 (legacy)', '2.0': 'Webhooks v2' },
      'The payload format of the webhook (default 2.0; v1 is legacy)',
    ),
  }),
};

/** A webhook as Pipedrive returns it, its password redacted by the connector. */
export const webhook = record({
  id: describe(z.int(), 'The ID of the webhook'),
  name: describe(z.string(), 'The name of the webhook'),
  company_id: describe(z.int(), 'The ID of the company'),
  owner_id: describe(z.int(), 'The ID of the user who owns the webhook'),
  user_id: describe(z.int(), 'The ID of the user whose permissions the webhook has'),
  admin_id: describe(z.int(), 'The ID of the admin of the webhook'),
  event_action: describe(z.string(), 'The action the webhook listens for (v1 webhooks: added, updated, ...)'),
  event_object: describe(z.string(), 'The kind of record the webhook listens for'),
  subscription_url: describe(z.string(), 'Where Pipedrive sends the events'),
  version: describe(z.string(), 'The payload format of the webhook (1.0 or 2.0)'),
  is_active: describe(z.union([z.int(), z.boolean()]), 'Whether the webhook is active (1) or not (0)'),
  type: describe(
    z.string(),
    'The type of the webhook: `general`, `application` (made by an app) or `automation`',
  ),
  add_time: describe(z.string(), 'When the webhook was created'),
  remove_time: describe(z.string(), 'When the webhook was removed, if it was'),
  remove_reason: describe(z.string(), 'Why the webhook was removed, if it was'),
  http_auth_user: describe(z.string(), 'The HTTP Basic user name sent to the subscription URL'),
  http_auth_password: describe(
    z.string(),
    'Always `[redacted]` when set: Pipedrive returns the password in clear, the connector never does',
  ),
  last_delivery_time: describe(z.string(), 'When an event was last delivered'),
  last_http_status: describe(z.int(), 'The HTTP status of the last delivery'),
});

/** The `{id}` of delete_webhook: a dropdown of the webhooks. */
export const webhookId = () =>
  z
    .int()
    .positive()
    .meta({ title: 'Webhook', description: 'The ID of the webhook', 'x-lookup': { lookup: 'webhooks' } });

const status = describe(z.string().optional(), 'The status of the request (`ok`)');
const success = describe(z.boolean(), 'Whether the request succeeded');

/** The webhook envelope: `{ status, success, data }`. */
export const webhookEnvelope = <T extends z.ZodType>(data: T) => z.looseObject({ status, success, data });

/** What delete_webhook answers: `{ status, success }`. */
export const webhookDeleted = z.looseObject({ status, success });
