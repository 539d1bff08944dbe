import { defineOperation } from '../../runtime/define.js';
import { deleted } from '../../schemas/common.js';
import { projectId } from '../../schemas/projects.js';

export default defineOperation({
  name: 'delete_project',
  title: 'Delete project',
  description: 'Marks a project as deleted.',
  resource: 'projects',
  method: 'DELETE',
  path: '/projects/{id}',
  scopes: ['projects:full'],
  tokenCost: { estimated: 3 },
  params: { id: projectId() },
  output: deleted('The ID of the deleted project'),
  sample: { id: 1 },
});
