import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { board, boardFields, boardName } from '../../schemas/projects.js';

export default defineOperation({
  name: 'add_project_board',
  title: 'Add project board',
  description:
    'Adds a project board, last unless `order_nr` places it elsewhere. Add its phases with add_project_phase.',
  resource: 'project_boards',
  method: 'POST',
  path: '/boards',
  scopes: ['projects:full'],
  tokenCost: { estimated: 5 },
  body: { ...boardFields, name: boardName },
  output: single(board),
  sample: { name: 'Customer onboarding', order_nr: 2 },
});
