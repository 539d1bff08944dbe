import { defineOperation } from '../../runtime/define.js';
import { list } from '../../schemas/common.js';
import { fieldDefinition, fieldListQuery } from '../../schemas/fields.js';

export default defineOperation({
  name: 'list_organization_fields',
  title: 'List organization fields',
  description:
    'Returns the organization fields (standard and custom) with their keys, types and options; custom field values of organizations are keyed by `field_code`.',
  resource: 'fields',
  method: 'GET',
  path: '/organizationFields',
  scopes: ['contacts:read', 'contacts:full', 'admin', 'contact-fields:full'],
  tokenCost: { estimated: 10 },
  query: fieldListQuery(true),
  pagination: { maxLimit: 500 },
  output: list(fieldDefinition),
  sample: { include_fields: ['ui_visibility', 'required_fields'], limit: 500 },
});
