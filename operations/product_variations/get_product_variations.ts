import { defineOperation } from '../../runtime/define.js';
import { list } from '../../schemas/common.js';
import { productVariation } from '../../schemas/product_variations.js';
import { productId } from '../../schemas/products.js';

export default defineOperation({
  name: 'get_product_variations',
  title: 'List product variations',
  description: 'Returns the variations of a product, with their prices.',
  resource: 'product_variations',
  method: 'GET',
  path: '/products/{id}/variations',
  scopes: ['products:read', 'products:full'],
  tokenCost: 10,
  params: { id: productId() },
  pagination: { maxLimit: 500 },
  output: list(productVariation),
  sample: { id: 1, limit: 100 },
});
