import { defineOperation } from '../../runtime/define.js';
import { list } from '../../schemas/common.js';
import { dealProduct, dealProductParams, dealProductSort } from '../../schemas/deal_products.js';

export default defineOperation({
  name: 'get_deal_products',
  title: 'Get deal products',
  description: 'Returns the products attached to a deal, with their prices, quantities, discounts and taxes.',
  resource: 'deal_products',
  method: 'GET',
  path: '/deals/{id}/products',
  scopes: ['products:read', 'products:full', 'deals:read', 'deals:full'],
  tokenCost: 10,
  params: { id: dealProductParams.id },
  query: dealProductSort,
  pagination: { maxLimit: 500 },
  output: list(dealProduct),
  sample: { id: 1, sort_by: 'order_nr' },
});
