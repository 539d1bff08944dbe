import { defineOperation } from '../../runtime/define.js';
import { leadLabel } from '../../schemas/leads.js';
import { plainList } from '../../schemas/reference.js';

export default defineOperation({
  name: 'list_lead_labels',
  title: 'List lead labels',
  description: 'Returns all lead labels (not paginated), with the IDs to use in `label_ids` of leads.',
  resource: 'leads',
  method: 'GET',
  path: '/leadLabels',
  api: 'v1',
  scopes: ['leads:read', 'leads:full'],
  tokenCost: 10,
  output: plainList(leadLabel),
  sample: {},
});
