import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { discount, discountBody, discountParams } from '../../schemas/discounts.js';

export default defineOperation({
  name: 'update_additional_discount',
  title: 'Update deal discount',
  description:
    'Edits a discount of a deal. Only the fields given are changed; the deal value changes if the deal has one-time products.',
  resource: 'discounts',
  method: 'PATCH',
  path: '/deals/{id}/discounts/{discount_id}',
  scopes: ['deals:read', 'deals:full'],
  tokenCost: 5,
  params: discountParams,
  body: discountBody,
  output: single(discount),
  sample: { id: 1, discount_id: '5f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', amount: 15 },
});
