import { defineOperation } from '../../runtime/define.js';
import { v1FieldIds } from '../../schemas/fields.js';
import { deletedMany } from '../../schemas/reference.js';

export default defineOperation({
  name: 'delete_many_person_fields',
  title: 'Delete many person fields',
  description:
    'Marks several custom person fields as deleted in one call, by their numeric API v1 IDs, and returns the IDs. One field by its `field_code`: delete_person_field.',
  resource: 'fields',
  method: 'DELETE',
  path: '/personFields',
  api: 'v1',
  scopes: ['admin'],
  tokenCost: 10,
  changesFields: 'person',
  query: { ids: v1FieldIds('person') },
  output: deletedMany('fields'),
  sample: { ids: [51, 52] },
});
