import { defineOperation } from '../../runtime/define.js';
import { deleted } from '../../schemas/common.js';
import { leadPath } from '../../schemas/leads.js';

export default defineOperation({
  name: 'delete_lead',
  title: 'Delete lead',
  description: 'Deletes a lead.',
  resource: 'leads',
  method: 'DELETE',
  path: '/leads/{id}',
  api: 'v1',
  scopes: ['leads:full'],
  tokenCost: 6,
  params: leadPath,
  output: deleted('The ID of the deleted lead'),
  sample: { id: '9f3e6e50-9d99-11ee-9538-29c81a92c0d1' },
});
