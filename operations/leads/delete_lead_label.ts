import { defineOperation } from '../../runtime/define.js';
import { deleted } from '../../schemas/common.js';
import { leadLabelId } from '../../schemas/leads.js';

export default defineOperation({
  name: 'delete_lead_label',
  title: 'Delete lead label',
  description: 'Deletes a lead label, by its ID.',
  resource: 'leads',
  method: 'DELETE',
  path: '/leadLabels/{id}',
  api: 'v1',
  scopes: ['leads:full'],
  tokenCost: 6,
  params: { id: leadLabelId() },
  output: deleted('The ID (UUID) of the deleted lead label'),
  sample: { id: 'f08b42a0-4e75-11ea-9643-03698ef1cfd6' },
});
