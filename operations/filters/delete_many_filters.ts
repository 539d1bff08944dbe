import { z } from 'zod';
import { defineOperation } from '../../runtime/define.js';
import { ANY_RECORD_WRITE_SCOPES, csv } from '../../schemas/common.js';
import { deletedMany } from '../../schemas/reference.js';

export default defineOperation({
  name: 'delete_many_filters',
  title: 'Delete many filters',
  description:
    'Deletes several saved filters in one call (Pipedrive marks them deleted) and returns their IDs.',
  resource: 'filters',
  method: 'DELETE',
  path: '/filters',
  api: 'v1',
  scopes: ANY_RECORD_WRITE_SCOPES,
  tokenCost: 10,
  query: { ids: csv(z.int().positive(), 'The IDs of the filters to delete') },
  output: deletedMany('filters'),
  sample: { ids: [1, 2] },
});
