import { defineOperation } from '../../runtime/define.js';
import { list } from '../../schemas/common.js';
import { product, productListQuery } from '../../schemas/products.js';

export default defineOperation({
  name: 'list_products',
  title: 'List products',
  description:
    'Returns products, optionally only those of an owner, given IDs, a saved filter or updated since a time.',
  resource: 'products',
  method: 'GET',
  path: '/products',
  scopes: ['products:read', 'products:full'],
  tokenCost: 10,
  customFields: { entity: 'product' },
  query: productListQuery,
  pagination: { maxLimit: 500 },
  output: list(product),
  sample: { sort_by: 'name', sort_direction: 'asc', limit: 100 },
});
