import { defineOperation } from '../../runtime/define.js';
import { list } from '../../schemas/common.js';
import { project, projectListQuery } from '../../schemas/projects.js';

export default defineOperation({
  name: 'list_archived_projects',
  title: 'List archived projects',
  description: 'Returns the archived projects, optionally of a filter, status or phase.',
  resource: 'projects',
  method: 'GET',
  path: '/projects/archived',
  scopes: ['projects:read', 'projects:full'],
  tokenCost: { estimated: 10 },
  customFields: { entity: 'project' },
  query: projectListQuery,
  pagination: { maxLimit: 500 },
  output: list(project),
  sample: { status: ['completed'], limit: 100 },
});
