import { defineOperation } from '../../runtime/define.js';
import { changedOptions, fieldCode, optionsBody } from '../../schemas/fields.js';

export default defineOperation({
  name: 'add_product_field_options',
  title: 'Add product field options',
  description:
    'Adds options to a custom `enum` or `set` product field, all or none; returns the new options with their IDs.',
  resource: 'fields',
  method: 'POST',
  path: '/productFields/{field_code}/options',
  scopes: ['products:full', 'product-fields:full'],
  tokenCost: { estimated: 25 },
  changesFields: 'product',
  params: { field_code: fieldCode('product') },
  listBody: optionsBody.add,
  output: changedOptions,
  sample: {
    field_code: '5b8a1f0e9c4d3b2a1f0e9c4d3b2a1f0e9c4d3b2a',
    options: [{ label: 'Gold' }, { label: 'Platinum' }],
  },
});
