import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { productVariation, variationBody, variationName } from '../../schemas/product_variations.js';
import { productId } from '../../schemas/products.js';

export default defineOperation({
  name: 'add_product_variation',
  title: 'Add product variation',
  description: 'Adds a variation (e.g. a size or edition) to a product, with its own prices.',
  resource: 'product_variations',
  method: 'POST',
  path: '/products/{id}/variations',
  scopes: ['products:full'],
  tokenCost: 5,
  params: { id: productId() },
  body: { ...variationBody, name: variationName },
  output: single(productVariation),
  sample: { id: 1, name: 'Half-day', prices: [{ currency: 'EUR', price: 800 }] },
});
