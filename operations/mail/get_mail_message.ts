import { defineOperation } from '../../runtime/define.js';
import { id, optional } from '../../schemas/common.js';
import { mailResponse } from '../../schemas/mail.js';
import { numberFlag } from '../../schemas/reference.js';

export default defineOperation({
  name: 'get_mail_message',
  title: 'Get mail message',
  description:
    'Returns a mail message of the Pipedrive mailbox: participants, subject, snippet, flags and, on request, the full body.',
  resource: 'mail',
  method: 'GET',
  path: '/mailbox/mailMessages/{id}',
  api: 'v1',
  scopes: ['mail:read', 'mail:full'],
  tokenCost: 2,
  params: { id: id('The ID of the mail message', 'Mail message') },
  query: optional({
    include_body: numberFlag('Whether to include the full message body (default 0)', {
      0: "Don't include",
      1: 'Include',
    }),
  }),
  output: mailResponse,
  sample: { id: 1, include_body: 1 },
});
