import { defineOperation } from '../../runtime/define.js';
import { list } from '../../schemas/common.js';
import { dealProduct, dealsProductsQuery } from '../../schemas/deal_products.js';

export default defineOperation({
  name: 'list_deals_products',
  title: 'List products of several deals',
  description:
    'Returns the products attached to up to 100 deals in one call; each deal-product says which deal it belongs to.',
  resource: 'deal_products',
  method: 'GET',
  path: '/deals/products',
  scopes: ['products:read', 'products:full', 'deals:read', 'deals:full'],
  tokenCost: 10,
  query: dealsProductsQuery,
  pagination: { maxLimit: 500 },
  output: list(dealProduct),
  sample: { deal_ids: [1, 2], sort_by: 'deal_id' },
});
