import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { mailThread, mailThreadId } from '../../schemas/mail.js';

export default defineOperation({
  name: 'get_mail_thread',
  title: 'Get mail thread',
  description:
    'Returns a mail thread: subject, participants, folders, flags and the deal or lead it is linked to. Its messages come from `get_mail_thread_messages`.',
  resource: 'mail',
  method: 'GET',
  path: '/mailbox/mailThreads/{id}',
  api: 'v1',
  scopes: ['mail:read', 'mail:full'],
  tokenCost: 20,
  params: { id: mailThreadId() },
  output: single(mailThread),
  sample: { id: 4410 },
});
