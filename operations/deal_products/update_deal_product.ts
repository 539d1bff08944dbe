import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { dealProduct, dealProductBody, dealProductParams } from '../../schemas/deal_products.js';

export default defineOperation({
  name: 'update_deal_product',
  title: 'Update deal product',
  description:
    'Updates a product attached to a deal (price, quantity, discount, tax, billing). Only the fields given are changed.',
  resource: 'deal_products',
  method: 'PATCH',
  path: '/deals/{id}/products/{product_attachment_id}',
  scopes: ['products:full', 'deals:full'],
  tokenCost: 5,
  params: dealProductParams,
  body: dealProductBody,
  output: single(dealProduct),
  sample: { id: 1, product_attachment_id: 1, quantity: 5, comments: 'Volume pricing agreed' },
});
