import { defineOperation } from '../../runtime/define.js';
import { dealProduct, dealProductParams, dealProductsBulkBody } from '../../schemas/deal_products.js';
import { plainList } from '../../schemas/reference.js';

export default defineOperation({
  name: 'add_many_deal_products',
  title: 'Add many deal products',
  description:
    'Attaches up to 100 products to a deal in one call, each with its own price, quantity, discount, tax and billing (as add_deal_product takes one); returns the new deal-products.',
  resource: 'deal_products',
  method: 'POST',
  path: '/deals/{id}/products/bulk',
  scopes: ['products:full', 'deals:full'],
  tokenCost: 25,
  params: { id: dealProductParams.id },
  body: dealProductsBulkBody,
  output: plainList(dealProduct),
  sample: {
    id: 1,
    data: [
      { product_id: 1, item_price: 250, quantity: 4 },
      { product_id: 2, item_price: 90, quantity: 1, discount: 5, discount_type: 'amount' },
    ],
  },
});
