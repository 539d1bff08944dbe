import { defineOperation } from '../../runtime/define.js';
import { listV1 } from '../../schemas/common.js';
import { comment, notePath } from '../../schemas/notes.js';

export default defineOperation({
  name: 'get_note_comments',
  title: 'List note comments',
  description: 'Lists the comments on a note, with their authors and times.',
  resource: 'notes',
  method: 'GET',
  path: '/notes/{id}/comments',
  api: 'v1',
  scopes: ['deals:read', 'deals:full', 'contacts:read', 'contacts:full'],
  tokenCost: 20,
  params: notePath,
  pagination: { maxLimit: 500, style: 'offset' },
  output: listV1(comment),
  sample: { id: 725, limit: 100 },
});
