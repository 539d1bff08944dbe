import { defineOperation } from '../../runtime/define.js';
import { fieldCode, fieldListQuery, oneField } from '../../schemas/fields.js';

export default defineOperation({
  name: 'get_deal_field',
  title: 'Get deal field',
  description:
    'Returns one deal field by its `field_code`: name, type and options with their IDs, and with `include_fields` where it is shown and whether it is important or required.',
  resource: 'fields',
  method: 'GET',
  path: '/dealFields/{field_code}',
  scopes: ['deals:read', 'deals:full', 'admin', 'deal-fields:full'],
  tokenCost: { estimated: 1 },
  params: { field_code: fieldCode('deal') },
  query: fieldListQuery(true),
  output: oneField,
  sample: { field_code: 'title', include_fields: ['ui_visibility', 'important_fields'] },
});
