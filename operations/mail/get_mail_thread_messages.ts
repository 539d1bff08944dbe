import { defineOperation } from '../../runtime/define.js';
import { mailMessage, mailThreadId } from '../../schemas/mail.js';
import { plainList } from '../../schemas/reference.js';

export default defineOperation({
  name: 'get_mail_thread_messages',
  title: 'Get mail thread messages',
  description:
    'Returns the messages of a mail thread (not paginated): participants, subject, snippet and flags; the full body of one message comes from `get_mail_message` with `include_body`.',
  resource: 'mail',
  method: 'GET',
  path: '/mailbox/mailThreads/{id}/mailMessages',
  api: 'v1',
  scopes: ['mail:read', 'mail:full'],
  tokenCost: 20,
  params: { id: mailThreadId() },
  output: plainList(mailMessage),
  sample: { id: 4410 },
});
