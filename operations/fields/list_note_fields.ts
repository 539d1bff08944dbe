import { defineOperation } from '../../runtime/define.js';
import { v1Field } from '../../schemas/fields.js';
import { plainList } from '../../schemas/reference.js';

export default defineOperation({
  name: 'list_note_fields',
  title: 'List note fields',
  description:
    'Returns the fields of notes (content, the pinned flags, ...) with their keys, types and options, as API v1 describes them.',
  resource: 'fields',
  method: 'GET',
  path: '/noteFields',
  api: 'v1',
  scopes: ['deals:read', 'deals:full', 'contacts:read', 'contacts:full'],
  tokenCost: 20,
  output: plainList(v1Field),
  sample: {},
});
