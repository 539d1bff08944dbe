import { defineOperation } from '../../runtime/define.js';
import { list } from '../../schemas/common.js';
import { deal, dealListQuery, labelOptions } from '../../schemas/deals.js';

export default defineOperation({
  name: 'list_deals',
  title: 'List deals',
  description:
    'Returns deals that are not archived, filtered by owner, person, organization, pipeline, stage, status or update time, or by a saved filter.',
  resource: 'deals',
  method: 'GET',
  path: '/deals',
  scopes: ['deals:read', 'deals:full'],
  tokenCost: 10,
  customFields: { entity: 'deal' },
  query: { ...dealListQuery, ...labelOptions },
  pagination: { maxLimit: 500 },
  output: list(deal),
  sample: { status: ['open'], sort_by: 'update_time', sort_direction: 'desc', limit: 100 },
});
