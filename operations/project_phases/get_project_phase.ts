import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { phase, phaseId } from '../../schemas/projects.js';

export default defineOperation({
  name: 'get_project_phase',
  title: 'Get project phase',
  description: 'Returns one project phase: its name, board and position.',
  resource: 'project_phases',
  method: 'GET',
  path: '/phases/{id}',
  scopes: ['projects:read', 'projects:full'],
  tokenCost: { estimated: 1 },
  params: { id: phaseId() },
  output: single(phase),
  sample: { id: 1 },
});
