import { defineOperation } from '../../runtime/define.js';
import { deleted } from '../../schemas/common.js';
import { fileId } from '../../schemas/files.js';

export default defineOperation({
  name: 'delete_file',
  title: 'Delete file',
  description: 'Marks a file as deleted; Pipedrive removes it for good after 30 days.',
  resource: 'files',
  method: 'DELETE',
  path: '/files/{id}',
  api: 'v1',
  scopes: ['deals:full', 'activities:full', 'contacts:full'],
  tokenCost: 6,
  params: { id: fileId() },
  output: deleted('The ID of the deleted file'),
  sample: { id: 1 },
});
