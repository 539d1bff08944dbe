import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { board, boardFields, boardId } from '../../schemas/projects.js';

export default defineOperation({
  name: 'update_project_board',
  title: 'Update project board',
  description: 'Renames a project board or moves it to another position. Only the fields given change.',
  resource: 'project_boards',
  method: 'PATCH',
  path: '/boards/{id}',
  scopes: ['projects:full'],
  tokenCost: { estimated: 5 },
  params: { id: boardId() },
  body: boardFields,
  output: single(board),
  sample: { id: 1, name: 'Onboarding (enterprise)' },
});
