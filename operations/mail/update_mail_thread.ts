import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { mailThread, mailThreadId, updateMailThreadBody } from '../../schemas/mail.js';

export default defineOperation({
  name: 'update_mail_thread',
  title: 'Update mail thread',
  description:
    'Links a mail thread to a deal or a lead, shares it, marks it read or unread, or archives it (inbox threads only). Only the fields given change.',
  resource: 'mail',
  method: 'PUT',
  path: '/mailbox/mailThreads/{id}',
  api: 'v1',
  scopes: ['mail:full'],
  tokenCost: 10,
  params: { id: mailThreadId() },
  body: updateMailThreadBody,
  output: single(mailThread),
  sample: { id: 4410, deal_id: 101, read_flag: 1 },
});
