import { defineOperation } from '../../runtime/define.js';
import { searchResult } from '../../schemas/common.js';
import { productSearchItem, productSearchQuery } from '../../schemas/products.js';

export default defineOperation({
  name: 'search_products',
  title: 'Search products',
  description: 'Searches products by name, code and/or custom fields.',
  resource: 'products',
  method: 'GET',
  path: '/products/search',
  scopes: ['products:read', 'products:full', 'search:read'],
  tokenCost: 20,
  query: productSearchQuery,
  pagination: { maxLimit: 500, items: 'data.items' },
  output: searchResult(productSearchItem),
  sample: { term: 'workshop', fields: ['name', 'code'] },
});
