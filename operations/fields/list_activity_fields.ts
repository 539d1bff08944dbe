import { defineOperation } from '../../runtime/define.js';
import { list } from '../../schemas/common.js';
import { fieldDefinition, fieldListQuery } from '../../schemas/fields.js';

export default defineOperation({
  name: 'list_activity_fields',
  title: 'List activity fields',
  description:
    'Returns the activity fields with their keys, types and options (e.g. the priorities). With OAuth it needs the `admin` scope.',
  resource: 'fields',
  method: 'GET',
  path: '/activityFields',
  scopes: ['admin'],
  tokenCost: { estimated: 10 },
  query: fieldListQuery(false),
  pagination: { maxLimit: 500 },
  output: list(fieldDefinition),
  sample: { include_fields: ['ui_visibility'], limit: 500 },
});
