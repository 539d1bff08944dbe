import { z } from 'zod';
import { defineOperation } from '../../runtime/define.js';
import { describe, single } from '../../schemas/common.js';
import { commentPath } from '../../schemas/notes.js';

export default defineOperation({
  name: 'delete_note_comment',
  title: 'Delete note comment',
  description: 'Deletes a comment on a note.',
  resource: 'notes',
  method: 'DELETE',
  path: '/notes/{id}/comments/{commentId}',
  api: 'v1',
  scopes: ['deals:full', 'contacts:full'],
  tokenCost: 6,
  params: commentPath,
  output: single(describe(z.boolean(), 'Whether the comment was deleted')),
  sample: { id: 725, commentId: '46c3b0e1-db35-59ca-1828-4817378dff71' },
});
