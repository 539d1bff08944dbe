import { defineOperation } from '../../runtime/define.js';
import { goalId, goalResult, period } from '../../schemas/goals.js';

export default defineOperation({
  name: 'get_goal_result',
  title: 'Get goal result',
  description:
    "Returns a goal's progress over a period within its duration: how far it got (`progress`, in the goal's tracking metric) and the goal itself.",
  resource: 'goals',
  method: 'GET',
  path: '/goals/{id}/results',
  api: 'v1',
  scopes: ['goals:read', 'goals:full'],
  tokenCost: 20,
  params: { id: goalId('The ID of the goal whose progress to return') },
  query: period('to measure, within the duration of the goal'),
  output: goalResult,
  sample: {
    id: '5665cef556ddff22606fc8f6c0004807',
    'period.start': '2027-01-01',
    'period.end': '2027-03-31',
  },
});
