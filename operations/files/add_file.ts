import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { attachTo, file, uploadedFile } from '../../schemas/files.js';

export default defineOperation({
  name: 'add_file',
  title: 'Add file',
  description:
    'Uploads a file and attaches it to a deal, person, organization, product, activity, lead or project (give at least one). The file goes as multipart/form-data, streamed: its size is bounded by the connection (100 MiB by default).',
  resource: 'files',
  method: 'POST',
  path: '/files',
  api: 'v1',
  scopes: ['deals:full', 'activities:full', 'contacts:full'],
  tokenCost: 10,
  files: { file: uploadedFile() },
  body: attachTo,
  output: single(file),
  sample: {
    file: { name: 'contract.txt', type: 'text/plain', base64: 'U2lnbmVkIGNvbnRyYWN0Lg==' },
    deal_id: 1,
  },
});
