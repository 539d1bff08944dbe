import { defineOperation } from '../../runtime/define.js';
import { goalList, goalsQuery } from '../../schemas/goals.js';

export default defineOperation({
  name: 'list_goals',
  title: 'List goals',
  description:
    "Finds goals by type, title, assignee, target, pipeline, stage, activity type or period (`period.start` and `period.end` together). Without criteria, your active goals; a criterion on type, assignee type or target searches everyone's.",
  resource: 'goals',
  method: 'GET',
  path: '/goals/find',
  api: 'v1',
  scopes: ['goals:read', 'goals:full'],
  tokenCost: 20,
  query: goalsQuery,
  check: (input) =>
    (input['period.start'] === undefined) === (input['period.end'] === undefined)
      ? undefined
      : {
          field: input['period.start'] === undefined ? 'period.start' : 'period.end',
          message: 'is required with the other end of the period',
        },
  output: goalList,
  sample: { is_active: true, 'type.name': 'deals_won' },
});
