import { defineOperation } from '../../runtime/define.js';
import { list } from '../../schemas/common.js';
import { fieldDefinition, fieldListQuery } from '../../schemas/fields.js';

export default defineOperation({
  name: 'list_product_fields',
  title: 'List product fields',
  description:
    'Returns the product fields (standard and custom) with their keys, types and options; custom field values of products are keyed by `field_code`.',
  resource: 'fields',
  method: 'GET',
  path: '/productFields',
  scopes: ['products:read', 'products:full', 'product-fields:full'],
  tokenCost: { estimated: 10 },
  query: fieldListQuery(false),
  pagination: { maxLimit: 500 },
  output: list(fieldDefinition),
  sample: { include_fields: ['ui_visibility'], limit: 500 },
});
