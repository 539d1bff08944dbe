import { defineOperation } from '../../runtime/define.js';
import { deleted } from '../../schemas/common.js';
import { variationParams } from '../../schemas/product_variations.js';

export default defineOperation({
  name: 'delete_product_variation',
  title: 'Delete product variation',
  description: 'Deletes a variation of a product.',
  resource: 'product_variations',
  method: 'DELETE',
  path: '/products/{id}/variations/{product_variation_id}',
  scopes: ['products:full'],
  tokenCost: 3,
  params: variationParams,
  output: deleted('The ID of the deleted product variation'),
  sample: { id: 1, product_variation_id: 2 },
});
