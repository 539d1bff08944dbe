import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { phase, phaseFields, phaseId } from '../../schemas/projects.js';

export default defineOperation({
  name: 'update_project_phase',
  title: 'Update project phase',
  description:
    'Renames a project phase, moves it to another position, or to another board. Only the fields given change.',
  resource: 'project_phases',
  method: 'PATCH',
  path: '/phases/{id}',
  scopes: ['projects:full'],
  tokenCost: { estimated: 5 },
  params: { id: phaseId() },
  body: phaseFields,
  output: single(phase),
  sample: { id: 1, name: 'Kick-off meeting', order_nr: 2 },
});
