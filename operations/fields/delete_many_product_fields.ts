import { defineOperation } from '../../runtime/define.js';
import { v1FieldIds } from '../../schemas/fields.js';
import { deletedMany } from '../../schemas/reference.js';

export default defineOperation({
  name: 'delete_many_product_fields',
  title: 'Delete many product fields',
  description:
    'Marks several custom product fields as deleted in one call, by their numeric API v1 IDs, and returns the IDs. One field by its `field_code`: delete_product_field.',
  resource: 'fields',
  method: 'DELETE',
  path: '/productFields',
  api: 'v1',
  scopes: ['products:full'],
  tokenCost: 10,
  changesFields: 'product',
  query: { ids: v1FieldIds('product') },
  output: deletedMany('fields'),
  sample: { ids: [51, 52] },
});
