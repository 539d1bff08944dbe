import { defineOperation } from '../../runtime/define.js';
import { plainListWithAdditional, projectGroup, projectId } from '../../schemas/projects.js';

export default defineOperation({
  name: 'get_project_groups',
  title: 'Get project groups',
  description:
    "Returns the groups of a project's plan (not deleted), in their order; tasks and activities are placed in them with update_project_plan_task and update_project_plan_activity.",
  resource: 'projects',
  method: 'GET',
  path: '/projects/{id}/groups',
  api: 'v1',
  scopes: ['projects:read', 'projects:full'],
  tokenCost: 20,
  params: { id: projectId() },
  output: plainListWithAdditional(projectGroup),
  sample: { id: 1 },
});
