import { z } from 'zod';
import { defineOperation } from '../../runtime/define.js';
import { callLogId } from '../../schemas/call_logs.js';
import { describe } from '../../schemas/common.js';
import { recordingFile } from '../../schemas/files.js';

export default defineOperation({
  name: 'add_call_log_recording',
  title: 'Add call log recording',
  description:
    'Attaches an audio recording to a call log; whoever can see the call log can play it. A call log takes one recording: a second one is refused (conflict).',
  resource: 'files',
  method: 'POST',
  path: '/callLogs/{id}/recordings',
  api: 'v1',
  scopes: ['phone-integration'],
  tokenCost: 10,
  params: { id: callLogId() },
  files: { file: recordingFile() },
  output: z.looseObject({ success: describe(z.boolean(), 'Whether the recording was added') }),
  sample: {
    id: '3cde3b05035cae14dcfc172bd8000d08',
    file: {
      name: 'call.wav',
      type: 'audio/wav',
      base64:
        'UklGRnQAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YVAAAACAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgA==',
    },
  },
});
