import { defineOperation } from '../../runtime/define.js';
import { id } from '../../schemas/common.js';
import { planItem, planItemBody, projectId, singleWithAdditional } from '../../schemas/projects.js';

export default defineOperation({
  name: 'update_project_plan_activity',
  title: 'Update project plan activity',
  description:
    "Moves an activity of a project to another phase or group of the project's plan. Give `phase_id`, `group_id` or both.",
  resource: 'projects',
  method: 'PUT',
  path: '/projects/{id}/plan/activities/{activityId}',
  api: 'v1',
  scopes: ['projects:full'],
  tokenCost: 10,
  params: {
    id: projectId(),
    activityId: id('The ID of the activity (linked to the project)', 'Activity'),
  },
  body: planItemBody,
  output: singleWithAdditional(planItem),
  sample: { id: 1, activityId: 1, phase_id: 1 },
});
