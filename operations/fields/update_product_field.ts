import { defineOperation } from '../../runtime/define.js';
import { fieldChanges, fieldCode, oneField } from '../../schemas/fields.js';

const FIELD = '5b8a1f0e9c4d3b2a1f0e9c4d3b2a1f0e9c4d3b2a';

export default defineOperation({
  name: 'update_product_field',
  title: 'Update product field',
  description:
    "Changes a custom product field's name or settings; only what is given changes, and its `field_code` and type stay. Options have their own operations (add_, update_ and delete_product_field_options).",
  resource: 'fields',
  method: 'PATCH',
  path: '/productFields/{field_code}',
  scopes: ['products:full', 'product-fields:full'],
  tokenCost: { estimated: 5 },
  changesFields: 'product',
  params: { field_code: fieldCode('product') },
  body: fieldChanges('product'),
  output: oneField,
  sample: { field_code: FIELD, field_name: 'Warranty in months' },
});
