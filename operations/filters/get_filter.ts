import { defineOperation } from '../../runtime/define.js';
import { ANY_RECORD_READ_SCOPES, single } from '../../schemas/common.js';
import { filter, savedFilterId } from '../../schemas/reference.js';

export default defineOperation({
  name: 'get_filter',
  title: 'Get filter',
  description: 'Returns one saved filter with its conditions.',
  resource: 'filters',
  method: 'GET',
  path: '/filters/{id}',
  api: 'v1',
  scopes: ANY_RECORD_READ_SCOPES,
  tokenCost: 2,
  params: { id: savedFilterId() },
  output: single(filter),
  sample: { id: 1 },
});
