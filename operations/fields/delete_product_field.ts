import { defineOperation } from '../../runtime/define.js';
import { fieldCode, oneField } from '../../schemas/fields.js';

export default defineOperation({
  name: 'delete_product_field',
  title: 'Delete product field',
  description: 'Marks a custom product field as deleted and returns its definition as it was.',
  resource: 'fields',
  method: 'DELETE',
  path: '/productFields/{field_code}',
  scopes: ['products:full', 'product-fields:full'],
  tokenCost: { estimated: 3 },
  changesFields: 'product',
  params: { field_code: fieldCode('product') },
  output: oneField,
  sample: { field_code: '5b8a1f0e9c4d3b2a1f0e9c4d3b2a1f0e9c4d3b2a' },
});
