import { defineOperation } from '../../runtime/define.js';
import { mailMessages, recordPath } from '../../schemas/records.js';

export default defineOperation({
  name: 'get_deal_mail_messages',
  title: 'Get deal mail messages',
  description:
    'Returns the mail messages linked to a deal, newest first: participants, subject, snippet and flags (`get_mail_message` gives the body).',
  resource: 'deals',
  method: 'GET',
  path: '/deals/{id}/mailMessages',
  api: 'v1',
  scopes: ['mail:read', 'mail:full'],
  tokenCost: 20,
  params: recordPath('deal'),
  pagination: { maxLimit: 500, style: 'offset' },
  output: mailMessages,
  sample: { id: 1 },
});
