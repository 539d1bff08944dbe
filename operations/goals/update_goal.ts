import { defineOperation } from '../../runtime/define.js';
import { goalAnswer, goalId, updateGoalBody } from '../../schemas/goals.js';

export default defineOperation({
  name: 'update_goal',
  title: 'Update goal',
  description:
    'Changes a goal: its title, type, assignee, target, duration or interval. Only the fields given change; an object given (e.g. `expected_outcome`) replaces the whole of it.',
  resource: 'goals',
  method: 'PUT',
  path: '/goals/{id}',
  api: 'v1',
  scopes: ['goals:full'],
  tokenCost: 10,
  params: { id: goalId() },
  body: updateGoalBody,
  output: goalAnswer,
  sample: {
    id: '5665cef556ddff22606fc8f6c0004807',
    expected_outcome: { target: 12, tracking_metric: 'quantity' },
  },
});
