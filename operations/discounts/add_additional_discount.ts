import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { discount, discountFields, discountParams } from '../../schemas/discounts.js';

export default defineOperation({
  name: 'add_additional_discount',
  title: 'Add deal discount',
  description:
    'Adds a discount (a percentage or a fixed amount) to a deal. The deal value changes if the deal has one-time products.',
  resource: 'discounts',
  method: 'POST',
  path: '/deals/{id}/discounts',
  scopes: ['deals:read', 'deals:full'],
  tokenCost: 5,
  params: { id: discountParams.id },
  body: discountFields,
  output: single(discount),
  sample: { id: 1, description: 'Loyalty discount', amount: 10, type: 'percentage' },
});
