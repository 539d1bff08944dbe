import { defineOperation } from '../../runtime/define.js';
import { ANY_RECORD_READ_SCOPES, listV1 } from '../../schemas/common.js';
import { file, fileListQuery, filePages } from '../../schemas/files.js';

export default defineOperation({
  name: 'list_files',
  title: 'List files',
  description:
    'Returns the files of the company (uploaded, attached to emails, or linked from Google Drive), with the records each is attached to, 100 at most per page.',
  resource: 'files',
  method: 'GET',
  path: '/files',
  api: 'v1',
  scopes: ANY_RECORD_READ_SCOPES,
  tokenCost: 20,
  query: fileListQuery,
  pagination: filePages,
  output: listV1(file),
  sample: { sort: 'update_time DESC', limit: 50 },
});
