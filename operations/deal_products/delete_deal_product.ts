import { defineOperation } from '../../runtime/define.js';
import { deleted } from '../../schemas/common.js';
import { dealProductParams } from '../../schemas/deal_products.js';

export default defineOperation({
  name: 'delete_deal_product',
  title: 'Delete deal product',
  description: 'Removes a product from a deal, by the ID of the deal-product (not the product ID).',
  resource: 'deal_products',
  method: 'DELETE',
  path: '/deals/{id}/products/{product_attachment_id}',
  scopes: ['deals:full', 'products:full'],
  tokenCost: 3,
  params: dealProductParams,
  output: deleted('The ID of the deleted deal-product'),
  sample: { id: 1, product_attachment_id: 1 },
});
