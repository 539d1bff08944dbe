import { z } from 'zod';
import { describe, id, labelled, optional, record, uuid } from './common.js';

/** The `{id}` of the call log endpoints (a string): a dropdown of the user's recent call logs. */
export const callLogId = () =>
  z
    .string()
    // A path segment: letters, digits, `_` and `-` only (never `.` or `..`, which would change the path).
    .regex(/^[\w-]+$/, 'expected a call log ID: letters, digits, _ or -')
    .meta({
      title: 'Call log',
      description: 'The ID of the call log (given when it was added)',
      'x-lookup': { lookup: 'call_logs' },
    });

/** When a call started or ended, in UTC: Pipedrive's `YYYY-MM-DD HH:MM:SS`, or RFC 3339. */
const callTime = (which: string) =>
  describe(
    z
      .string()
      .regex(
        /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/,
        'expected YYYY-MM-DD HH:MM:SS (UTC) or an RFC 3339 date-time',
      ),
    `When the call ${which}, in UTC: \`YYYY-MM-DD HH:MM:SS\` (e.g. \`2026-11-20 09:30:00\`) or RFC 3339`,
  );

const outcome = labelled(
  {
    connected: 'Connected',
    no_answer: 'No answer',
    left_message: 'Left message',
    left_voicemail: 'Left voicemail',
    wrong_number: 'Wrong number',
    busy: 'Busy',
  },
  'How the call went',
);

const either = 'A call log belongs to a deal or a lead, not both.';

/** Body of add_call_log: the number called, the outcome, and when the call started and ended. */
export const addCallLogBody = {
  to_phone_number: describe(z.string().min(1), 'The number called', 'To phone number'),
  outcome,
  start_time: callTime('started'),
  end_time: callTime('ended'),
  ...optional({
    from_phone_number: describe(z.string(), 'The number that made the call', 'From phone number'),
    duration: describe(
      z.string().regex(/^\d+$/, 'expected whole seconds'),
      'The duration of the call in seconds',
    ),
    subject: describe(z.string(), 'The subject of the call activity'),
    note: describe(z.string(), 'A note about the call, in HTML'),
    user_id: id(
      'The user who owns the call log (default: the user making the request); only users with account settings access may log calls for others',
      'Owner',
    ),
    activity_id: id(
      'A call activity to turn into this call log; its deal, person and organization are used, and `deal_id`, `person_id` and `org_id` are ignored',
      'Activity',
    ),
    person_id: id('The person called', 'Person'),
    org_id: id('The organization of the call', 'Organization'),
    deal_id: id(`The deal the call is about. ${either}`, 'Deal'),
    lead_id: uuid(`The lead the call is about (UUID). ${either}`, 'Lead'),
  }),
};

/** A call log as Pipedrive returns it. */
export const callLog = record({
  id: describe(z.string(), 'The ID of the call log'),
  user_id: describe(z.int(), 'The ID of the user who owns the call log'),
  company_id: describe(z.int(), 'The ID of the company'),
  activity_id: describe(z.int(), 'The ID of the call activity of the log'),
  person_id: describe(z.int(), 'The ID of the person called'),
  org_id: describe(z.int(), 'The ID of the organization of the call'),
  deal_id: describe(z.int(), 'The ID of the deal of the call'),
  lead_id: describe(z.string(), 'The ID (UUID) of the lead of the call'),
  subject: describe(z.string(), 'The subject of the call activity'),
  outcome: describe(
    z.string(),
    'How the call went: connected, no_answer, left_message, left_voicemail, wrong_number or busy',
  ),
  from_phone_number: describe(z.string(), 'The number that made the call'),
  to_phone_number: describe(z.string(), 'The number called'),
  start_time: describe(z.string(), 'When the call started (UTC)'),
  end_time: describe(z.string(), 'When the call ended (UTC)'),
  duration: describe(z.string(), 'The duration of the call in seconds'),
  has_recording: describe(z.boolean(), 'Whether an audio recording is attached'),
  note: describe(z.string(), 'The note of the call log, in HTML'),
});
