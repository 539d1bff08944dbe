import { defineOperation } from '../../runtime/define.js';
import { goalDeleted, goalId } from '../../schemas/goals.js';

export default defineOperation({
  name: 'delete_goal',
  title: 'Delete goal',
  description: 'Marks a goal as deleted; its report goes with it.',
  resource: 'goals',
  method: 'DELETE',
  path: '/goals/{id}',
  api: 'v1',
  scopes: ['goals:full'],
  tokenCost: 6,
  params: { id: goalId() },
  output: goalDeleted,
  sample: { id: '5665cef556ddff22606fc8f6c0004807' },
});
