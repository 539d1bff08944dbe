import { defineOperation } from '../../runtime/define.js';
import { id, single } from '../../schemas/common.js';
import { deal, dealBody } from '../../schemas/deals.js';

export default defineOperation({
  name: 'update_deal',
  title: 'Update deal',
  description: 'Updates the properties of a deal. Only the fields given are changed.',
  resource: 'deals',
  method: 'PATCH',
  path: '/deals/{id}',
  scopes: ['deals:full'],
  tokenCost: 5,
  customFields: { entity: 'deal' },
  params: { id: id('The ID of the deal', 'Deal') },
  body: dealBody,
  output: single(deal),
  sample: { id: 1, value: 15000, status: 'won' },
});
