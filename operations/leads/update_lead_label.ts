import { defineOperation } from '../../runtime/define.js';
import { optional, single } from '../../schemas/common.js';
import { leadLabel, leadLabelFields, leadLabelId } from '../../schemas/leads.js';

export default defineOperation({
  name: 'update_lead_label',
  title: 'Update lead label',
  description: 'Renames a lead label or changes its color. Only the fields given change.',
  resource: 'leads',
  method: 'PATCH',
  path: '/leadLabels/{id}',
  api: 'v1',
  scopes: ['leads:full'],
  tokenCost: 10,
  params: { id: leadLabelId() },
  body: optional(leadLabelFields),
  output: single(leadLabel),
  sample: { id: 'f08b42a0-4e75-11ea-9643-03698ef1cfd6', color: 'orange' },
});
