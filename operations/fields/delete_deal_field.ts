import { defineOperation } from '../../runtime/define.js';
import { fieldCode, oneField } from '../../schemas/fields.js';

export default defineOperation({
  name: 'delete_deal_field',
  title: 'Delete deal field',
  description: 'Marks a custom deal field as deleted and returns its definition as it was.',
  resource: 'fields',
  method: 'DELETE',
  path: '/dealFields/{field_code}',
  scopes: ['admin', 'deal-fields:full'],
  tokenCost: { estimated: 3 },
  changesFields: 'deal',
  params: { field_code: fieldCode('deal') },
  output: oneField,
  sample: { field_code: '5b8a1f0e9c4d3b2a1f0e9c4d3b2a1f0e9c4d3b2a' },
});
