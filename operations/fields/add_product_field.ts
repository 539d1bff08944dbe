import { defineOperation } from '../../runtime/define.js';
import { newField, oneField } from '../../schemas/fields.js';

export default defineOperation({
  name: 'add_product_field',
  title: 'Add product field',
  description:
    "Creates a custom product field: its name and type (`enum` and `set` with their options), and where it is shown. Returns the field with its new `field_code`, the key of its values in products' `custom_fields`.",
  resource: 'fields',
  method: 'POST',
  path: '/productFields',
  scopes: ['products:full', 'product-fields:full'],
  tokenCost: { estimated: 5 },
  changesFields: 'product',
  body: newField('product'),
  output: oneField,
  sample: {
    field_name: 'Warranty (months)',
    field_type: 'double',
    ui_visibility: { add_visible_flag: true, details_visible_flag: true },
  },
});
