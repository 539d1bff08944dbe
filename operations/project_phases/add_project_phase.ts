import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { phase, phaseBoardId, phaseFields, phaseName } from '../../schemas/projects.js';

export default defineOperation({
  name: 'add_project_phase',
  title: 'Add project phase',
  description:
    'Adds a phase to a project board, last unless `order_nr` places it elsewhere. `name` and `board_id` are required.',
  resource: 'project_phases',
  method: 'POST',
  path: '/phases',
  scopes: ['projects:full'],
  tokenCost: { estimated: 5 },
  body: { ...phaseFields, name: phaseName, board_id: phaseBoardId },
  output: single(phase),
  sample: { name: 'Kick-off', board_id: 1, order_nr: 1 },
});
