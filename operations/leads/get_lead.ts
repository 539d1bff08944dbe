import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { lead, leadPath } from '../../schemas/leads.js';

export default defineOperation({
  name: 'get_lead',
  title: 'Get lead',
  description:
    'Returns the details of a lead. Custom field values (inherited from deal fields) come as extra keys when set.',
  resource: 'leads',
  method: 'GET',
  path: '/leads/{id}',
  api: 'v1',
  scopes: ['leads:read', 'leads:full'],
  tokenCost: 2,
  customFields: { entity: 'deal', style: 'top-level' },
  params: leadPath,
  output: single(lead),
  sample: { id: '9f3e6e50-9d99-11ee-9538-29c81a92c0d1' },
});
