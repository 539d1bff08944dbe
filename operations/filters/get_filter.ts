import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { filter, savedFilterId } from '../../schemas/reference.js';
import { FILTER_READ_SCOPES } from './scopes.js';

export default defineOperation({
  name: 'get_filter',
  title: 'Get filter',
  description: 'Returns one saved filter with its conditions.',
  resource: 'filters',
  method: 'GET',
  path: '/filters/{id}',
  api: 'v1',
  scopes: FILTER_READ_SCOPES,
  tokenCost: 2,
  params: { id: savedFilterId() },
  output: single(filter),
  sample: { id: 1 },
});
