import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { product, productId } from '../../schemas/products.js';

export default defineOperation({
  name: 'duplicate_product',
  title: 'Duplicate product',
  description:
    'Creates a copy of a product with its variations, prices and custom fields, and returns the new product.',
  resource: 'products',
  method: 'POST',
  path: '/products/{id}/duplicate',
  scopes: ['products:full'],
  tokenCost: { estimated: 5 },
  customFields: { entity: 'product' },
  params: { id: productId() },
  output: single(product),
  sample: { id: 1 },
});
