import { defineOperation } from '../../runtime/define.js';
import { productDeals, productDealsQuery } from '../../schemas/products.js';
import { recordPath } from '../../schemas/records.js';

export default defineOperation({
  name: 'get_product_deals',
  title: 'Get product deals',
  description:
    'Returns the deals a product is attached to (all but deleted ones unless `status` says otherwise), with their owner, person and organization.',
  resource: 'products',
  method: 'GET',
  path: '/products/{id}/deals',
  api: 'v1',
  scopes: ['deals:read', 'deals:full'],
  tokenCost: 20,
  params: recordPath('product'),
  query: productDealsQuery,
  pagination: { maxLimit: 500, style: 'offset' },
  output: productDeals,
  sample: { id: 1, status: 'open' },
});
