import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { addNoteBody, note } from '../../schemas/notes.js';

export default defineOperation({
  name: 'add_note',
  title: 'Add note',
  description:
    'Adds a note (HTML content) to a lead, deal, person, organization or project; at least one of them is required. The note can be pinned to the records it is attached to.',
  resource: 'notes',
  method: 'POST',
  path: '/notes',
  api: 'v1',
  scopes: ['deals:full', 'contacts:full'],
  tokenCost: 10,
  body: addNoteBody,
  output: single(note),
  sample: { content: '<p>Called about the renewal terms.</p>', deal_id: 1, pinned_to_deal_flag: 1 },
});
