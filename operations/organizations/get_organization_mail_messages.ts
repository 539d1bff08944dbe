import { defineOperation } from '../../runtime/define.js';
import { mailMessages, recordPath } from '../../schemas/records.js';

export default defineOperation({
  name: 'get_organization_mail_messages',
  title: 'Get organization mail messages',
  description:
    'Returns the mail messages linked to an organization, newest first: participants, subject, snippet and flags (`get_mail_message` gives the body).',
  resource: 'organizations',
  method: 'GET',
  path: '/organizations/{id}/mailMessages',
  api: 'v1',
  scopes: ['mail:read', 'mail:full'],
  tokenCost: 20,
  params: recordPath('organization'),
  pagination: { maxLimit: 500, style: 'offset' },
  output: mailMessages,
  sample: { id: 1 },
});
