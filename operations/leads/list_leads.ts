import { defineOperation } from '../../runtime/define.js';
import { leadList, leadListQuery } from '../../schemas/leads.js';

export default defineOperation({
  name: 'list_leads',
  title: 'List leads',
  description:
    'Returns the leads that are not archived, oldest first, optionally only those of an owner, person or organization, or of a saved filter.',
  resource: 'leads',
  method: 'GET',
  path: '/leads',
  api: 'v1',
  scopes: ['leads:read', 'leads:full'],
  tokenCost: 20,
  customFields: { entity: 'deal', style: 'top-level' },
  query: leadListQuery,
  pagination: { maxLimit: 500, style: 'offset' },
  output: leadList,
  sample: { owner_id: 1, sort: 'update_time', limit: 100 },
});
