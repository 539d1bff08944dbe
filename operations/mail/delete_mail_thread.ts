import { defineOperation } from '../../runtime/define.js';
import { deleted } from '../../schemas/common.js';
import { mailThreadId } from '../../schemas/mail.js';

export default defineOperation({
  name: 'delete_mail_thread',
  title: 'Delete mail thread',
  description: 'Marks a mail thread as deleted in the Pipedrive mailbox.',
  resource: 'mail',
  method: 'DELETE',
  path: '/mailbox/mailThreads/{id}',
  api: 'v1',
  scopes: ['mail:full'],
  tokenCost: 6,
  params: { id: mailThreadId() },
  output: deleted('The ID of the deleted mail thread'),
  sample: { id: 4410 },
});
