import { defineOperation } from '../../runtime/define.js';
import { planItem, planItemBody, projectId, singleWithAdditional } from '../../schemas/projects.js';
import { taskId } from '../../schemas/tasks.js';

export default defineOperation({
  name: 'update_project_plan_task',
  title: 'Update project plan task',
  description:
    "Moves a task of a project to another phase or group of the project's plan. Give `phase_id`, `group_id` or both.",
  resource: 'projects',
  method: 'PUT',
  path: '/projects/{id}/plan/tasks/{taskId}',
  api: 'v1',
  scopes: ['projects:full'],
  tokenCost: 10,
  params: { id: projectId(), taskId: taskId() },
  body: planItemBody,
  output: singleWithAdditional(planItem),
  sample: { id: 1, taskId: 1, group_id: 1 },
});
