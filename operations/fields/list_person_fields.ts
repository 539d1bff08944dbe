import { defineOperation } from '../../runtime/define.js';
import { list } from '../../schemas/common.js';
import { fieldDefinition, fieldListQuery } from '../../schemas/fields.js';

export default defineOperation({
  name: 'list_person_fields',
  title: 'List person fields',
  description:
    'Returns the person fields (standard and custom) with their keys, types and options; custom field values of persons are keyed by `field_code`.',
  resource: 'fields',
  method: 'GET',
  path: '/personFields',
  scopes: ['contacts:read', 'contacts:full', 'admin', 'contact-fields:full'],
  tokenCost: { estimated: 10 },
  query: fieldListQuery(true),
  pagination: { maxLimit: 500 },
  output: list(fieldDefinition),
  sample: { include_fields: ['ui_visibility', 'required_fields'], limit: 500 },
});
