import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { board, boardId } from '../../schemas/projects.js';

export default defineOperation({
  name: 'get_project_board',
  title: 'Get project board',
  description: 'Returns one project board: its name and position.',
  resource: 'project_boards',
  method: 'GET',
  path: '/boards/{id}',
  scopes: ['projects:read', 'projects:full'],
  tokenCost: { estimated: 1 },
  params: { id: boardId() },
  output: single(board),
  sample: { id: 1 },
});
