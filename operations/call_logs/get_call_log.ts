import { defineOperation } from '../../runtime/define.js';
import { callLog, callLogId } from '../../schemas/call_logs.js';
import { single } from '../../schemas/common.js';

export default defineOperation({
  name: 'get_call_log',
  title: 'Get call log',
  description:
    'Returns a call log: outcome, numbers, start and end, duration, note and the records it belongs to.',
  resource: 'call_logs',
  method: 'GET',
  path: '/callLogs/{id}',
  api: 'v1',
  scopes: ['phone-integration'],
  tokenCost: 2,
  params: { id: callLogId() },
  output: single(callLog),
  sample: { id: 'CAd92b224eb4a39b5ad8fea92ff0e' },
});
