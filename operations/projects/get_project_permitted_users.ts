import { defineOperation } from '../../runtime/define.js';
import { permittedUsers, projectId } from '../../schemas/projects.js';

export default defineOperation({
  name: 'get_project_permitted_users',
  title: 'Get project permitted users',
  description: 'Returns the IDs of the users who may see a project.',
  resource: 'projects',
  method: 'GET',
  path: '/projects/{id}/permittedUsers',
  scopes: ['projects:read', 'projects:full'],
  tokenCost: { estimated: 10 },
  params: { id: projectId() },
  output: permittedUsers,
  sample: { id: 1 },
});
