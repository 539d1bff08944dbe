import { defineOperation } from '../../runtime/define.js';
import { listV1Flat } from '../../schemas/common.js';
import { file, fileListQuery, filePages, recordId } from '../../schemas/files.js';

export default defineOperation({
  name: 'get_product_files',
  title: 'Get product files',
  description: 'Returns the files attached to a product, 100 at most per page.',
  resource: 'files',
  method: 'GET',
  path: '/products/{id}/files',
  api: 'v1',
  scopes: ['products:read', 'products:full'],
  tokenCost: 20,
  params: { id: recordId('product') },
  query: fileListQuery,
  pagination: filePages,
  output: listV1Flat(file, 'file'),
  sample: { id: 1, sort: 'update_time DESC', limit: 50 },
});
