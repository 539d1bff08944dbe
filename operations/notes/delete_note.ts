import { z } from 'zod';
import { defineOperation } from '../../runtime/define.js';
import { describe, single } from '../../schemas/common.js';
import { notePath } from '../../schemas/notes.js';

export default defineOperation({
  name: 'delete_note',
  title: 'Delete note',
  description: 'Deletes a note.',
  resource: 'notes',
  method: 'DELETE',
  path: '/notes/{id}',
  api: 'v1',
  scopes: ['deals:full', 'contacts:full'],
  tokenCost: 6,
  params: notePath,
  output: single(describe(z.boolean(), 'Whether the note was deleted')),
  sample: { id: 1 },
});
