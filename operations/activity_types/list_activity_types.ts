import { defineOperation } from '../../runtime/define.js';
import { activityType, plainList } from '../../schemas/reference.js';

export default defineOperation({
  name: 'list_activity_types',
  title: 'List activity types',
  description:
    'Returns all activity types (call, meeting, task, custom ones, ...); their `key_string` is the `type` of activities.',
  resource: 'activity_types',
  method: 'GET',
  path: '/activityTypes',
  api: 'v1',
  scopes: ['activities:read', 'activities:full', 'admin'],
  tokenCost: 20,
  output: plainList(activityType),
  sample: {},
});
