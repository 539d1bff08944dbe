import { defineOperation } from '../../runtime/define.js';
import { fieldCode, oneField } from '../../schemas/fields.js';

export default defineOperation({
  name: 'delete_organization_field',
  title: 'Delete organization field',
  description: 'Marks a custom organization field as deleted and returns its definition as it was.',
  resource: 'fields',
  method: 'DELETE',
  path: '/organizationFields/{field_code}',
  scopes: ['admin', 'contact-fields:full'],
  tokenCost: { estimated: 3 },
  changesFields: 'organization',
  params: { field_code: fieldCode('organization') },
  output: oneField,
  sample: { field_code: '5b8a1f0e9c4d3b2a1f0e9c4d3b2a1f0e9c4d3b2a' },
});
