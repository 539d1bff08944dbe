import { defineOperation } from '../../runtime/define.js';
import { addWebhookBody, webhook, webhookEnvelope } from '../../schemas/webhooks.js';

export default defineOperation({
  name: 'add_webhook',
  title: 'Add webhook',
  description:
    'Registers a webhook that sends an event (`event_action` on `event_object`, e.g. `change` on `deal`; `*` for any) to a URL of yours, with optional Basic credentials; at most 40 per user. For starting workflows, use the triggers instead: they manage their own webhooks. The answer shows the password as `[redacted]`. Admin only (`admin` scope).',
  resource: 'webhooks',
  method: 'POST',
  path: '/webhooks',
  api: 'v1',
  scopes: ['admin'],
  tokenCost: 10,
  body: addWebhookBody,
  output: webhookEnvelope(webhook.nullable()),
  sample: {
    subscription_url: 'https://hooks.example.com/pipedrive/deals',
    event_action: 'change',
    event_object: 'deal',
    name: 'Deal changes to the data warehouse',
    version: '2.0',
  },
});
