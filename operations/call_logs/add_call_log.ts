import { defineOperation } from '../../runtime/define.js';
import { addCallLogBody, callLog } from '../../schemas/call_logs.js';
import { single } from '../../schemas/common.js';

export default defineOperation({
  name: 'add_call_log',
  title: 'Add call log',
  description:
    'Logs a phone call (made outside Pipedrive) with its number, outcome, start and end, optionally on a person, organization, and a deal or a lead; Pipedrive adds a call activity for it (or turns `activity_id` into the log). A recording is attached separately (`POST /v1/callLogs/{id}/recordings`).',
  resource: 'call_logs',
  method: 'POST',
  path: '/callLogs',
  api: 'v1',
  scopes: ['phone-integration'],
  tokenCost: 10,
  body: addCallLogBody,
  output: single(callLog),
  sample: {
    to_phone_number: '+37255550101',
    outcome: 'connected',
    start_time: '2026-11-20 09:30:00',
    end_time: '2026-11-20 09:42:10',
    duration: '730',
    person_id: 201,
  },
});
