import { defineOperation } from '../../runtime/define.js';
import { list } from '../../schemas/common.js';
import { board } from '../../schemas/projects.js';

export default defineOperation({
  name: 'list_project_boards',
  title: 'List project boards',
  description:
    'Returns all project boards (not deleted) in their order. Each board has phases (list_project_phases) that projects move through.',
  resource: 'project_boards',
  method: 'GET',
  path: '/boards',
  scopes: ['projects:read', 'projects:full'],
  tokenCost: { estimated: 10 },
  output: list(board),
  sample: {},
});
