import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { productVariation, variationBody, variationParams } from '../../schemas/product_variations.js';

export default defineOperation({
  name: 'update_product_variation',
  title: 'Update product variation',
  description: 'Updates the name and/or prices of a product variation.',
  resource: 'product_variations',
  method: 'PATCH',
  path: '/products/{id}/variations/{product_variation_id}',
  scopes: ['products:full'],
  tokenCost: 5,
  params: variationParams,
  body: variationBody,
  output: single(productVariation),
  sample: { id: 1, product_variation_id: 2, name: 'Half-day (remote)' },
});
