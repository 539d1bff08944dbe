import { defineOperation } from '../../runtime/define.js';
import { list } from '../../schemas/common.js';
import { deal, dealListQuery } from '../../schemas/deals.js';

export default defineOperation({
  name: 'list_archived_deals',
  title: 'List archived deals',
  description: 'Returns archived deals, with the same filters as List deals.',
  resource: 'deals',
  method: 'GET',
  path: '/deals/archived',
  scopes: ['deals:read', 'deals:full'],
  tokenCost: 20,
  customFields: { entity: 'deal' },
  query: dealListQuery,
  pagination: { maxLimit: 500 },
  output: list(deal),
  sample: { sort_by: 'add_time', limit: 50 },
});
