import { mailboxOk, mailThread } from '../../fixtures/account.js';
import { ok } from '../../fixtures/entities.js';
import { LEAD_ID } from '../../fixtures/leads.js';
import { mailMessage } from '../../fixtures/mail.js';
import { pageV1 } from '../../fixtures/reference.js';
import type { OperationCase } from '../harness.js';

/** The mailbox's threads (API v1). */
const cases: OperationCase[] = [
  {
    op: 'list_mail_threads',
    input: { folder: 'sent', start: 50, limit: 50 },
    method: 'GET',
    path: '/v1/mailbox/mailThreads',
    query: { folder: 'sent', start: '50', limit: '50' },
    reply: pageV1([mailThread(), mailThread(4411, { subject: 'Pilot kickoff', folders: ['sent'] })], 50, 100),
  },
  {
    op: 'get_mail_thread',
    input: { id: 4410 },
    method: 'GET',
    path: '/v1/mailbox/mailThreads/4410',
    reply: ok(mailThread()),
  },
  {
    op: 'update_mail_thread',
    // Pipedrive documents a form body; the same fields go as JSON, typed (0/1 flags as numbers).
    input: { id: 4410, deal_id: '101', shared_flag: 0, read_flag: '1', archived_flag: 1 },
    method: 'PUT',
    path: '/v1/mailbox/mailThreads/4410',
    body: { deal_id: 101, shared_flag: 0, read_flag: 1, archived_flag: 1 },
    reply: ok(mailThread(4410, { deal_id: 101, deal_status: 'open', shared_flag: 0, archived_flag: 1 })),
  },
  {
    op: 'update_mail_thread',
    title: 'link to a lead',
    input: { id: 4410, lead_id: LEAD_ID },
    method: 'PUT',
    path: '/v1/mailbox/mailThreads/4410',
    body: { lead_id: LEAD_ID },
    reply: ok(mailThread(4410, { lead_id: LEAD_ID })),
  },
  {
    op: 'delete_mail_thread',
    input: { id: 4410 },
    method: 'DELETE',
    path: '/v1/mailbox/mailThreads/4410',
    reply: mailboxOk({ id: 4410 }),
  },
  {
    op: 'get_mail_thread_messages',
    input: { id: 4410 },
    method: 'GET',
    path: '/v1/mailbox/mailThreads/4410/mailMessages',
    reply: ok([mailMessage(9301, { mail_thread_id: 4410 }), mailMessage(9302, { mail_thread_id: 4410 })]),
  },
];

export default cases;
