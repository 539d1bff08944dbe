import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { project, projectId } from '../../schemas/projects.js';

export default defineOperation({
  name: 'get_project',
  title: 'Get project',
  description:
    'Returns one project: its board and phase, status, dates, linked deals, persons and organizations, and custom fields.',
  resource: 'projects',
  method: 'GET',
  path: '/projects/{id}',
  scopes: ['projects:read', 'projects:full'],
  tokenCost: { estimated: 1 },
  customFields: { entity: 'project' },
  params: { id: projectId() },
  output: single(project),
  sample: { id: 1 },
});
