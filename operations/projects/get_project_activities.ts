import { defineOperation } from '../../runtime/define.js';
import { list } from '../../schemas/common.js';
import { projectActivity, projectId } from '../../schemas/projects.js';

export default defineOperation({
  name: 'get_project_activities',
  title: 'Get project activities',
  description:
    "Returns the activities linked to a project (API v1's activity records: `user_id`, flat `location_*` fields); list_activities of API v2 has no project filter.",
  resource: 'projects',
  method: 'GET',
  path: '/projects/{id}/activities',
  api: 'v1',
  scopes: ['projects:read', 'projects:full'],
  tokenCost: 20,
  params: { id: projectId() },
  output: list(projectActivity),
  sample: { id: 1 },
});
