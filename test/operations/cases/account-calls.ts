import { CALL_LOG_ID, callLog } from '../../fixtures/account.js';
import { ok } from '../../fixtures/entities.js';
import { LEAD_ID } from '../../fixtures/leads.js';
import { pageV1 } from '../../fixtures/reference.js';
import type { OperationCase } from '../harness.js';

/** Call logs and video calling links (API v1). */
const fullCall = {
  to_phone_number: '+37255550101',
  outcome: 'connected',
  start_time: '2026-11-20 09:30:00',
  end_time: '2026-11-20 09:42:10',
  from_phone_number: '+37255550100',
  duration: '730',
  subject: 'Renewal call with Mari',
  note: '<p>Agreed to send the revised quote.</p>',
  user_id: 11,
  person_id: 201,
  org_id: 301,
  deal_id: 101,
};
const LINK_ID = '1e3943c9-6395-462b-b432-1f252c017f3d';

const cases: OperationCase[] = [
  {
    op: 'list_user_call_logs',
    input: { start: 50, limit: 50 },
    method: 'GET',
    path: '/v1/callLogs',
    query: { start: '50', limit: '50' },
    reply: pageV1([callLog(), callLog('CAd92b224eb4a39b11a8fea92ff0e', { outcome: 'no_answer' })], 50, 100),
  },
  {
    op: 'get_call_log',
    input: { id: CALL_LOG_ID },
    method: 'GET',
    path: `/v1/callLogs/${CALL_LOG_ID}`,
    reply: ok(callLog()),
  },
  {
    op: 'add_call_log',
    input: fullCall,
    method: 'POST',
    path: '/v1/callLogs',
    body: fullCall,
    reply: ok(callLog()),
  },
  {
    op: 'add_call_log',
    title: 'an activity turned into a call log, on a lead, RFC 3339 times',
    input: {
      to_phone_number: '+37255550102',
      outcome: 'left_voicemail',
      start_time: '2026-11-21T14:00:00Z',
      end_time: '2026-11-21T14:01:05Z',
      activity_id: '7010',
      lead_id: LEAD_ID,
    },
    method: 'POST',
    path: '/v1/callLogs',
    body: {
      to_phone_number: '+37255550102',
      outcome: 'left_voicemail',
      start_time: '2026-11-21T14:00:00Z',
      end_time: '2026-11-21T14:01:05Z',
      activity_id: 7010,
      lead_id: LEAD_ID,
    },
    reply: ok(
      callLog('CAe0c1b2', { activity_id: 7010, deal_id: null, lead_id: LEAD_ID, outcome: 'left_voicemail' }),
    ),
  },
  {
    op: 'delete_call_log',
    input: { id: CALL_LOG_ID },
    method: 'DELETE',
    path: `/v1/callLogs/${CALL_LOG_ID}`,
    reply: { success: true },
  },
  {
    op: 'add_user_provider_link',
    input: {
      user_provider_id: LINK_ID,
      user_id: 11,
      company_id: '7730412',
      marketplace_client_id: '57da5c3c55a82bb4',
    },
    method: 'POST',
    path: '/v1/meetings/userProviderLinks',
    body: {
      user_provider_id: LINK_ID,
      user_id: 11,
      company_id: 7730412,
      marketplace_client_id: '57da5c3c55a82bb4',
    },
    reply: ok({ message: 'The user was added successfully' }),
  },
  {
    op: 'delete_user_provider_link',
    input: { id: LINK_ID },
    method: 'DELETE',
    path: `/v1/meetings/userProviderLinks/${LINK_ID}`,
    reply: ok({ message: 'The user data was successfully removed' }),
  },
];

export default cases;
