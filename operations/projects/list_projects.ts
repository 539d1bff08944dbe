import { defineOperation } from '../../runtime/define.js';
import { id, list, optional } from '../../schemas/common.js';
import { project, projectListQuery } from '../../schemas/projects.js';

export default defineOperation({
  name: 'list_projects',
  title: 'List projects',
  description:
    'Returns the projects that are not archived (list_archived_projects has the others), optionally of a filter, status or phase, or linked to a deal, person or organization.',
  resource: 'projects',
  method: 'GET',
  path: '/projects',
  scopes: ['projects:read', 'projects:full'],
  tokenCost: { estimated: 10 },
  customFields: { entity: 'project' },
  query: {
    ...projectListQuery,
    ...optional({
      deal_id: id('Only projects linked to this deal', 'Deal'),
      person_id: id('Only projects linked to this person', 'Person'),
      org_id: id('Only projects linked to this organization', 'Organization'),
    }),
  },
  pagination: { maxLimit: 500 },
  output: list(project),
  sample: { status: ['open', 'completed'], deal_id: 1, limit: 100 },
});
