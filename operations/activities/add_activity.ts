import { defineOperation } from '../../runtime/define.js';
import { activity, activityBody } from '../../schemas/activities.js';
import { single } from '../../schemas/common.js';

export default defineOperation({
  name: 'add_activity',
  title: 'Add activity',
  description:
    'Adds a new activity (call, meeting, task, ...) linked to a deal, lead, person or organization. Without a due date it is added without a time.',
  resource: 'activities',
  method: 'POST',
  path: '/activities',
  scopes: ['activities:full'],
  tokenCost: 5,
  body: activityBody,
  output: single(activity),
  sample: {
    subject: 'Follow-up call',
    type: 'call',
    due_date: '2026-12-01',
    due_time: '10:30',
    duration: '00:30',
    deal_id: 1,
    participants: [{ person_id: 1, primary: true }],
  },
});
