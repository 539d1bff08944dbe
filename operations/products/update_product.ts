import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { product, productBody, productId } from '../../schemas/products.js';

export default defineOperation({
  name: 'update_product',
  title: 'Update product',
  description:
    'Updates the properties of a product. Only the fields given are changed; `prices` replaces the price list.',
  resource: 'products',
  method: 'PATCH',
  path: '/products/{id}',
  scopes: ['products:full'],
  tokenCost: 5,
  customFields: { entity: 'product' },
  params: { id: productId() },
  body: productBody,
  output: single(product),
  sample: { id: 1, tax: 9, is_linkable: true },
});
