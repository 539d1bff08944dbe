import { defineOperation } from '../../runtime/define.js';
import { searchResult } from '../../schemas/common.js';
import { projectSearchItem, projectSearchQuery } from '../../schemas/projects.js';

export default defineOperation({
  name: 'search_projects',
  title: 'Search projects',
  description:
    'Searches projects by title, description, notes and/or custom fields, optionally of one person or organization.',
  resource: 'projects',
  method: 'GET',
  path: '/projects/search',
  scopes: ['projects:read', 'projects:full', 'search:read'],
  tokenCost: { estimated: 20 },
  query: projectSearchQuery,
  pagination: { maxLimit: 500, items: 'data.items' },
  output: searchResult(projectSearchItem),
  sample: { term: 'onboarding', fields: ['title', 'description'] },
});
