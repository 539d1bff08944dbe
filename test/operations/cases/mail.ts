import { mailMessage } from '../../fixtures/mail.js';
import type { OperationCase } from '../harness.js';

const cases: OperationCase[] = [
  {
    op: 'get_mail_message',
    input: { id: 9301, include_body: 1 },
    method: 'GET',
    path: '/v1/mailbox/mailMessages/9301',
    query: { include_body: '1' },
    reply: {
      success: true,
      statusCode: 2000,
      statusText: 'Success',
      service: 'email-api',
      data: mailMessage(9301, {
        body: '<p>Thanks for the draft, our legal team will review it by Friday.</p>',
      }),
    },
  },
];

export default cases;
