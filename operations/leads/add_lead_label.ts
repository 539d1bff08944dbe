import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { leadLabel, leadLabelFields } from '../../schemas/leads.js';

export default defineOperation({
  name: 'add_lead_label',
  title: 'Add lead label',
  description:
    "Adds a lead label with a name and one of Pipedrive's label colors; leads take its ID in `label_ids`.",
  resource: 'leads',
  method: 'POST',
  path: '/leadLabels',
  api: 'v1',
  scopes: ['leads:full'],
  tokenCost: 10,
  body: leadLabelFields,
  output: single(leadLabel),
  sample: { name: 'Hot', color: 'red' },
});
