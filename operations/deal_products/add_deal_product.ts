import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import {
  dealProduct,
  dealProductBody,
  dealProductParams,
  dealProductRequired,
} from '../../schemas/deal_products.js';

export default defineOperation({
  name: 'add_deal_product',
  title: 'Add deal product',
  description:
    'Attaches a product to a deal, creating a deal-product with its own price, quantity, discount and tax. `product_id`, `item_price` and `quantity` are required.',
  resource: 'deal_products',
  method: 'POST',
  path: '/deals/{id}/products',
  scopes: ['products:full', 'deals:full'],
  tokenCost: 5,
  params: { id: dealProductParams.id },
  body: { ...dealProductBody, ...dealProductRequired },
  output: single(dealProduct),
  sample: { id: 1, product_id: 1, item_price: 250, quantity: 4, discount: 10, discount_type: 'percentage' },
});
