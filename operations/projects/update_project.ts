import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { project, projectBody, projectId } from '../../schemas/projects.js';

export default defineOperation({
  name: 'update_project',
  title: 'Update project',
  description:
    'Updates a project: e.g. moves it to another phase, changes its status or dates. Only the fields given change.',
  resource: 'projects',
  method: 'PATCH',
  path: '/projects/{id}',
  scopes: ['projects:full'],
  tokenCost: { estimated: 5 },
  customFields: { entity: 'project' },
  params: { id: projectId() },
  body: projectBody,
  output: single(project),
  sample: { id: 1, phase_id: 2, status: 'open' },
});
