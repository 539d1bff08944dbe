import { defineOperation } from '../../runtime/define.js';
import { deleted } from '../../schemas/common.js';
import { savedFilterId } from '../../schemas/reference.js';
import { FILTER_WRITE_SCOPES } from './scopes.js';

export default defineOperation({
  name: 'delete_filter',
  title: 'Delete filter',
  description: 'Deletes a saved filter (Pipedrive marks it deleted) and returns its ID.',
  resource: 'filters',
  method: 'DELETE',
  path: '/filters/{id}',
  api: 'v1',
  scopes: FILTER_WRITE_SCOPES,
  tokenCost: 6,
  params: { id: savedFilterId() },
  output: deleted('The ID of the deleted filter'),
  sample: { id: 1 },
});
