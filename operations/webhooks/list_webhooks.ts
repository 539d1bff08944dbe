import { z } from 'zod';
import { defineOperation } from '../../runtime/define.js';
import { webhook, webhookEnvelope } from '../../schemas/webhooks.js';

export default defineOperation({
  name: 'list_webhooks',
  title: 'List webhooks',
  description:
    "Returns the company's webhooks (an app sees only its own), with their event, URL and last delivery; passwords read `[redacted]`. The connector's triggers register and remove their own webhooks (named `Workflow trigger: ...`): use this for webhooks you manage yourself. Admin only (`admin` scope).",
  resource: 'webhooks',
  method: 'GET',
  path: '/webhooks',
  api: 'v1',
  scopes: ['admin'],
  tokenCost: 10,
  output: webhookEnvelope(z.array(webhook).nullable()),
  sample: {},
});
