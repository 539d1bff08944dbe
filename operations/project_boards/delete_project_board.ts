import { defineOperation } from '../../runtime/define.js';
import { deleted } from '../../schemas/common.js';
import { boardId } from '../../schemas/projects.js';

export default defineOperation({
  name: 'delete_project_board',
  title: 'Delete project board',
  description: 'Marks a project board as deleted.',
  resource: 'project_boards',
  method: 'DELETE',
  path: '/boards/{id}',
  scopes: ['projects:full'],
  tokenCost: { estimated: 3 },
  params: { id: boardId() },
  output: deleted('The ID of the deleted project board'),
  sample: { id: 1 },
});
