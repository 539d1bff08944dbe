import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { activityType, activityTypeId } from '../../schemas/reference.js';

export default defineOperation({
  name: 'delete_activity_type',
  title: 'Delete activity type',
  description: 'Deletes an activity type: Pipedrive marks it deleted (`active_flag` false) and returns it.',
  resource: 'activity_types',
  method: 'DELETE',
  path: '/activityTypes/{id}',
  api: 'v1',
  scopes: ['admin'],
  tokenCost: 6,
  params: { id: activityTypeId() },
  output: single(activityType),
  sample: { id: 1 },
});
