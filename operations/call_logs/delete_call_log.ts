import { z } from 'zod';
import { defineOperation } from '../../runtime/define.js';
import { callLogId } from '../../schemas/call_logs.js';
import { describe } from '../../schemas/common.js';

export default defineOperation({
  name: 'delete_call_log',
  title: 'Delete call log',
  description:
    'Deletes a call log and its recording, if any. Its call activity stays: delete it with `delete_activity`.',
  resource: 'call_logs',
  method: 'DELETE',
  path: '/callLogs/{id}',
  api: 'v1',
  scopes: ['phone-integration'],
  tokenCost: 6,
  params: { id: callLogId() },
  output: z.looseObject({ success: describe(z.boolean(), 'Whether the call log was deleted') }),
  sample: { id: 'CAd92b224eb4a39b5ad8fea92ff0e' },
});
