import { defineOperation } from '../../runtime/define.js';
import { ANY_RECORD_READ_SCOPES, single } from '../../schemas/common.js';
import { file, fileId } from '../../schemas/files.js';

export default defineOperation({
  name: 'get_file',
  title: 'Get file',
  description:
    "Returns a file's details: its name, type, size, the records it is attached to, and its download URL. Use download_file for its bytes.",
  resource: 'files',
  method: 'GET',
  path: '/files/{id}',
  api: 'v1',
  scopes: ANY_RECORD_READ_SCOPES,
  tokenCost: 2,
  params: { id: fileId() },
  output: single(file),
  sample: { id: 1 },
});
