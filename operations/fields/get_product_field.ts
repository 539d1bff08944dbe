import { defineOperation } from '../../runtime/define.js';
import { fieldCode, fieldListQuery, oneField } from '../../schemas/fields.js';

export default defineOperation({
  name: 'get_product_field',
  title: 'Get product field',
  description:
    'Returns one product field by its `field_code`: name, type and options with their IDs, and with `include_fields` where it is shown.',
  resource: 'fields',
  method: 'GET',
  path: '/productFields/{field_code}',
  scopes: ['products:read', 'products:full', 'product-fields:full'],
  tokenCost: { estimated: 1 },
  params: { field_code: fieldCode('product') },
  query: fieldListQuery(false),
  output: oneField,
  sample: { field_code: 'name', include_fields: ['ui_visibility'] },
});
