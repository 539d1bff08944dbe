import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { lead, leadPath, updateLeadBody } from '../../schemas/leads.js';

export default defineOperation({
  name: 'update_lead',
  title: 'Update lead',
  description:
    'Updates the properties of a lead. Only the fields given change; null unsets `value`, `person_id`, `organization_id` and the other nullable fields.',
  resource: 'leads',
  method: 'PATCH',
  path: '/leads/{id}',
  api: 'v1',
  scopes: ['leads:full'],
  tokenCost: 10,
  customFields: { entity: 'deal', style: 'top-level' },
  params: leadPath,
  body: updateLeadBody,
  output: single(lead),
  sample: { id: '9f3e6e50-9d99-11ee-9538-29c81a92c0d1', was_seen: true },
});
