import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { note, notePath, updateNoteBody } from '../../schemas/notes.js';

export default defineOperation({
  name: 'update_note',
  title: 'Update note',
  description: 'Updates a note: its content, the records it is attached to, its author or its pinning.',
  resource: 'notes',
  method: 'PUT',
  path: '/notes/{id}',
  api: 'v1',
  scopes: ['deals:full', 'contacts:full'],
  tokenCost: 10,
  params: notePath,
  body: updateNoteBody,
  output: single(note),
  sample: { id: 1, content: '<p>Renewal agreed for three years.</p>' },
});
