import { defineOperation } from '../../runtime/define.js';
import { listV1 } from '../../schemas/common.js';
import { mailFolder, mailThread } from '../../schemas/mail.js';

export default defineOperation({
  name: 'list_mail_threads',
  title: 'List mail threads',
  description:
    "Returns the mail threads of a folder of the user's Pipedrive mailbox (inbox, drafts, sent or archive), the most recent first, with their participants and linked deal or lead.",
  resource: 'mail',
  method: 'GET',
  path: '/mailbox/mailThreads',
  api: 'v1',
  scopes: ['mail:read', 'mail:full'],
  tokenCost: 20,
  query: { folder: mailFolder() },
  pagination: { maxLimit: 500, style: 'offset' },
  output: listV1(mailThread),
  sample: { folder: 'inbox', limit: 50 },
});
