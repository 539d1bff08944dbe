import { defineOperation } from '../../runtime/define.js';
import { ANY_RECORD_READ_SCOPES, optional } from '../../schemas/common.js';
import { filter, filterType, plainList } from '../../schemas/reference.js';

export default defineOperation({
  name: 'list_filters',
  title: 'List filters',
  description:
    'Returns the saved filters, optionally of one type; their IDs are the `filter_id` of the list operations.',
  resource: 'filters',
  method: 'GET',
  path: '/filters',
  api: 'v1',
  scopes: ANY_RECORD_READ_SCOPES,
  tokenCost: 20,
  query: optional({ type: filterType() }),
  output: plainList(filter),
  sample: { type: 'deals' },
});
