import { defineOperation } from '../../runtime/define.js';
import { fieldCode, oneField } from '../../schemas/fields.js';

export default defineOperation({
  name: 'delete_person_field',
  title: 'Delete person field',
  description: 'Marks a custom person field as deleted and returns its definition as it was.',
  resource: 'fields',
  method: 'DELETE',
  path: '/personFields/{field_code}',
  scopes: ['admin', 'contact-fields:full'],
  tokenCost: { estimated: 3 },
  changesFields: 'person',
  params: { field_code: fieldCode('person') },
  output: oneField,
  sample: { field_code: '5b8a1f0e9c4d3b2a1f0e9c4d3b2a1f0e9c4d3b2a' },
});
