import { defineOperation } from '../../runtime/define.js';
import { callLog } from '../../schemas/call_logs.js';
import { listV1 } from '../../schemas/common.js';

export default defineOperation({
  name: 'list_user_call_logs',
  title: 'List user call logs',
  description:
    'Returns the call logs of the user making the request (at most 50 a page), with outcome, numbers, times and the person, organization, deal or lead of each call.',
  resource: 'call_logs',
  method: 'GET',
  path: '/callLogs',
  api: 'v1',
  scopes: ['phone-integration'],
  tokenCost: 20,
  pagination: { maxLimit: 50, style: 'offset' },
  output: listV1(callLog),
  sample: { limit: 50 },
});
