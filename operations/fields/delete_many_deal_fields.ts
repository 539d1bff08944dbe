import { defineOperation } from '../../runtime/define.js';
import { v1FieldIds } from '../../schemas/fields.js';
import { deletedMany } from '../../schemas/reference.js';

export default defineOperation({
  name: 'delete_many_deal_fields',
  title: 'Delete many deal fields',
  description:
    'Marks several custom deal fields as deleted in one call, by their numeric API v1 IDs, and returns the IDs. One field by its `field_code`: delete_deal_field.',
  resource: 'fields',
  method: 'DELETE',
  path: '/dealFields',
  api: 'v1',
  scopes: ['admin'],
  tokenCost: 10,
  changesFields: 'deal',
  query: { ids: v1FieldIds('deal') },
  output: deletedMany('fields'),
  sample: { ids: [51, 52] },
});
