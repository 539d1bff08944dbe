import { defineOperation } from '../../runtime/define.js';
import { leadList, leadListQuery } from '../../schemas/leads.js';

export default defineOperation({
  name: 'list_archived_leads',
  title: 'List archived leads',
  description:
    'Returns the archived leads, oldest first, optionally only those of an owner, person or organization, or of a saved filter (`list_leads` gives the others).',
  resource: 'leads',
  method: 'GET',
  path: '/leads/archived',
  api: 'v1',
  scopes: ['leads:read', 'leads:full'],
  tokenCost: 40,
  customFields: { entity: 'deal', style: 'top-level' },
  query: leadListQuery,
  pagination: { maxLimit: 500, style: 'offset' },
  output: leadList,
  sample: { owner_id: 1, sort: 'update_time', limit: 100 },
});
