import { defineOperation } from '../../runtime/define.js';
import { deleted } from '../../schemas/common.js';
import { phaseId } from '../../schemas/projects.js';

export default defineOperation({
  name: 'delete_project_phase',
  title: 'Delete project phase',
  description: 'Marks a project phase as deleted.',
  resource: 'project_phases',
  method: 'DELETE',
  path: '/phases/{id}',
  scopes: ['projects:full'],
  tokenCost: { estimated: 3 },
  params: { id: phaseId() },
  output: deleted('The ID of the deleted project phase'),
  sample: { id: 1 },
});
