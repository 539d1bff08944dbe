import { defineOperation } from '../../runtime/define.js';
import { fileAnswer } from '../../runtime/files.js';
import { ANY_RECORD_READ_SCOPES } from '../../schemas/common.js';
import { fileId } from '../../schemas/files.js';

export default defineOperation({
  name: 'download_file',
  title: 'Download file',
  description:
    "Downloads a file's content, with the name and content type Pipedrive gives it. The answer is the file itself, not JSON: a stream in the plugin API, the body of the host's answer, binary data in n8n.",
  resource: 'files',
  method: 'GET',
  path: '/files/{id}/download',
  api: 'v1',
  scopes: ANY_RECORD_READ_SCOPES,
  tokenCost: 20,
  params: { id: fileId() },
  output: fileAnswer('The file: its bytes, name, content type and size'),
  sample: { id: 1 },
});
