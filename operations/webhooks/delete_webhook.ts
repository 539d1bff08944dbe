import { defineOperation } from '../../runtime/define.js';
import { webhookDeleted, webhookId } from '../../schemas/webhooks.js';

export default defineOperation({
  name: 'delete_webhook',
  title: 'Delete webhook',
  description:
    "Deletes a webhook: Pipedrive stops sending its events. A trigger's webhook (named `Workflow trigger: ...`) is the trigger's to remove: unsubscribe the trigger instead, or it stops receiving events. Admin only (`admin` scope).",
  resource: 'webhooks',
  method: 'DELETE',
  path: '/webhooks/{id}',
  api: 'v1',
  scopes: ['admin'],
  tokenCost: 6,
  params: { id: webhookId() },
  output: webhookDeleted,
  sample: { id: 4201 },
});
