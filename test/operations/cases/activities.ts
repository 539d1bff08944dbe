import { activity, ok, page } from '../../fixtures/entities.js';
import type { OperationCase } from '../harness.js';

/** A full add_activity input, nested location, participants and attendees included. */
const newActivity = {
  subject: 'Follow-up call',
  type: 'call',
  due_date: '2026-12-01',
  due_time: '10:30',
  duration: '00:30',
  deal_id: 101,
  participants: [{ person_id: 201, primary: true }],
  location: { value: 'Tartu mnt 2, Tallinn', country: 'Estonia' },
  attendees: [{ email: 'buyer@example.com', name: 'Buyer' }],
  busy: true,
};

const cases: OperationCase[] = [
  {
    op: 'add_activity',
    input: newActivity,
    method: 'POST',
    path: '/api/v2/activities',
    body: newActivity,
    reply: ok(activity()),
  },
  {
    op: 'update_activity',
    input: { id: 501, done: true, note: 'Done, renewal agreed' },
    method: 'PATCH',
    path: '/api/v2/activities/501',
    body: { done: true, note: 'Done, renewal agreed' },
    reply: ok(activity(501, { done: true, note: 'Done, renewal agreed' })),
  },
  {
    op: 'get_activity',
    input: { id: 501, include_fields: ['attendees'] },
    method: 'GET',
    path: '/api/v2/activities/501',
    query: { include_fields: 'attendees' },
    reply: ok(activity()),
  },
  {
    op: 'delete_activity',
    input: { id: 501 },
    method: 'DELETE',
    path: '/api/v2/activities/501',
    reply: ok({ id: 501 }),
  },
  {
    op: 'list_activities',
    input: {
      deal_id: 101,
      done: false,
      updated_since: '2026-11-01T00:00:00Z',
      sort_by: 'due_date',
      sort_direction: 'desc',
      ids: [501, 502],
      limit: 50,
      cursor: 'eyJpZCI6NTAwfQ',
    },
    method: 'GET',
    path: '/api/v2/activities',
    query: {
      deal_id: '101',
      done: 'false',
      updated_since: '2026-11-01T00:00:00Z',
      sort_by: 'due_date',
      sort_direction: 'desc',
      ids: '501,502',
      limit: '50',
      cursor: 'eyJpZCI6NTAwfQ',
    },
    reply: page([activity(501), activity(502)], 'eyJpZCI6NTAyfQ'),
  },
];

export default cases;
