import { defineOperation } from '../../runtime/define.js';
import { ANY_RECORD_READ_SCOPES } from '../../schemas/common.js';
import { filterHelpers } from '../../schemas/reference.js';

export default defineOperation({
  name: 'get_filter_helpers',
  title: 'Get filter helpers',
  description:
    'Returns what filter conditions can say: the operators of each field type with their meaning, the relative dates (e.g. `this_month`) and the parts of address fields. Read it before add_filter or update_filter.',
  resource: 'filters',
  method: 'GET',
  path: '/filters/helpers',
  api: 'v1',
  scopes: ANY_RECORD_READ_SCOPES,
  tokenCost: 20,
  output: filterHelpers,
  sample: {},
});
