import { defineOperation } from '../../runtime/define.js';
import { list } from '../../schemas/common.js';
import { fieldDefinition } from '../../schemas/fields.js';

export default defineOperation({
  name: 'list_project_fields',
  title: 'List project fields',
  description:
    'Returns the project fields (standard and custom) with their keys, types and options; custom field values of projects are keyed by `field_code`.',
  resource: 'fields',
  method: 'GET',
  path: '/projectFields',
  scopes: ['projects:read', 'projects:full', 'project-fields:full'],
  tokenCost: { estimated: 10 },
  pagination: { maxLimit: 500 },
  output: list(fieldDefinition),
  sample: { limit: 100 },
});
