import { defineOperation } from '../../runtime/define.js';
import { deleted } from '../../schemas/common.js';
import { discountParams } from '../../schemas/discounts.js';

export default defineOperation({
  name: 'delete_additional_discount',
  title: 'Delete deal discount',
  description: 'Removes a discount from a deal. The deal value changes if the deal has one-time products.',
  resource: 'discounts',
  method: 'DELETE',
  path: '/deals/{id}/discounts/{discount_id}',
  scopes: ['deals:read', 'deals:full'],
  tokenCost: 3,
  params: discountParams,
  output: deleted('The ID of the deleted discount'),
  sample: { id: 1, discount_id: '5f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b' },
});
