import { defineOperation } from '../../runtime/define.js';
import { listV1Flat } from '../../schemas/common.js';
import { file, fileListQuery, filePages, recordId } from '../../schemas/files.js';

export default defineOperation({
  name: 'get_person_files',
  title: 'Get person files',
  description: 'Returns the files attached to a person, 100 at most per page.',
  resource: 'files',
  method: 'GET',
  path: '/persons/{id}/files',
  api: 'v1',
  scopes: ['contacts:read', 'contacts:full'],
  tokenCost: 20,
  params: { id: recordId('person') },
  query: fileListQuery,
  pagination: filePages,
  output: listV1Flat(file, 'file'),
  sample: { id: 1, sort: 'update_time DESC', limit: 50 },
});
