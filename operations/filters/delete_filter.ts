import { defineOperation } from '../../runtime/define.js';
import { ANY_RECORD_WRITE_SCOPES, deleted } from '../../schemas/common.js';
import { savedFilterId } from '../../schemas/reference.js';

export default defineOperation({
  name: 'delete_filter',
  title: 'Delete filter',
  description: 'Deletes a saved filter (Pipedrive marks it deleted) and returns its ID.',
  resource: 'filters',
  method: 'DELETE',
  path: '/filters/{id}',
  api: 'v1',
  scopes: ANY_RECORD_WRITE_SCOPES,
  tokenCost: 6,
  params: { id: savedFilterId() },
  output: deleted('The ID of the deleted filter'),
  sample: { id: 1 },
});
