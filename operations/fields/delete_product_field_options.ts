import { defineOperation } from '../../runtime/define.js';
import { changedOptions, fieldCode, optionsBody } from '../../schemas/fields.js';

export default defineOperation({
  name: 'delete_product_field_options',
  title: 'Delete product field options',
  description:
    'Deletes options of a custom `enum` or `set` product field by option ID, all or none (an unknown ID fails the call); returns the deleted options.',
  resource: 'fields',
  method: 'DELETE',
  path: '/productFields/{field_code}/options',
  scopes: ['products:full', 'product-fields:full'],
  tokenCost: { estimated: 15 },
  changesFields: 'product',
  params: { field_code: fieldCode('product') },
  listBody: optionsBody.delete,
  output: changedOptions,
  sample: { field_code: '5b8a1f0e9c4d3b2a1f0e9c4d3b2a1f0e9c4d3b2a', options: [{ id: 12 }, { id: 13 }] },
});
