import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { product, productId } from '../../schemas/products.js';

export default defineOperation({
  name: 'get_product',
  title: 'Get product',
  description: 'Returns the details of a specific product, including its prices.',
  resource: 'products',
  method: 'GET',
  path: '/products/{id}',
  scopes: ['products:read', 'products:full'],
  tokenCost: 1,
  customFields: { entity: 'product' },
  params: { id: productId() },
  output: single(product),
  sample: { id: 1 },
});
