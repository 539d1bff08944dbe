import { defineOperation } from '../../runtime/define.js';
import { plainListWithAdditional, planItem, projectId } from '../../schemas/projects.js';

export default defineOperation({
  name: 'get_project_plan',
  title: 'Get project plan',
  description:
    "Returns a project's plan: each of its tasks and activities with the phase and group it is placed in (null: none).",
  resource: 'projects',
  method: 'GET',
  path: '/projects/{id}/plan',
  api: 'v1',
  scopes: ['projects:read', 'projects:full'],
  tokenCost: 20,
  params: { id: projectId() },
  output: plainListWithAdditional(planItem),
  sample: { id: 1 },
});
