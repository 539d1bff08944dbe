import { defineOperation } from '../../runtime/define.js';
import { listV1 } from '../../schemas/common.js';
import { note, noteListQuery } from '../../schemas/notes.js';

export default defineOperation({
  name: 'list_notes',
  title: 'List notes',
  description:
    'Returns notes, optionally only those of a user or attached to a lead, deal, person, organization or project, added within a date range, or pinned.',
  resource: 'notes',
  method: 'GET',
  path: '/notes',
  api: 'v1',
  scopes: ['deals:read', 'deals:full', 'contacts:read', 'contacts:full'],
  tokenCost: 20,
  query: noteListQuery,
  pagination: { maxLimit: 500, style: 'offset' },
  output: listV1(note),
  sample: { deal_id: 1, sort: 'add_time DESC', limit: 100 },
});
