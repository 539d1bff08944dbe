import { z } from 'zod';
import { defineOperation } from '../../runtime/define.js';
import { describe, optional, single } from '../../schemas/common.js';
import { activityType, activityTypeFields, activityTypeId } from '../../schemas/reference.js';

export default defineOperation({
  name: 'update_activity_type',
  title: 'Update activity type',
  description:
    'Updates an activity type: its name, icon, color or position in selections. Only the fields given change; the `key_string` stays.',
  resource: 'activity_types',
  method: 'PUT',
  path: '/activityTypes/{id}',
  api: 'v1',
  scopes: ['admin'],
  tokenCost: 10,
  params: { id: activityTypeId() },
  body: optional({
    ...activityTypeFields,
    order_nr: describe(z.int().min(0), 'The position of the activity type in selections', 'Order number'),
  }),
  output: single(activityType),
  sample: { id: 1, name: 'On-site visit', color: 'FF8C00' },
});
