import { defineOperation } from '../../runtime/define.js';
import { id, single, uuid } from '../../schemas/common.js';
import { conversionStatus } from '../../schemas/deals.js';

export default defineOperation({
  name: 'get_deal_conversion_status',
  title: 'Get deal conversion status',
  description:
    'Returns the state of a deal-to-lead conversion (not_started, running, completed, failed, rejected) and, once completed, the new lead ID.',
  resource: 'deals',
  method: 'GET',
  path: '/deals/{id}/convert/status/{conversion_id}',
  scopes: ['deals:read', 'deals:full'],
  tokenCost: 1,
  params: {
    id: id('The ID of the deal', 'Deal'),
    conversion_id: uuid('The ID of the conversion job, as returned by Convert deal to lead', 'Conversion ID'),
  },
  output: single(conversionStatus),
  sample: { id: 1, conversion_id: '4b40248b-945a-4802-b996-60fdff8c5c69' },
});
