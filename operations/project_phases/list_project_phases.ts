import { defineOperation } from '../../runtime/define.js';
import { id, list } from '../../schemas/common.js';
import { phase } from '../../schemas/projects.js';

export default defineOperation({
  name: 'list_project_phases',
  title: 'List project phases',
  description:
    'Returns the phases of one project board (not deleted) in their order; a project is in one phase of its board at a time.',
  resource: 'project_phases',
  method: 'GET',
  path: '/phases',
  scopes: ['projects:read', 'projects:full'],
  tokenCost: { estimated: 10 },
  query: { board_id: id('The ID of the project board whose phases to list', 'Board') },
  output: list(phase),
  sample: { board_id: 1 },
});
