import { defineOperation } from '../../runtime/define.js';
import { addGoalBody, goalAnswer } from '../../schemas/goals.js';

export default defineOperation({
  name: 'add_goal',
  title: 'Add goal',
  description:
    'Adds a goal: what it counts (`type`: deals won, started or progressed, activities added or completed, revenue forecast), for whom (`assignee`: a user, a team or the company), the target (`expected_outcome`), when (`duration`) and per which `interval`. Pipedrive also makes a report tracking its progress.',
  resource: 'goals',
  method: 'POST',
  path: '/goals',
  api: 'v1',
  scopes: ['goals:full'],
  tokenCost: 10,
  body: addGoalBody,
  output: goalAnswer,
  sample: {
    title: 'Deals won in Q1',
    type: { name: 'deals_won', params: { pipeline_id: [1] } },
    assignee: { id: 1, type: 'person' },
    expected_outcome: { target: 10, tracking_metric: 'quantity' },
    duration: { start: '2027-01-01', end: '2027-03-31' },
    interval: 'monthly',
  },
});
