import { defineOperation } from '../../runtime/define.js';
import { changedOptions, fieldCode, optionsBody } from '../../schemas/fields.js';

export default defineOperation({
  name: 'update_product_field_options',
  title: 'Update product field options',
  description:
    'Relabels options of a custom `enum` or `set` product field by option ID, all or none (an unknown ID fails the call); returns the updated options.',
  resource: 'fields',
  method: 'PATCH',
  path: '/productFields/{field_code}/options',
  scopes: ['products:full', 'product-fields:full'],
  tokenCost: { estimated: 5 },
  changesFields: 'product',
  params: { field_code: fieldCode('product') },
  listBody: optionsBody.update,
  output: changedOptions,
  sample: {
    field_code: '5b8a1f0e9c4d3b2a1f0e9c4d3b2a1f0e9c4d3b2a',
    options: [{ id: 12, label: 'Gold (annual)' }],
  },
});
