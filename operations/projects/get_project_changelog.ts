import { defineOperation } from '../../runtime/define.js';
import { list } from '../../schemas/common.js';
import { projectChange, projectId } from '../../schemas/projects.js';

export default defineOperation({
  name: 'get_project_changelog',
  title: 'Get project changelog',
  description:
    "Lists the changes of a project's field values: who changed what, when and from where, old and new values by field key.",
  resource: 'projects',
  method: 'GET',
  path: '/projects/{id}/changelog',
  scopes: ['projects:read', 'projects:full'],
  tokenCost: { estimated: 10 },
  params: { id: projectId() },
  pagination: { maxLimit: 500 },
  output: list(projectChange),
  sample: { id: 1, limit: 50 },
});
