import { z } from 'zod';
import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { discount, discountParams } from '../../schemas/discounts.js';

export default defineOperation({
  name: 'get_additional_discounts',
  title: 'Get deal discounts',
  description: 'Returns the discounts added to a deal (all of them, in one page).',
  resource: 'discounts',
  method: 'GET',
  path: '/deals/{id}/discounts',
  scopes: ['deals:read', 'deals:full'],
  tokenCost: 10,
  params: { id: discountParams.id },
  output: single(z.array(discount)),
  sample: { id: 1 },
});
