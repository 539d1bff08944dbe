import { defineOperation } from '../../runtime/define.js';
import { fieldCode, fieldListQuery, oneField } from '../../schemas/fields.js';

export default defineOperation({
  name: 'get_organization_field',
  title: 'Get organization field',
  description:
    'Returns one organization field by its `field_code`: name, type and options with their IDs, and with `include_fields` where it is shown and whether it is important or required.',
  resource: 'fields',
  method: 'GET',
  path: '/organizationFields/{field_code}',
  scopes: ['contacts:read', 'contacts:full', 'admin', 'contact-fields:full'],
  tokenCost: { estimated: 1 },
  params: { field_code: fieldCode('organization') },
  query: fieldListQuery(true),
  output: oneField,
  sample: { field_code: 'name', include_fields: ['ui_visibility', 'important_fields'] },
});
