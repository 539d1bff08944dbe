import { defineOperation } from '../../runtime/define.js';
import { activity, activityBody } from '../../schemas/activities.js';
import { id, single } from '../../schemas/common.js';

export default defineOperation({
  name: 'update_activity',
  title: 'Update activity',
  description: 'Updates the properties of an activity. Only the fields given are changed.',
  resource: 'activities',
  method: 'PATCH',
  path: '/activities/{id}',
  scopes: ['activities:full'],
  tokenCost: 5,
  params: { id: id('The ID of the activity', 'Activity') },
  body: activityBody,
  output: single(activity),
  sample: { id: 1, done: true },
});
