import { defineOperation } from '../../runtime/define.js';
import { optional, single } from '../../schemas/common.js';
import { activityType, activityTypeFields } from '../../schemas/reference.js';

const { name, icon_key, color } = activityTypeFields;

export default defineOperation({
  name: 'add_activity_type',
  title: 'Add activity type',
  description:
    'Adds an activity type (e.g. "Site visit") with its icon and color; its `key_string`, made from the name, is the `type` activities take.',
  resource: 'activity_types',
  method: 'POST',
  path: '/activityTypes',
  api: 'v1',
  scopes: ['admin'],
  tokenCost: 10,
  body: { name, icon_key, ...optional({ color }) },
  output: single(activityType),
  sample: { name: 'Site visit', icon_key: 'car', color: 'FFA500' },
});
