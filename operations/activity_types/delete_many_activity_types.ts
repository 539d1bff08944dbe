import { z } from 'zod';
import { defineOperation } from '../../runtime/define.js';
import { csv } from '../../schemas/common.js';
import { deletedMany } from '../../schemas/reference.js';

export default defineOperation({
  name: 'delete_many_activity_types',
  title: 'Delete many activity types',
  description:
    'Deletes several activity types in one call (Pipedrive marks them deleted) and returns their IDs.',
  resource: 'activity_types',
  method: 'DELETE',
  path: '/activityTypes',
  api: 'v1',
  scopes: ['admin'],
  tokenCost: 10,
  query: { ids: csv(z.int().positive(), 'The IDs of the activity types to delete') },
  output: deletedMany('activity types'),
  sample: { ids: [1, 2] },
});
