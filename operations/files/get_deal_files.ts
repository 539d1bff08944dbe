import { defineOperation } from '../../runtime/define.js';
import { listV1Flat } from '../../schemas/common.js';
import { file, fileListQuery, filePages, recordId } from '../../schemas/files.js';

export default defineOperation({
  name: 'get_deal_files',
  title: 'Get deal files',
  description: 'Returns the files attached to a deal, 100 at most per page.',
  resource: 'files',
  method: 'GET',
  path: '/deals/{id}/files',
  api: 'v1',
  scopes: ['deals:read', 'deals:full'],
  tokenCost: 20,
  params: { id: recordId('deal') },
  query: fileListQuery,
  pagination: filePages,
  output: listV1Flat(file, 'file'),
  sample: { id: 1, sort: 'update_time DESC', limit: 50 },
});
