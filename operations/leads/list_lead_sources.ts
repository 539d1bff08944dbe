import { defineOperation } from '../../runtime/define.js';
import { leadSource } from '../../schemas/leads.js';
import { plainList } from '../../schemas/reference.js';

export default defineOperation({
  name: 'list_lead_sources',
  title: 'List lead sources',
  description:
    'Returns the lead sources, a fixed list (Manually created, Web forms, API, ...); leads added through the API get the source `API`.',
  resource: 'leads',
  method: 'GET',
  path: '/leadSources',
  api: 'v1',
  scopes: ['leads:read', 'leads:full'],
  tokenCost: 2,
  output: plainList(leadSource),
  sample: {},
});
