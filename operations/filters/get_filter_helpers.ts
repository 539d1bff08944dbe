import { defineOperation } from '../../runtime/define.js';
import { filterHelpers } from '../../schemas/reference.js';
import { FILTER_READ_SCOPES } from './scopes.js';

export default defineOperation({
  name: 'get_filter_helpers',
  title: 'Get filter helpers',
  description:
    'Returns what filter conditions can say: the operators of each field type with their meaning, the relative dates (e.g. `this_month`) and the parts of address fields. Read it before add_filter or update_filter.',
  resource: 'filters',
  method: 'GET',
  path: '/filters/helpers',
  api: 'v1',
  scopes: FILTER_READ_SCOPES,
  tokenCost: 20,
  output: filterHelpers,
  sample: {},
});
