import { defineOperation } from '../../runtime/define.js';
import { activity, activityIncludeFields } from '../../schemas/activities.js';
import { id, single } from '../../schemas/common.js';

export default defineOperation({
  name: 'get_activity',
  title: 'Get activity',
  description: 'Returns the details of a specific activity.',
  resource: 'activities',
  method: 'GET',
  path: '/activities/{id}',
  scopes: ['activities:read', 'activities:full'],
  tokenCost: 1,
  params: { id: id('The ID of the activity', 'Activity') },
  query: { include_fields: activityIncludeFields().optional() },
  output: single(activity),
  sample: { id: 1, include_fields: ['attendees'] },
});
