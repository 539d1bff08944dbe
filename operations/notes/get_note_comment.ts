import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { comment, commentPath } from '../../schemas/notes.js';

export default defineOperation({
  name: 'get_note_comment',
  title: 'Get note comment',
  description: 'Returns one comment on a note.',
  resource: 'notes',
  method: 'GET',
  path: '/notes/{id}/comments/{commentId}',
  api: 'v1',
  scopes: ['deals:read', 'deals:full', 'contacts:read', 'contacts:full'],
  tokenCost: 2,
  params: commentPath,
  output: single(comment),
  sample: { id: 725, commentId: '46c3b0e1-db35-59ca-1828-4817378dff71' },
});
