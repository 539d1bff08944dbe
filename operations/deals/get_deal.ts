import { defineOperation } from '../../runtime/define.js';
import { customFieldKeys, id, single } from '../../schemas/common.js';
import { deal, dealIncludeFields, labelOptions } from '../../schemas/deals.js';

export default defineOperation({
  name: 'get_deal',
  title: 'Get deal',
  description: 'Returns the details of a specific deal.',
  resource: 'deals',
  method: 'GET',
  path: '/deals/{id}',
  scopes: ['deals:read', 'deals:full'],
  tokenCost: 1,
  customFields: { entity: 'deal' },
  params: { id: id('The ID of the deal', 'Deal') },
  query: {
    include_fields: dealIncludeFields().optional(),
    custom_fields: customFieldKeys().optional(),
    ...labelOptions,
  },
  output: single(deal),
  sample: { id: 1, include_fields: ['products_count', 'next_activity_id'] },
});
