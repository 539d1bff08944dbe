import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { comment, commentBody, commentPath } from '../../schemas/notes.js';

export default defineOperation({
  name: 'update_note_comment',
  title: 'Update note comment',
  description: 'Replaces the content of a comment on a note.',
  resource: 'notes',
  method: 'PUT',
  path: '/notes/{id}/comments/{commentId}',
  api: 'v1',
  scopes: ['deals:full', 'contacts:full'],
  tokenCost: 10,
  params: commentPath,
  body: commentBody,
  output: single(comment),
  sample: {
    id: 725,
    commentId: '46c3b0e1-db35-59ca-1828-4817378dff71',
    content: '<p>Legal approved the new terms on Friday.</p>',
  },
});
