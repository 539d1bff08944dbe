import { defineOperation } from '../../runtime/define.js';
import { mailMessages, recordPath } from '../../schemas/records.js';

export default defineOperation({
  name: 'get_person_mail_messages',
  title: 'Get person mail messages',
  description:
    'Returns the mail messages linked to a person, newest first: participants, subject, snippet and flags (`get_mail_message` gives the body).',
  resource: 'persons',
  method: 'GET',
  path: '/persons/{id}/mailMessages',
  api: 'v1',
  scopes: ['mail:read', 'mail:full'],
  tokenCost: 20,
  params: recordPath('person'),
  pagination: { maxLimit: 500, style: 'offset' },
  output: mailMessages,
  sample: { id: 1 },
});
