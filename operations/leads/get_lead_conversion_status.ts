import { defineOperation } from '../../runtime/define.js';
import { single, uuid } from '../../schemas/common.js';
import { conversionStatus } from '../../schemas/deals.js';

export default defineOperation({
  name: 'get_lead_conversion_status',
  title: 'Get lead conversion status',
  description:
    'Returns the state of a lead-to-deal conversion (not_started, running, completed, failed, rejected) and, once completed, the new deal ID. Pipedrive keeps this for a few days only.',
  resource: 'leads',
  method: 'GET',
  path: '/leads/{id}/convert/status/{conversion_id}',
  scopes: ['leads:read', 'leads:full'],
  tokenCost: 1,
  params: {
    id: uuid('The ID of the lead', 'Lead'),
    conversion_id: uuid('The ID of the conversion job, as returned by Convert lead to deal', 'Conversion ID'),
  },
  output: single(conversionStatus),
  sample: {
    id: '9f3e6e50-9d99-11ee-9538-29c81a92c0d1',
    conversion_id: '4b40248b-945a-4802-b996-60fdff8c5c69',
  },
});
