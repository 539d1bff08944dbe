import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { comment, commentBody, notePath } from '../../schemas/notes.js';

export default defineOperation({
  name: 'add_note_comment',
  title: 'Add note comment',
  description: 'Adds a comment (HTML) to a note, as the user making the request.',
  resource: 'notes',
  method: 'POST',
  path: '/notes/{id}/comments',
  api: 'v1',
  scopes: ['deals:full', 'contacts:full'],
  tokenCost: 10,
  params: notePath,
  body: commentBody,
  output: single(comment),
  sample: { id: 725, content: '<p>Legal approved the new terms.</p>' },
});
