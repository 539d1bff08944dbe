import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { note, notePath } from '../../schemas/notes.js';

export default defineOperation({
  name: 'get_note',
  title: 'Get note',
  description: 'Returns the details of a note, with the records it is attached to and its author.',
  resource: 'notes',
  method: 'GET',
  path: '/notes/{id}',
  api: 'v1',
  scopes: ['deals:read', 'deals:full', 'contacts:read', 'contacts:full'],
  tokenCost: 2,
  params: notePath,
  output: single(note),
  sample: { id: 1 },
});
