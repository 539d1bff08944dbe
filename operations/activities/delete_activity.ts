import { defineOperation } from '../../runtime/define.js';
import { deleted, id } from '../../schemas/common.js';

export default defineOperation({
  name: 'delete_activity',
  title: 'Delete activity',
  description: 'Marks an activity as deleted. After 30 days, the activity is permanently deleted.',
  resource: 'activities',
  method: 'DELETE',
  path: '/activities/{id}',
  scopes: ['activities:full'],
  tokenCost: 3,
  params: { id: id('The ID of the activity', 'Activity') },
  output: deleted('The ID of the deleted activity'),
  sample: { id: 1 },
});
